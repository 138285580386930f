"""URL map: phone sync (goodwill.dav), the REST API and calendar feed (goodwill.api), the web pages (goodwill.web)."""

from django.urls import include, path

urlpatterns = [
    path("", include("goodwill.dav.urls")),
    path("", include("goodwill.api.urls")),
    path("", include("goodwill.web.urls")),
]
