from django.urls import path

from cases import evidence_views, views

app_name = "cases"
urlpatterns = [
    path("", views.start, name="start"),
    path("c/new/", views.new_case, name="new"),
    path("c/<str:token>/", views.case_home, name="home"),
    path("c/<str:token>/delete/", views.delete_case, name="delete"),
    path("c/<str:token>/forget/", views.forget, name="forget"),
    path("c/<str:token>/card/", views.card, name="card"),
    path("c/<str:token>/card.txt", views.card_text, name="card_text"),
    path("c/<str:token>/calls/new/", views.call_new, name="call_new"),
    path("c/<str:token>/calls/<int:call_id>/", views.call_edit, name="call_edit"),
    path("c/<str:token>/calls/<int:call_id>/delete/", views.call_delete, name="call_delete"),
    path("c/<str:token>/close/", views.close_case, name="close"),
    path("c/<str:token>/reminder.ics", views.reminder, name="reminder"),
    path("c/<str:token>/12315/", views.escalate, name="escalate"),
    path("c/<str:token>/evidence/upload/", evidence_views.upload, name="evidence_upload"),
    path(
        "c/<str:token>/evidence/<int:evidence_id>/delete/",
        evidence_views.delete,
        name="evidence_delete",
    ),
    path(
        "c/<str:token>/evidence/<int:evidence_id>/image/",
        evidence_views.image,
        name="evidence_image",
    ),
    path(
        "c/<str:token>/evidence/<int:evidence_id>/thumbnail/",
        evidence_views.thumbnail,
        name="evidence_thumbnail",
    ),
    path("c/<str:token>/<slug:slug>/", views.step, name="step"),
]
