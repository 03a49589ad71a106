from django.urls import path

from mysite.pages import views

urlpatterns = [
    path("", views.home, name="home"),
]
