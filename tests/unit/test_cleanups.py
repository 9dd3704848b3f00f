"""Clean-up actions (整治): the input's rules, table-driven; recording with photos; editing keeps
the photos; a soft-deleted clean-up is kept but leaves the lists; the list's filters, sorts and
keyset pages."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from jinsha_desktop.db.repair_models import Cleanup, PhotoLink
from jinsha_desktop.domain.cleanups import CleanupInput
from jinsha_desktop.domain.errors import FormErrors, NotFound, ValidationError
from jinsha_desktop.domain.reference import BuildingInput, CompoundInput
from jinsha_desktop.domain.repair_kinds import CLEANUP
from jinsha_desktop.services import photos, reference
from jinsha_desktop.services.cleanups import (
    CleanupEntry,
    CleanupFilter,
    CleanupSort,
    cleanup_for_edit,
    cleanups_page,
    count_cleanups,
    delete_cleanup,
    iter_cleanups,
    record_cleanup,
    record_cleanups,
    update_cleanup,
)
from jinsha_desktop.services.context import AppContext
from jinsha_desktop.services.repair_catalogue import (
    delete_cleanup_category,
    list_cleanup_categories,
)
from tests.unit.support import row_counts

TODAY = date(2026, 11, 25)  # the fixed clock's day (tests/conftest.py)
SOME_CATEGORY = uuid.UUID(int=1)
SOME_COMPOUND = uuid.UUID(int=2)


def typed(**changes: object) -> CleanupInput:
    base = CleanupInput(SOME_CATEGORY, SOME_COMPOUND, 3, date(2026, 11, 20), volunteers=4)
    return replace(base, **changes)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (typed(category_id=None), "category_id", "请选择整治类别。"),
        (typed(compound_id=None), "compound_id", "请选择小区。"),
        (typed(count=-2), "count", "数量不能是负数。"),
        (typed(count=0), "count", "数量至少为 1。"),
        (typed(count=""), "count", "数量至少为 1。"),
        (typed(count="三"), "count", "数量应为整数，如 3。"),
        (typed(count=2.5), "count", "数量应为整数，如 3。"),
        (typed(count=100_001), "count", "数量不能超过 100000。"),
        (typed(done_on=None), "done_on", "请填写整治日期。"),
        (typed(done_on=date(2026, 11, 26)), "done_on", "整治日期不能晚于今天。"),
        (typed(done_on=date(1999, 12, 31)), "done_on", "整治日期不能早于 2000 年，请核对。"),
        (typed(cadres=-1), "cadres", "机关社区干部不能是负数。"),
        (typed(urban_officers=True), "urban_officers", "城管队员应为整数，如 3。"),
        (typed(property_staff=10_001), "property_staff", "物管人员不能超过 10000。"),
        (typed(volunteers="x"), "volunteers", "志愿者应为整数，如 3。"),
        (typed(place="楼" * 101), "place", "位置不能超过 100 个字（现在 101 个）。"),
        (typed(note="记" * 501), "note", "备注不能超过 500 个字（现在 501 个）。"),
    ],
    ids=[
        "no-category",
        "no-compound",
        "negative-count",
        "zero-count",
        "empty-count",
        "count-in-words",
        "fractional-count",
        "huge-count",
        "no-date",
        "date-in-future",
        "date-before-2000",
        "negative-cadres",
        "bool-officers",
        "too-many-staff",
        "volunteers-in-words",
        "place-too-long",
        "note-too-long",
    ],
)
def test_a_bad_clean_up_is_refused_with_a_message_on_its_field(
    data: CleanupInput, field: str, message: str
):
    with pytest.raises(FormErrors) as raised:
        data.cleaned(TODAY)

    assert [(e.field, e.message) for e in raised.value.errors] == [(field, message)]


def test_a_good_clean_up_is_cleaned_and_blank_head_counts_are_zero():
    clean = typed(place="  东门车棚 ", cadres="", urban_officers=None, note=" 清运 3 车 ").cleaned(
        TODAY
    )

    assert (clean.place, clean.note, clean.count) == ("东门车棚", "清运 3 车", 3)
    assert (clean.cadres, clean.urban_officers, clean.property_staff, clean.volunteers) == (
        0,
        0,
        0,
        4,
    )
    assert typed(done_on=TODAY).cleaned(TODAY).done_on == TODAY
    assert typed(done_on=date(2000, 1, 1)).cleaned(TODAY).done_on == date(2000, 1, 1)


def test_every_error_shows_at_once():
    with pytest.raises(FormErrors) as raised:
        typed(category_id=None, count=-1, done_on=None, volunteers=-3).cleaned(TODAY)

    fields = [e.field for e in raised.value.errors]
    assert fields == ["category_id", "count", "done_on", "volunteers"]


def test_the_notes_longest_length_is_the_declared_one():
    assert CLEANUP.field("note").max_length == 500


# ---------------------------------------------------------------- the service


@dataclass
class Places:
    unit: uuid.UUID
    other_unit: uuid.UUID
    compound: uuid.UUID
    other_compound: uuid.UUID
    building: uuid.UUID
    categories: dict[str, uuid.UUID]


@pytest.fixture
def places(admin: AppContext) -> Places:
    return make_places(admin)


def make_places(admin: AppContext) -> Places:
    """北山新村 (with 3号楼) in the first community, 金余花园 in the second; the categories."""
    units = reference.list_units(admin)
    compound = reference.save_compound(admin, units[0].id, CompoundInput("北山新村"))
    other = reference.save_compound(admin, units[1].id, CompoundInput("金余花园"))
    building = reference.save_building(admin, compound, BuildingInput("3号楼", 4, 6))
    categories = {c.name: c.id for c in list_cleanup_categories(admin)}
    return Places(units[0].id, units[1].id, compound, other, building, categories)


def image_bytes(colour: str, kind: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, kind)
    return buffer.getvalue()


def stored(admin: AppContext, colour: str) -> photos.StoredPhoto:
    return photos.store_photo(photos.photo_folder(admin), image_bytes(colour), f"{colour}.png")


def clutter(places: Places, **changes: object) -> CleanupInput:
    data = CleanupInput(
        places.categories["乱堆乱放"],
        places.compound,
        5,
        date(2026, 11, 20),
        building_id=places.building,
        place="北侧楼道",
        cadres=2,
        urban_officers=3,
        volunteers=4,
        note="清运杂物",
    )
    return replace(data, **changes)


def test_a_clean_up_is_recorded_with_its_before_and_after_photos(admin: AppContext, places):
    before, after = stored(admin, "red"), stored(admin, "blue")

    cleanup_id = record_cleanup(
        admin, clutter(places), photos_before=[before], photos_after=[after]
    )

    opened = cleanup_for_edit(admin, cleanup_id)
    assert opened.data == clutter(places).cleaned(TODAY)
    assert opened.unit_id == places.unit
    assert [(p.role, p.sha256, p.missing) for p in opened.photos] == [
        ("before", before.sha256, False),
        ("after", after.sha256, False),
    ]
    [row] = cleanups_page(admin)
    assert (row.compound_name, row.place, row.category, row.count, row.unit) == (
        "北山新村",
        "3号楼 北侧楼道",
        "乱堆乱放",
        5,
        "处",
    )
    assert (row.participants, row.people, row.photos.count) == ("干部2 城管3 志愿者4", 9, 2)
    assert [f.text(row) for f in CLEANUP.fields][:2] == ["2026-11-20", "北山社区"]


def test_editing_a_clean_up_keeps_its_photos_and_adds_new_ones(admin: AppContext, places):
    before, after = stored(admin, "red"), stored(admin, "blue")
    cleanup_id = record_cleanup(admin, clutter(places), photos_before=[before])
    opened = cleanup_for_edit(admin, cleanup_id)

    update_cleanup(
        admin, cleanup_id, clutter(places, count=7), opened.version, photos_after=[after]
    )

    again = cleanup_for_edit(admin, cleanup_id)
    assert again.data.count == 7
    assert [p.role for p in again.photos] == ["before", "after"]
    with pytest.raises(Exception, match="刚被别人修改过"):
        update_cleanup(admin, cleanup_id, clutter(places, count=8), opened.version)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"category_id": uuid.uuid4()}, "找不到这个整治类别"),
        ({"compound_id": uuid.uuid4()}, "找不到这个小区"),
        ({"building_id": "other-compound"}, "请在这个小区的楼栋中选择。"),
        ({"campaign_id": uuid.uuid4()}, "找不到这个排查活动"),
    ],
    ids=["unknown-category", "unknown-compound", "building-elsewhere", "unknown-campaign"],
)
def test_an_unknown_choice_is_refused_and_nothing_is_saved(
    admin: AppContext, places: Places, change: dict[str, object], message: str
):
    if change.get("building_id") == "other-compound":
        change = {"compound_id": places.other_compound}  # the building is 北山新村's
    counts = row_counts(admin)

    with pytest.raises(ValidationError, match=message):
        record_cleanup(admin, clutter(places, **change), photos_before=[stored(admin, "red")])

    assert row_counts(admin) == counts


def test_a_deleted_category_is_refused_for_new_clean_ups_but_old_ones_keep_it(
    admin: AppContext, places: Places
):
    record_cleanup(admin, clutter(places))
    delete_cleanup_category(admin, places.categories["乱堆乱放"])

    with pytest.raises(ValidationError, match="找不到这个整治类别"):
        record_cleanup(admin, clutter(places))
    assert [row.category for row in cleanups_page(admin)] == ["乱堆乱放"]


def test_several_clean_ups_are_recorded_all_or_none(admin: AppContext, places: Places):
    good = CleanupEntry(clutter(places))
    bad = CleanupEntry(clutter(places, compound_id=uuid.uuid4()))

    with pytest.raises(ValidationError):
        record_cleanups(admin, [good, good, bad])
    assert count_cleanups(admin) == 0

    ids = record_cleanups(admin, [good, CleanupEntry(clutter(places, count=2))])
    assert len(set(ids)) == 2
    assert count_cleanups(admin) == 2


def test_a_soft_deleted_clean_up_is_kept_but_out_of_the_lists(admin: AppContext, places):
    check_a_soft_deleted_clean_up_is_kept_but_out_of_the_lists(admin, places)


def check_a_soft_deleted_clean_up_is_kept_but_out_of_the_lists(
    admin: AppContext, places: Places
) -> None:
    keep = record_cleanup(admin, clutter(places, count=1))
    gone = record_cleanup(admin, clutter(places, count=2), photos_before=[stored(admin, "red")])

    with pytest.raises(ValidationError, match="请填写删除原因"):
        delete_cleanup(admin, gone, "  ")
    delete_cleanup(admin, gone, "重复登记")

    assert [row.id for row in cleanups_page(admin)] == [keep]
    assert [row.id for row in iter_cleanups(admin)] == [keep]
    assert count_cleanups(admin) == 1
    with admin.reading() as session:
        record = session.get(Cleanup, gone)
        assert record is not None and record.deleted_at is not None
        assert record.delete_reason == "重复登记"
        links = select(func.count()).select_from(PhotoLink).where(PhotoLink.record_id == gone)
        assert session.scalar(links) == 1  # its photo stays linked
    with pytest.raises(NotFound):
        cleanup_for_edit(admin, gone)


def test_the_list_filters_by_period_community_compound_category_and_text(
    admin: AppContext, places: Places
):
    wires = places.categories["乱拉乱挂"]
    a = record_cleanup(admin, clutter(places, done_on=date(2026, 11, 1)))
    b = record_cleanup(admin, clutter(places, category_id=wires, place="东门", building_id=None))
    c = record_cleanup(
        admin, clutter(places, compound_id=places.other_compound, building_id=None, place="")
    )

    def ids(**flt: object) -> set[uuid.UUID]:
        return {row.id for row in cleanups_page(admin, CleanupFilter(**flt))}  # type: ignore[arg-type]

    assert ids() == {a, b, c}
    assert ids(since=date(2026, 11, 10)) == {b, c}
    assert ids(until=date(2026, 11, 1)) == {a}
    assert ids(unit_id=places.other_unit) == {c}
    assert ids(compound_id=places.compound) == {a, b}
    assert ids(category_id=wires) == {b}
    assert ids(text="东门") == {b}
    assert ids(text="金余") == {c}
    assert count_cleanups(admin, CleanupFilter(compound_id=places.compound)) == 2


@pytest.mark.parametrize("key", ["done_on", "compound", "category", "count"])
@pytest.mark.parametrize("descending", [False, True], ids=["up", "down"])
def test_keyset_pages_cover_every_row_once_in_the_sorted_order(
    admin: AppContext, places: Places, key: str, descending: bool
):
    record_cleanups(admin, varied(places))
    check_keyset_pages(admin, CleanupSort(key, descending))


def varied(places: Places) -> list[CleanupEntry]:
    """23 clean-ups over two compounds, every category, counts 1..4 and six days."""
    names = list(places.categories.values())
    entries = [
        CleanupEntry(
            clutter(
                places,
                category_id=names[n % len(names)],
                count=1 + n % 4,
                done_on=date(2026, 11, 1 + n % 6),
                compound_id=places.compound if n % 3 else places.other_compound,
                building_id=None,
            )
        )
        for n in range(23)
    ]
    return entries


def check_keyset_pages(admin: AppContext, sort: CleanupSort) -> None:
    whole = cleanups_page(admin, sort=sort, limit=100)

    paged, after = [], None
    while True:
        page = cleanups_page(admin, sort=sort, after=after, limit=5)
        if not page:
            break
        paged.extend(page)
        after = (page[-1].sort_value, page[-1].id)

    assert [r.id for r in paged] == [r.id for r in whole]
    assert len({r.id for r in paged}) == 23
    assert [r.id for r in iter_cleanups(admin, sort=sort)] == [r.id for r in whole]
    values = [r.sort_value for r in whole]
    assert values == sorted(values, reverse=sort.descending)


def test_photos_of_a_clean_up_live_in_the_data_folders_store(admin: AppContext, places):
    photo = stored(admin, "green")
    cleanup_id = record_cleanup(admin, clutter(places), photos_after=[photo])

    [linked] = cleanup_for_edit(admin, cleanup_id).photos
    assert linked.path.is_file()
    assert photos.photo_folder(admin) in Path(linked.path).parents


def test_the_list_exports_to_a_real_workbook_as_shown(admin: AppContext, places, tmp_path):
    import openpyxl

    from jinsha_desktop.reports.exports import export_cleanups

    record_cleanup(admin, clutter(places, count=5, note="=HYPERLINK(1)"))
    gone = record_cleanup(admin, clutter(places, count=9))
    delete_cleanup(admin, gone, "重复登记")
    record_cleanup(admin, clutter(places, compound_id=places.other_compound, building_id=None))

    result = export_cleanups(
        admin,
        CleanupFilter(compound_id=places.compound),
        CleanupSort("count"),
        tmp_path / "整治.xlsx",
    )

    assert result.rows == 1
    sheet = openpyxl.load_workbook(result.path).active
    rows = list(sheet.iter_rows(values_only=True))
    headers = [f.header for f in CLEANUP.shown("sheet", lambda _s: True)]
    assert list(rows[0]) == headers
    values = dict(zip(headers, rows[1], strict=True))
    assert (values["小区"], values["类别"], values["数量"], values["人数"]) == (
        "北山新村",
        "乱堆乱放",
        5,
        9,
    )
    assert values["社区/村"] == "北山社区" and values["照片"] == 0
    assert values["备注"] == "=HYPERLINK(1)"  # text, never a formula
    assert sheet.cell(2, headers.index("备注") + 1).data_type == "s"
