from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from jd400site import limits


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin's own login, with a limit on attempts per client address: the directory
    it guards is what every card tells shoppers to dial."""
    if request.method == "POST":
        try_again = limits.spend(request, limits.ADMIN_LOGIN)
        if try_again is not None:
            return limits.render_try_again(request, "429.html", {}, try_again)
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
