from django.urls import include, path, register_converter

from cases import call_views, evidence_views, views
from cases.addresses import TokenConverter

register_converter(TokenConverter, "token")

app_name = "cases"

# Everything under one case's private address, /c/<token>/.
case_urls = [
    path("", views.case_home, name="home"),
    path("delete/", views.delete_case, name="delete"),
    path("forget/", views.forget, name="forget"),
    path("new-link/", views.new_link, name="new_link"),
    path("card/", views.card, name="card"),
    path("card.txt", views.card_text, name="card_text"),
    path("calls/new/", views.call_new, name="call_new"),
    path("calls/<int:call_id>/", views.call_edit, name="call_edit"),
    path("calls/<int:call_id>/delete/", views.call_delete, name="call_delete"),
    # On the call (issue 21)
    path("call/", call_views.call_page, name="call"),
    path("call/notes/", call_views.call_notes, name="call_notes"),
    path("call/end/", call_views.call_end, name="call_end"),
    path("call/confirm/", call_views.call_confirm, name="call_confirm"),
    path("close/", views.close_case, name="close"),
    path("reminder.ics", views.reminder, name="reminder"),
    path("deadline/<slug:key>.ics", views.deadline_reminder, name="deadline_reminder"),
    path("12315/", views.escalate, name="escalate"),
    path("evidence/upload/", evidence_views.upload, name="evidence_upload"),
    path("evidence/<int:evidence_id>/delete/", evidence_views.delete, name="evidence_delete"),
    path("evidence/<int:evidence_id>/image/", evidence_views.image, name="evidence_image"),
    path(
        "evidence/<int:evidence_id>/thumbnail/",
        evidence_views.thumbnail,
        name="evidence_thumbnail",
    ),
    path("<slug:slug>/", views.step, name="step"),
]

urlpatterns = [
    path("", views.start, name="start"),
    # At the root: a service worker's scope is its own path and below.
    path("sw.js", call_views.service_worker, name="service_worker"),
    path("c/new/", views.new_case, name="new"),
    path("c/<token:token>/", include(case_urls)),
]
