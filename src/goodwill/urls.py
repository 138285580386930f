"""URL map: the web pages (goodwill.web), the REST API and calendar feed (goodwill.api)."""

from django.urls import include, path

urlpatterns = [
    path("", include("goodwill.api.urls")),
    path("", include("goodwill.web.urls")),
]
