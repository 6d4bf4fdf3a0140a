from django.urls import path

from cases import views

app_name = "cases"
urlpatterns = [
    path("", views.start, name="start"),
    path("c/new/", views.new_case, name="new"),
    path("c/<str:token>/", views.case_home, name="home"),
    path("c/<str:token>/delete/", views.delete_case, name="delete"),
    path("c/<str:token>/card/", views.card, name="card"),
    path("c/<str:token>/card.txt", views.card_text, name="card_text"),
    path("c/<str:token>/<slug:slug>/", views.step, name="step"),
]
