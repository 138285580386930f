from django.urls import path, re_path

from goodwill.dav import views

urlpatterns = [
    re_path(r"^\.well-known/(?P<service>carddav|caldav)/?$", views.well_known, name="dav-well-known"),
    re_path(r"^dav/(?P<rest>.*)$", views.dav, name="dav"),
    path("dav", views.dav, name="dav-root"),
]
