"""The site's URLs plus one view that fails, to see the 500 page as a shopper would."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from jd400site.urls import handler400, handler403, handler404, handler500, urlpatterns


def fails(request):
    raise RuntimeError("a bug")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [path("fails/", fails), path("forbidden/", forbidden), *urlpatterns]
__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
