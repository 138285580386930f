"""Important dates: added, changed and removed by their owner only, with one-line refusals."""

import pytest

from goodwill.errors import InvalidInput, NotFound
from goodwill.models import ImportantDate
from goodwill.services.dates import add_date, dates_of, edit_date, get_date, remove_date
from goodwill.services.people import PersonFields, add_person


@pytest.fixture
def jane(alice, now):
    return add_person(alice, PersonFields(name="Jane Doe"))


def test_add_change_remove(alice, jane):
    d = add_date(alice, jane, "  work   anniversary ", "14 June 2012")
    assert (d.label, d.month, d.day, d.year) == ("work anniversary", 6, 14, 2012)
    add_date(alice, jane, "anniversary", "--03-01")
    assert [x.label for x in dates_of(alice, jane)] == ["anniversary", "work anniversary"]
    edit_date(alice, d, when="15 June")
    assert (get_date(alice, d.pk).day, get_date(alice, d.pk).year) == (15, None)
    remove_date(alice, d)
    assert ImportantDate.objects.count() == 1


@pytest.mark.parametrize(
    "label,when,message",
    [
        ("", "14 June", "needs a label"),
        ("x" * 61, "14 June", "at most 60 characters"),
        ("anniversary", "31 June", "no day 31 in June"),
        ("anniversary", "someday", "write it as 17 July"),
    ],
)
def test_bad_input_is_one_line(alice, jane, label, when, message):
    with pytest.raises(InvalidInput, match=message):
        add_date(alice, jane, label, when)
    assert not ImportantDate.objects.exists()


def test_nobody_else_can_touch_them(alice, bob, charlie, jane):
    d = add_date(alice, jane, "anniversary", "14 June")
    for stranger in (bob, charlie):
        with pytest.raises(NotFound):
            get_date(stranger, d.pk)
        with pytest.raises(NotFound):
            add_date(stranger, jane, "x", "1 May")
        with pytest.raises(NotFound):
            edit_date(stranger, d, label="mine now")
        with pytest.raises(NotFound):
            remove_date(stranger, d)
    assert ImportantDate.objects.get().label == "anniversary"
