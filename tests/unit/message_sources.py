"""Every Chinese text below the GUI that a user may read, found in the source: what the English
message catalogue (resources/translations/messages_en.tsv) must cover.

    python -m tests.unit.message_sources      # print the texts the catalogue lacks, as TSV lines

Messages: the strings and f-strings handed to a KnownError subclass (found by walking the class
tree), FieldChecks.fail / ImportChecks.fail, a field check's label ("姓名" in
checks.check(clean_name, value, "姓名", …)), a flag's reason, a warning appended to `warnings`,
and the helpers that build errors;
a name is followed to the constants assigned to it (SAVE_AS_XLSX, a local `message`), a `+` to
both sides, a helper call to the strings it returns. Labels: every enum `label`, the *_LABELS
tables, importer titles and field labels, ledger names. A template names its fields as the
source spells them: f"找不到{kind.label}" is "找不到{kind.label}".
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterator
from enum import Enum
from pathlib import Path

import jinsha_desktop

PACKAGE = Path(jinsha_desktop.__file__).resolve().parent
LAYERS = ("domain", "services", "db", "reports")
IDEOGRAPH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
MESSAGE_CALLS = {
    "fail",
    "check",
    "Flag",
    "Kind",
    "PreviewRow",
    "_parent",
    "_error",
    "_not_a_date",
    "record_action",
    "_record_as",
    "grant_full_view",
    "record_full_view",
    "RecalledMapping",
    "RecordKind",  # a record kind's title and its fields' headers (domain/fields.py)
    "Field",
    "LedgerCell",
    "LedgerFilter",  # a ledger filter's label and its "everything" choice (全部卡点)
    "_carried",
    "load_for_edit",
    "_choice",  # a choice's refusal (domain/imports.py)
    "_texts",  # a reference record's text fields: (field, label, length) (domain/reference.py)
    "_texts_cleaned",
}
"""Calls whose string arguments are shown (besides the KnownError classes)."""
GUI_MODULES = ("printing.py",)
"""GUI modules that raise errors of their own (KnownError subclasses with Chinese messages)."""
LABEL_TABLES = re.compile(r"^_?[A-Z_]*(LABELS|DIRECTIONS|RESULTS|MESSAGES)$")


def _modules() -> list[tuple[Path, ast.Module]]:
    files = [p for layer in LAYERS for p in sorted((PACKAGE / layer).rglob("*.py"))]
    files += [PACKAGE / "gui" / name for name in GUI_MODULES]
    return [
        (p, ast.parse(p.read_text(encoding="utf-8"))) for p in files if "migrations" not in p.parts
    ]


def _error_classes(modules: list[tuple[Path, ast.Module]]) -> set[str]:
    known = {"KnownError"}
    classes = [n for _p, tree in modules for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]
    grew = True
    while grew:
        grew = False
        for cls in classes:
            bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in cls.bases}
            if cls.name not in known and bases & known:
                known.add(cls.name)
                grew = True
    return known


def _template(node: ast.JoinedStr) -> str:
    out = []
    for part in node.values:
        if isinstance(part, ast.Constant):
            out.append(str(part.value))
        elif isinstance(part, ast.FormattedValue):
            out.append("{" + ast.unparse(part.value) + "}")
    return "".join(out)


class _Resolver:
    def __init__(self, modules: list[tuple[Path, ast.Module]]) -> None:
        self.assigned: dict[str, list[ast.expr]] = {}
        self.functions: dict[str, list[ast.FunctionDef]] = {}
        for _path, tree in modules:
            for node in tree.body:
                if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    for target in targets:
                        if isinstance(target, ast.Name):
                            self.assigned.setdefault(target.id, []).append(node.value)
                elif isinstance(node, ast.FunctionDef):
                    self.functions.setdefault(node.name, []).append(node)

    def texts(self, node: ast.AST, scope: ast.AST | None, depth: int = 0) -> Iterator[str]:
        """The shown strings `node` may evaluate to (templates for f-strings)."""
        if depth > 6:
            return
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value
        elif isinstance(node, ast.JoinedStr):
            yield _template(node)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            yield from self.texts(node.left, scope, depth + 1)
            yield from self.texts(node.right, scope, depth + 1)
        elif isinstance(node, ast.IfExp):
            yield from self.texts(node.body, scope, depth + 1)
            yield from self.texts(node.orelse, scope, depth + 1)
        elif isinstance(node, ast.Tuple):  # ("name", "小区名称", 40): a label among values
            for item in node.elts:
                yield from self.texts(item, scope, depth + 1)
        elif isinstance(node, ast.Name):
            for value in self._values_of(node.id, scope):
                yield from self._strings_in(value, scope, depth + 1)
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "format":
                yield from self.texts(func.value, scope, depth + 1)
            elif isinstance(func, ast.Name):
                for function in self.functions.get(func.id, []):
                    for ret in ast.walk(function):
                        if isinstance(ret, ast.Return) and ret.value is not None:
                            if isinstance(ret.value, ast.Constant | ast.JoinedStr | ast.BinOp):
                                yield from self.texts(ret.value, function, depth + 1)

    def _values_of(self, name: str, scope: ast.AST | None) -> list[ast.AST]:
        local: list[ast.AST] = []
        if scope is not None:
            for node in ast.walk(scope):
                if isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == name for t in node.targets
                ):
                    local.append(node.value)
                elif isinstance(node, ast.For) and name in {
                    n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)
                }:
                    local.append(node.iter)
        return local or list(self.assigned.get(name, []))

    def _strings_in(self, node: ast.AST, scope: ast.AST | None, depth: int) -> Iterator[str]:
        if isinstance(node, ast.Constant | ast.JoinedStr | ast.BinOp | ast.Name | ast.IfExp):
            yield from self.texts(node, scope, depth)
        elif isinstance(node, ast.Tuple | ast.List | ast.Dict):
            for child in ast.iter_child_nodes(node):
                yield from self._strings_in(child, scope, depth)


SHOWN_LISTS = ("warnings", "steps", "parts", "reasons")
"""Lists whose items are joined into a shown text: `warnings.append(…)`, `steps.append(…)`."""
SHOWN_ATTRIBUTES = ("reason",)
"""Attributes holding a shown text: an import row's `row.reason = …`."""


