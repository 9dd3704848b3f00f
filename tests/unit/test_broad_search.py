import pytest

from jinsha_desktop.services import visit_lists
from jinsha_desktop.services.visit_lists import SORTS, VisitFilter, VisitSort
from tests.unit.test_visit_lists import every_page, register_sample


@pytest.mark.parametrize("text", ["王", "13", "3206", "苏F", "𠮷"])
@pytest.mark.parametrize("key", sorted(SORTS))
def test_a_broad_search_finds_the_same_visits_in_the_same_order(admin, monkeypatch, text, key):
    register_sample(admin)
    for descending in (False, True):
        sort = VisitSort(key, descending)
        narrow = every_page(admin, VisitFilter(text=text), sort, size=3)
        monkeypatch.setattr(visit_lists, "BROAD_SEARCH", 1)
        broad = every_page(admin, VisitFilter(text=text), sort, size=3)
        monkeypatch.setattr(visit_lists, "BROAD_SEARCH", 10_000)
        assert [r.id for r in broad] == [r.id for r in narrow]
        assert narrow or text == "13"
