"""The Places and Trip pages (`goodwill where`, `places`, `places confirm`, `trip`), added to the
web app's urlpatterns (web/urls.py). Every view here acts for request.owner."""

from django.urls import path

from goodwill.web.views import places

places_urlpatterns = [
    path("places/", places.places_page, name="places"),
    path("places/people/", places.place_list, {"which": "all"}, name="places-all"),
    path("places/unplaced/", places.place_list, {"which": "unplaced"}, name="places-unplaced"),
    path("places/<int:person_id>/confirm", places.confirm, name="place-confirm"),
    path("trip/", places.trip, name="trip"),
    path("trip/plan", places.trip_plan, name="trip-plan"),
]
