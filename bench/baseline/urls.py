from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path


def page(request: HttpRequest) -> HttpResponse:
    return render(request, "baseline.html", {"title": "订单信息", "step": 1})


urlpatterns = [path("", page)]
