"""The English catalogue of service messages and stored labels (gui/messages.py): complete for
every message and label found in the source, and matching messages as they arrive."""

from __future__ import annotations

import pytest

from jinsha_desktop.gui.messages import Catalogue, catalogue_path, read_catalogue
from tests.unit.message_sources import missing, shown_labels, shown_messages


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue(read_catalogue(catalogue_path()))


def test_the_walk_finds_messages_labels_and_joined_pieces():
    messages, labels = shown_messages(), shown_labels()
    assert "请选择卡点。" in messages
    assert "找不到{what}，可能已被删除。" in messages  # an f-string, as a template
    assert "这个{kind.label}" in messages  # a record named to load_for_edit
    assert (
        "请在 Excel 或 WPS 中打开它，“另存为”Excel 工作簿（.xlsx）后再导入。" in messages
    )  # a name
    assert "它是 PDF 或图片文件。" in messages  # returned by a helper joined into a message
    assert "数据库文件已损坏。请从备份恢复。" in messages  # a table looped over
    assert "监测原因" in messages  # a field check's label, used inside its messages
    assert {"卡点值守（仅登记）", "进", "居民身份证", "来访人员名单", "健康监测台账"} <= set(labels)


def test_every_message_and_label_has_an_english_entry(catalogue):
    gaps = missing(catalogue)
    assert not gaps, "add to resources/translations/messages_en.tsv:\n" + "\n".join(
        f"{text}\t…\t# {where}" for text, where in gaps.items()
    )


@pytest.mark.parametrize(
    ("message", "english"),
    [
        ("请选择卡点。", "Choose a checkpoint."),
        ("社区", "Community"),
        (
            "找不到这个社区，可能已被删除。",
            "This community was not found; it may have been deleted.",
        ),
        (
            "北山社区已经有名为“一号”的卡点了。",
            "北山社区 already has a checkpoint named “一号”.",
        ),
        ("请填写姓名。；请选择卡点。", "Fill in name. Choose a checkpoint."),
        (
            "D3 性别为公式计算值；G3 住址为公式计算值。",  # an import preview's formula note
            "D3 gender: value computed by a formula; G3 address: value computed by a formula.",
        ),
        (
            "用户名或密码不正确。再错 2 次账号将被锁定。",
            "Wrong user name or password. 2 more wrong tries will lock the account.",
        ),
        (
            "这个文件不是 Excel 工作簿（.xlsx）。它是 PDF 或图片文件。"
            "请在 Excel 或 WPS 中打开它，“另存为”Excel 工作簿（.xlsx）后再导入。",
            "This file is not an Excel workbook (.xlsx). It is a PDF or an image file. "
            "Open it in Excel or WPS, “Save As” an Excel workbook (.xlsx), and import that.",
        ),
        (
            "来自高风险地区：上海市浦东新区；途经中风险地区：南京市",
            "From a high-risk area: 上海市浦东新区; Passed through a medium-risk area: 南京市",
        ),
        (
            "您的角色（只读）没有“备份数据库”的权限。",
            "Your role (Read only) may not back up the database.",
        ),
    ],
    ids=[
        "exact",
        "label-capitalised",
        "label-inside-template",
        "user-data-kept",
        "form-errors-joined",
        "formula-note-per-cell",
        "sentence-as-field",
        "joined-sentences",
        "flag-reasons",
        "nested-labels",
    ],
)
def test_messages_translate_as_they_arrive(catalogue, message, english):
    assert catalogue.translate(message) == english


@pytest.mark.parametrize("text", ["张三", "北山社区", "320612198001011234", "", "Yes"])
def test_user_data_and_english_are_left_alone(catalogue, text):
    assert catalogue.translate(text) is None


def test_without_the_english_translator_messages_stay_chinese(qapp):
    from jinsha_desktop.gui.messages import shown

    assert shown("请选择卡点。") == "请选择卡点。"


def test_with_the_english_translator_shown_translates(qapp):
    from jinsha_desktop.gui.look import install_translators
    from jinsha_desktop.gui.messages import shown

    translators = install_translators(qapp, "en")
    try:
        assert shown("请选择卡点。") == "Choose a checkpoint."
        assert qapp.translate("Prompts", "Yes") == "Yes"  # other contexts are untouched
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
