from django.urls import path

from routing import views

app_name = "routing"
urlpatterns = [
    path("", views.directory, name="directory"),
]
