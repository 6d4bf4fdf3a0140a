import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jd400site.settings")
application = get_wsgi_application()

# Everything imported so far (Django, the app, its URL patterns) lives as long as the
# process: the garbage collector need not walk it again on every full collection, which
# otherwise stalls a request now and then (the card's slowest 1 % under load). With
# gunicorn's preload_app this runs in the master, so the forked workers also keep sharing
# those memory pages instead of copying them as the collector touches them.
gc.freeze()
