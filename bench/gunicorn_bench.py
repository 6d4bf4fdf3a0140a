# The one server configuration both the baseline and jd400 run under in `make bench`
# (passed with -c, so a gunicorn.conf.py in the working folder never applies to one side).
workers = 2
worker_class = "sync"
accesslog = None
errorlog = "-"
loglevel = "warning"
timeout = 30
