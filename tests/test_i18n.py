"""The translation layer (ketatui.i18n) and its catalogs: choosing a language, plural forms,
the template in step with the source, a complete Spanish catalog, shipped in the wheel."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ketatui import i18n
from ketatui.i18n import _, ngettext

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "ketatui" / "locale"
SPANISH_PO = LOCALE / "es" / "LC_MESSAGES" / "ketatui.po"


def _load_catalog_script() -> object:
    spec = importlib.util.spec_from_file_location(
        "i18n_catalogs", ROOT / "scripts" / "i18n_catalogs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_spanish_words_and_plural_forms() -> None:
    assert i18n.set_language("es") == "es"
    assert _("Crisis help") == "Ayuda en crisis"
    assert ngettext("{n} page", "{n} pages", 1).format(n=1) == "1 página"
    assert ngettext("{n} page", "{n} pages", 3).format(n=3) == "3 páginas"
    assert _("") == ""  # not the catalog's header
    assert i18n.set_language("en") == "en"
    assert _("Crisis help") == "Crisis help"
    assert ngettext("{n} page", "{n} pages", 1).format(n=1) == "1 page"


def test_unknown_language_falls_back_to_english() -> None:
    assert i18n.set_language("xx") == "en"
    assert i18n.set_language(None) == "en"
    assert i18n.current_language() == "en"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "en"),
        ({"LANG": "es_MX.UTF-8"}, "es"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_MESSAGES": "es_ES.UTF-8", "LANG": "en_US.UTF-8"}, "es"),
        # The first variable set decides, as in gettext: LC_ALL over LANG.
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "es_ES.UTF-8"}, "en"),
        ({"LC_ALL": "fr_FR.UTF-8", "LANG": "es_ES.UTF-8"}, "en"),
        # KETATUI_LANG wins over the system locale.
        ({"KETATUI_LANG": "es", "LC_ALL": "en_US.UTF-8"}, "es"),
        ({"KETATUI_LANG": "es-419"}, "es"),
    ],
)
def test_language_from_environment(env: dict[str, str], expected: str) -> None:
    assert i18n.language_from_environment(env) == expected


def test_available_languages_are_english_then_compiled_catalogs() -> None:
    assert i18n.available_languages()[0] == "en"
    assert "es" in i18n.available_languages()
    assert i18n.language_name("es") == "Español"


def test_template_is_up_to_date_with_the_source() -> None:
    """Re-extract the marked strings: the shipped .pot must list exactly the same ids."""
    from babel.messages.pofile import read_po

    script = _load_catalog_script()
    fresh = {(m.context, str(m.id)) for m in script.extract() if m.id}  # type: ignore[attr-defined]
    with (LOCALE / "ketatui.pot").open("rb") as f:
        shipped = {(m.context, str(m.id)) for m in read_po(f) if m.id}
    assert fresh - shipped == set(), "run: python scripts/i18n_catalogs.py update"
    assert shipped - fresh == set(), "run: python scripts/i18n_catalogs.py update"


def test_spanish_catalog_is_complete_and_checks() -> None:
    from babel.messages.pofile import read_po

    with SPANISH_PO.open("rb") as f:
        catalog = read_po(f, locale="es")
    with (LOCALE / "ketatui.pot").open("rb") as f:
        template = {(m.context, str(m.id)) for m in read_po(f) if m.id}
    entries = [m for m in catalog if m.id]
    assert {(m.context, str(m.id)) for m in entries} == template
    untranslated = [
        m.id for m in entries if not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]
    assert untranslated == []
    assert [m.id for m in entries if m.fuzzy] == []
    assert catalog.num_plurals == 2
    problems = [(m.id, str(e)) for m, errors in catalog.check() for e in errors]
    assert problems == []


def test_placeholders_survive_translation() -> None:
    """Every {name} of an English message is in its Spanish form (or .format would fail)."""
    import re

    from babel.messages.pofile import read_po

    with SPANISH_PO.open("rb") as f:
        catalog = read_po(f, locale="es")
    field = re.compile(r"\{\w*\}|\$\w+")
    for m in catalog:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = set(field.findall(ids[-1]))
        for text in strings:
            assert set(field.findall(text)) == wanted, (m.id, text)


def test_built_wheel_ships_the_compiled_catalog(tmp_path: Path) -> None:
    """A wheel built from the source has the .mo (compiled by Babel at build time)."""
    out = tmp_path / "dist"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    [wheel] = out.glob("ketatui-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "ketatui/locale/es/LC_MESSAGES/ketatui.mo" in names
    assert not any(name.endswith(".po") for name in names)
