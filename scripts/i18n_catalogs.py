"""Keep the interface translation catalogs in step with the source (Babel).

    python scripts/i18n_catalogs.py extract   # write src/ketatui/locale/ketatui.pot
    python scripts/i18n_catalogs.py update    # extract, then merge into every <lang>.po

Then translate the new or fuzzy entries in each `.po` (Poedit, or any text editor).
The build compiles the `.po` files to `.mo` (setup.py); tests/test_i18n_catalogs.py
fails when the `.pot` is out of date or a `.po` has an untranslated or fuzzy entry.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "ketatui"
LOCALE = SOURCE / "locale"
POT = LOCALE / "ketatui.pot"
#: `N_` marks text for extraction; `pgettext` takes a context first.
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}
COMMENT_TAGS = ["Translators:"]


def extract() -> Catalog:
    """Every marked string of the package, with where it is used."""
    catalog = Catalog(project="ketatui", domain="ketatui", charset="utf-8")
    found = extract_from_dir(
        str(SOURCE),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        path = (SOURCE / filename).relative_to(ROOT).as_posix()
        catalog.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return catalog


def write_pot(catalog: Catalog) -> None:
    """Write the template without dates, so it changes only when the strings do."""
    with POT.open("wb") as f:
        write_po(f, catalog, width=100, omit_header=False, sort_output=False)


def update() -> None:
    """Extract, then merge the template into each language's `.po` (new entries empty)."""
    template = extract()
    write_pot(template)
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/ketatui.po")):
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.parent.parent.name)
        catalog.update(template, no_fuzzy_matching=True)
        with po.open("wb") as f:
            write_po(f, catalog, width=100, ignore_obsolete=True)


def main(argv: list[str]) -> int:
    """Run `extract` or `update`."""
    if argv[1:] == ["extract"]:
        write_pot(extract())
    elif argv[1:] == ["update"]:
        update()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
