"""DELETE /people/{id} with an undo through /deletions, and important dates through the API."""

from goodwill.models import Person


def test_delete_list_restore_and_empty(as_alice, network):
    jane = network["jane"]
    gone = as_alice.delete(f"/people/{jane.pk}")
    assert gone.status_code == 200
    deletion = gone.json()
    assert (deletion["person_id"], deletion["name"]) == (jane.pk, "Jane Doe")
    assert as_alice.get(f"/people/{jane.pk}").status_code == 404
    assert [d["name"] for d in as_alice.get("/deletions").json()] == ["Jane Doe"]
    back = as_alice.post(f"/deletions/{deletion['id']}/restore")
    assert back.status_code == 200 and back.json() == {"id": jane.pk, "name": "Jane Doe"}
    assert as_alice.get(f"/people/{jane.pk}").json()["emails"] == ["jane@acme.test"]
    again = as_alice.post(f"/deletions/{deletion['id']}/restore")
    assert again.status_code == 400 and "already restored" in again.json()["detail"]
    assert as_alice.delete(f"/deletions/{deletion['id']}").status_code == 204
    assert as_alice.get("/deletions").json() == []
    assert Person.objects.filter(pk=jane.pk).exists()


def test_important_dates(as_alice, network):
    jane = network["jane"]
    made = as_alice.post(f"/people/{jane.pk}/dates", {"label": "anniversary", "date": "2012-06-14"})
    assert made.status_code == 201
    assert made.json()["text"] == "14 June 2012"
    changed = as_alice.patch(f"/dates/{made.json()['id']}", {"date": "--06-15"})
    assert changed.json()["text"] == "15 June" and changed.json()["year"] is None
    bad = as_alice.post(f"/people/{jane.pk}/dates", {"label": "anniversary", "date": "31 June"})
    assert bad.status_code == 400 and "no day 31 in June" in bad.json()["detail"]
    typo = as_alice.post(f"/people/{jane.pk}/dates", {"label": "x", "date": "1 May", "yaer": 1990})
    assert typo.status_code in (400, 422) and "yaer" in typo.content.decode()
    assert [d["label"] for d in as_alice.get(f"/people/{jane.pk}/dates").json()] == ["anniversary"]
    assert as_alice.delete(f"/dates/{made.json()['id']}").status_code == 204
    assert as_alice.get(f"/people/{jane.pk}/dates").json() == []


def test_person_page_lists_important_dates(as_alice, network):
    jane = network["jane"]
    as_alice.post(f"/people/{jane.pk}/dates", {"label": "anniversary", "date": "14 June"})
    dates = as_alice.get(f"/people/{jane.pk}").json()["important_dates"]
    assert [(d["label"], d["text"], d["year"]) for d in dates] == [("anniversary", "14 June", None)]
