"""Packaging: a plain (non-editable) install must ship every package and the lessons."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_python_package_is_listed_in_pyproject():
    # pyproject lists packages explicitly (the lessons are mapped from outside src/), so a
    # new package folder that is not listed would be missing from a wheel.
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    src = ROOT / "src"
    found = {
        ".".join(init.parent.relative_to(src).parts)
        for init in src.rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    missing = sorted(found - listed)
    assert not missing, f"add these to [tool.setuptools] packages in pyproject.toml: {missing}"


def test_shipped_lessons_are_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert config["package-dir"]["ketatui.lessons"] == "lessons"
    assert "ketatui.lessons" in config["packages"]
    patterns = config["package-data"]["ketatui.lessons"]
    shipped = [p for p in (ROOT / "lessons").rglob("*") if p.is_file()]
    assert shipped, "no shipped lessons"
    for path in shipped:
        rel = path.relative_to(ROOT / "lessons")
        assert any(rel.match(pat) for pat in patterns), f"{rel} would not be installed"


def test_every_stylesheet_is_package_data():
    import fnmatch

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"
    ]["ketatui"]
    pkg = ROOT / "src" / "ketatui"
    for tcss in pkg.rglob("*.tcss"):
        rel = tcss.relative_to(pkg).as_posix()
        assert any(
            fnmatch.fnmatch(rel, pat) and rel.count("/") == pat.count("/") for pat in patterns
        ), f"{rel} would be missing from a wheel: add it to package-data"
