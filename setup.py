"""Build step for the interface translations: compile each `.po` catalog to `.mo` with Babel.

Everything else about the package is in pyproject.toml. The `.mo` files are written beside
their `.po` in `src/ketatui/locale/` before the package data is collected, so a wheel ships
them and an editable install (which reads package data from the source tree) finds them too;
nothing is compiled when the app runs. The `.mo` files are build output (.gitignore).
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

LOCALE = Path(__file__).resolve().parent / "src" / "ketatui" / "locale"


def compile_catalogs() -> None:
    """Compile every `<lang>/LC_MESSAGES/*.po` under LOCALE; fail the build on a bad one."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.parent.parent.name)
        errors = [(m.id, e) for m, es in catalog.check() for e in es]
        if errors:
            raise SystemExit(f"{po}: {errors[0][1]} (message {errors[0][0]!r})")
        with po.with_suffix(".mo").open("wb") as f:
            write_mo(f, catalog, use_fuzzy=False)


class BuildPyWithCatalogs(build_py):
    """`build_py` that compiles the catalogs first (wheels and editable installs alike)."""

    def run(self) -> None:
        compile_catalogs()
        super().run()


setup(cmdclass={"build_py": BuildPyWithCatalogs})
