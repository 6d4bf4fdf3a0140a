from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import include, path

from jd400site.limits import ADMIN_LOGIN, may_save, rate_limited


@rate_limited(ADMIN_LOGIN)
def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin's own login, with a limit on attempts per client address: the directory
    it guards is what every card tells shoppers to dial."""
    if not may_save(request):
        return render(request, "429.html")
    return admin.site.login(request)


urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # Before admin.site.urls: the first match wins, and the admin reverses to this path.
    path("admin/login/", admin_login),
    path("admin/", admin.site.urls),
    path("hotlines/", include("routing.urls")),
    path("", include("cases.urls")),
]

handler400 = "jd400site.errors.bad_request"
handler403 = "jd400site.errors.permission_denied"
handler404 = "jd400site.errors.page_not_found"
handler500 = "jd400site.errors.server_error"