def _is_warning(func: ast.expr) -> bool:
    """`warnings.append(…)`, `check.warnings.append(…)`: a piece of a shown text."""
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "append"
        and ast.unparse(func.value).endswith(SHOWN_LISTS)
    )


def _shown_assignments(tree: ast.AST) -> Iterator[tuple[ast.Assign, list[ast.expr]]]:
    """`row.reason = …` and `row.outcome, row.reason = …, …`: the values shown."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            if isinstance(target, ast.Attribute) and target.attr in SHOWN_ATTRIBUTES:
                yield node, [node.value]
            elif isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                yield (
                    node,
                    [
                        value
                        for item, value in zip(target.elts, node.value.elts, strict=False)
                        if isinstance(item, ast.Attribute) and item.attr in SHOWN_ATTRIBUTES
                    ],
                )


def shown_messages() -> dict[str, str]:
    """Template → 'file:line' of every message handed to an error or a check."""
    modules = _modules()
    calls = _error_classes(modules) | MESSAGE_CALLS
    resolver = _Resolver(modules)
    found: dict[str, str] = {}
    for path, tree in modules:
        scopes = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
        for scope in [tree, *scopes]:
            body = scope if isinstance(scope, ast.FunctionDef) else None
            for node in ast.walk(scope):
                if not isinstance(node, ast.Call):
                    continue
                name = (
                    node.func.id
                    if isinstance(node.func, ast.Name)
                    else getattr(node.func, "attr", "")
                )
                if name not in calls and not _is_warning(node.func):
                    continue
                for arg in [*node.args, *(k.value for k in node.keywords)]:
                    for text in resolver.texts(arg, body):
                        if IDEOGRAPH.search(text):
                            where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
                            found.setdefault(text, where)
            if body is not None:
                for assign, values in _shown_assignments(body):
                    for value in values:
                        for text in resolver.texts(value, body):
                            if IDEOGRAPH.search(text):
                                where = f"{path.relative_to(PACKAGE.parent)}:{assign.lineno}"
                                found.setdefault(text, where)
    return found


def _layer_modules() -> Iterator[object]:
    for layer in LAYERS:
        package = importlib.import_module(f"jinsha_desktop.{layer}")
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if ".migrations" not in info.name:
                yield importlib.import_module(info.name)


def shown_labels() -> dict[str, str]:
    """Label → where it comes from, for the enums, label tables, importers and ledgers."""
    from jinsha_desktop.reports.ledgers import LEDGERS
    from jinsha_desktop.services.imports import IMPORTERS

    found: dict[str, str] = {}
    for module in _layer_modules():
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, Enum)
                and value.__module__ == module.__name__
            ):
                if isinstance(getattr(value, "label", None), property):
                    for member in value:
                        found.setdefault(str(getattr(member, "label")), f"{value.__name__}.label")  # noqa: B009
            elif isinstance(value, dict) and LABEL_TABLES.match(name):
                for label in value.values():
                    for text in label if isinstance(label, tuple) else (label,):
                        if isinstance(text, str):  # ("请填写体温（本卡点必填）。", "temperature")
                            found.setdefault(text, f"{module.__name__}.{name}")
    for importer in IMPORTERS.values():
        found.setdefault(importer.title, f"importer {importer.name}")
        for item in importer.fields:
            found.setdefault(item.label, f"importer {importer.name}.{item.key}")
    from jinsha_desktop.gui.lists.columns import show_text
    from jinsha_desktop.gui.pages.admin.audit_page import TABLE_LABELS
    from jinsha_desktop.gui.pages.admin.risk_areas_page import _day

    for label in [*TABLE_LABELS.values(), show_text(True), show_text(False), _day(None)]:
        found.setdefault(label, "gui")
    for ledger in LEDGERS.values():
        found.setdefault(ledger.title, f"ledger {ledger.name}")
    return {text: where for text, where in found.items() if IDEOGRAPH.search(text)}


def sample(template: str) -> str:
    """The template with each field filled in, as a message would arrive."""
    return re.sub(r"\{[^{}]+\}", "7", template)


def missing(catalogue: object) -> dict[str, str]:
    """The texts the catalogue cannot translate (it returns None or leaves Chinese in)."""
    translate = getattr(catalogue, "translate")  # noqa: B009
    gaps: dict[str, str] = {}
    for text, where in {**shown_labels(), **shown_messages()}.items():
        result = translate(sample(text))
        if result is None or IDEOGRAPH.search(re.sub(r"“[^”]*”", "", result)):
            gaps[text] = where
    return gaps


if __name__ == "__main__":
    from jinsha_desktop.gui.messages import Catalogue, catalogue_path, read_catalogue

    for text, where in sorted(
        missing(Catalogue(read_catalogue(catalogue_path()))).items(), key=lambda i: i[1]
    ):
        print(f"{text}\t\t# {where}".replace("\n", "\\n"))
