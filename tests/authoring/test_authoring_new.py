"""`ketatui new`: skeletons that load as written, fresh ids, and never an overwrite."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ketatui.authoring.scaffold import PLACEHOLDER_CITE, add_months, slugify, unique_id
from ketatui.content.catalog import load_catalog
from ketatui.content.model import SingleQuestion


def _errors(root: Path) -> list[str]:
    return [e.format(root) for e in load_catalog(root).errors if e.severity == "error"]


def test_new_lesson_loads_with_a_draft_review(cli, course: Path) -> None:
    r = cli(
        "--lessons",
        str(course),
        "new",
        "lesson",
        "--module",
        "basics",
        "--title",
        "What to expect",
        "--today",
        "2026-03-15",
    )
    assert r.code == 0, r.err
    path = Path(r.out.strip())
    assert path == course / "01-basics" / "03-what-to-expect.yaml"
    assert _errors(course) == []
    entry = load_catalog(course).entry("what-to-expect")
    assert entry is not None and entry.path == path
    lesson = entry.lesson
    assert lesson.title == "What to expect"
    assert lesson.review.status == "draft"
    assert lesson.review.date == dt.date(2026, 3, 15)
    assert lesson.review.next_due == dt.date(2026, 9, 15)
    assert len(lesson.pages) == 1
    assert lesson.sources[0].cite == PLACEHOLDER_CITE
    assert lesson.quiz is not None and len(lesson.quiz.questions) == 1
    question = lesson.quiz.questions[0]
    assert isinstance(question, SingleQuestion)
    assert question.explanation
    assert sum(c.correct for c in question.choices) == 1
    # The skeleton explains itself to the author.
    assert "# Stable forever" in path.read_text(encoding="utf-8")


def test_default_review_date_is_today(cli, course: Path) -> None:
    r = cli("--lessons", str(course), "new", "lesson", "--module", "basics", "--title", "Now")
    assert r.code == 0, r.err
    lesson = load_catalog(course).entry("now").lesson
    assert lesson.review.date == dt.date.today()


def test_taken_id_gets_a_suffix(cli, course: Path) -> None:
    # "counted" is the id of 01-counted.yaml; "basics" is the module's id.
    first = cli(
        "--lessons", str(course), "new", "lesson", "--module", "01-basics", "--title", "Counted"
    )
    second = cli(
        "--lessons", str(course), "new", "lesson", "--module", "basics", "--title", "Counted!"
    )
    module_clash = cli(
        "--lessons", str(course), "new", "lesson", "--module", "basics", "--title", "Basics"
    )
    assert (first.code, second.code, module_clash.code) == (0, 0, 0)
    assert Path(first.out.strip()).name == "03-counted.yaml"
    assert Path(second.out.strip()).name == "04-counted.yaml"
    catalog = load_catalog(course)
    assert _errors(course) == []
    assert [e.lesson.id for e in catalog.lessons()] == [
        "counted",
        "second",
        "counted-2",
        "counted-3",
        "basics-2",
    ]


def test_titles_with_yaml_syntax_survive(cli, course: Path) -> None:
    title = 'Ketamine: "what" #1 & you'
    r = cli("--lessons", str(course), "new", "lesson", "--module", "basics", "--title", title)
    assert r.code == 0, r.err
    assert Path(r.out.strip()).name == "03-ketamine-what-1-you.yaml"
    assert load_catalog(course).entry("ketamine-what-1-you").lesson.title == title


def test_refuses_to_overwrite(cli, course: Path) -> None:
    taken = course / "01-basics" / "01-counted.yaml"
    before = taken.read_bytes()
    r = cli(
        "--lessons",
        str(course),
        "new",
        "lesson",
        "--module",
        "basics",
        "--title",
        "Counted",
        "--number",
        "1",
    )
    assert r.code == 1
    assert "already exists" in r.err
    assert taken.read_bytes() == before
    once = cli(
        "--lessons",
        str(course),
        "new",
        "lesson",
        "--module",
        "basics",
        "--title",
        "Same",
        "--number",
        "7",
    )
    edited = Path(once.out.strip())
    edited.write_text(edited.read_text(encoding="utf-8") + "# my edits\n", encoding="utf-8")
    again = cli(
        "--lessons",
        str(course),
        "new",
        "lesson",
        "--module",
        "basics",
        "--title",
        "Same",
        "--number",
        "7",
    )
    assert (once.code, again.code) == (0, 1)
    assert edited.read_text(encoding="utf-8").endswith("# my edits\n")


def test_unknown_module_lists_the_modules(cli, course: Path) -> None:
    r = cli("--lessons", str(course), "new", "lesson", "--module", "nope", "--title", "X")
    assert r.code == 2
    assert "nope" in r.err and "basics (01-basics/)" in r.err
    assert sorted(p.name for p in (course / "01-basics").iterdir()) == [
        "01-counted.yaml",
        "02-second.yaml",
        "module.yaml",
    ]


def test_lesson_needs_a_module(cli, course: Path) -> None:
    r = cli("--lessons", str(course), "new", "lesson", "--title", "X")
    assert r.code == 2
    assert "--module" in r.err


def test_not_a_course_folder(cli, tmp_path: Path) -> None:
    r = cli("--lessons", str(tmp_path), "new", "module", "--title", "X")
    assert r.code == 2
    assert "course.yaml" in r.err


def test_new_module_then_lesson_in_it(cli, course: Path) -> None:
    r = cli("--lessons", str(course), "new", "module", "--title", "After treatment")
    assert r.code == 0, r.err
    folder = Path(r.out.strip())
    assert folder == course / "02-after-treatment"
    assert (folder / "module.yaml").is_file()
    r2 = cli(
        "--lessons",
        str(course),
        "new",
        "lesson",
        "--module",
        "after-treatment",
        "--title",
        "Week one",
    )
    assert r2.code == 0, r2.err
    assert Path(r2.out.strip()) == folder / "01-week-one.yaml"
    catalog = load_catalog(course)
    assert _errors(course) == []
    assert [m.id for m in catalog.modules] == ["basics", "after-treatment"]
    assert catalog.modules[1].title == "After treatment"
    assert [e.lesson.id for e in catalog.modules[1].lessons] == ["week-one"]
    again = cli("--lessons", str(course), "new", "module", "--title", "X", "--number", "2")
    assert again.code == 1


def test_slugs_and_ids() -> None:
    assert slugify("Ketamine & You!") == "ketamine-you"
    assert slugify("Élan vital") == "elan-vital"
    assert slugify("???") == "lesson"
    assert len(slugify("word " * 40)) <= 60
    assert unique_id("a", {"a", "a-2"}) == "a-3"


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 8, 31), 6) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 3, 15), 6) == dt.date(2026, 9, 15)


def test_new_refuses_to_write_into_the_installed_course(tmp_path, monkeypatch, capsys):
    import sys
    import types

    import ketatui
    from ketatui.cli import main

    installed = tmp_path / "site-packages" / "ketatui" / "lessons"
    installed.mkdir(parents=True)
    (installed / "course.yaml").write_text("title: Shipped\n", encoding="utf-8")
    package = types.ModuleType("ketatui.lessons")
    package.__path__ = [str(installed)]
    monkeypatch.setitem(sys.modules, "ketatui.lessons", package)
    monkeypatch.setattr(ketatui, "lessons", package, raising=False)

    code = main(["new", "module", "--title", "Local things", "--lessons", str(installed)])
    assert code == 2
    assert "--lessons" in capsys.readouterr().err
    assert sorted(p.name for p in installed.iterdir()) == ["course.yaml"]


def test_a_taken_number_names_the_file_it_wanted_to_write(cli, course: Path) -> None:
    r = cli(
        "--lessons",
        str(course),
        "new",
        "lesson",
        "--module",
        "basics",
        "--title",
        "Sleep",
        "--number",
        "2",
    )
    assert r.code == 1
    wanted = course / "01-basics" / "02-sleep.yaml"
    assert f"Not writing {wanted}: 02-second.yaml already has the number 02" in r.err
    assert not wanted.exists()


def test_new_module_adds_the_schema_line_when_the_course_has_the_schema(cli, course: Path) -> None:
    first = Path(cli("--lessons", str(course), "new", "module", "--title", "A").out.strip())
    assert "yaml-language-server" not in (first / "module.yaml").read_text(encoding="utf-8")
    schema = cli("schema", "--kind", "module").out
    (course / "module.schema.json").write_text(schema, encoding="utf-8")
    second = Path(cli("--lessons", str(course), "new", "module", "--title", "B").out.strip())
    text = (second / "module.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../module.schema.json\n")
    assert _errors(course) == []
