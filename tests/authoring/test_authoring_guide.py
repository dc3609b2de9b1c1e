"""docs/authoring.md must stay true: its examples load with the real loader."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ketatui.content.catalog import load_catalog
from ketatui.content.model import question_type

GUIDE = Path(__file__).parents[2] / "docs" / "authoring.md"


def _section(title: str) -> str:
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def _yaml_blocks(section: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", section, re.S)


def test_guide_examples_load(tmp_path: Path) -> None:
    course = tmp_path / "course"
    module = course / "01-module"
    module.mkdir(parents=True)
    [course_yaml] = _yaml_blocks(_section("course.yaml"))
    (course / "course.yaml").write_text(course_yaml, encoding="utf-8")
    [module_yaml] = _yaml_blocks(_section("module.yaml"))
    (module / "module.yaml").write_text(module_yaml, encoding="utf-8")
    [example] = _yaml_blocks(_section("A complete example lesson"))
    (module / "01-example.yaml").write_text(example, encoding="utf-8")

    # Every question example of the guide, in one lesson.
    questions = [yaml.safe_load(b)[0] for b in _yaml_blocks(_section("Question types"))]
    types = {q["type"] for q in questions}
    assert types == {"single", "multiple", "true_false", "order", "short_answer"}
    lesson = {
        "id": "all-question-types",
        "title": "All question types",
        "review": {"status": "draft"},
        "sources": [{"id": "s1", "cite": "Fixture"}],
        "pages": [{"title": "Page", "body": "Text."}],
        "quiz": {"questions": questions},
    }
    (module / "02-questions.yaml").write_text(yaml.safe_dump(lesson), encoding="utf-8")

    catalog = load_catalog(course)
    assert [e.format(course) for e in catalog.errors if e.severity == "error"] == []
    assert catalog.course.crisis.resources[0].contact == "Call or text 988"
    assert catalog.modules[0].id == "depression"
    assert [e.lesson.id for e in catalog.lessons()] == ["sleep-and-treatment", "all-question-types"]
    loaded = catalog.entry("all-question-types").lesson
    assert {question_type(q) for q in loaded.quiz.questions} == types


def test_guide_sample_validator_output_is_real(cli, tmp_path: Path) -> None:
    section = _section("What the validator checks")
    lesson, output = re.findall(r"```\n(.*?)```", section, re.S)[:2]
    course = tmp_path / "course"
    (course / "01-depression").mkdir(parents=True)
    (course / "course.yaml").write_text("title: T\n", encoding="utf-8")
    (course / "01-depression" / "module.yaml").write_text("id: m\ntitle: M\n", encoding="utf-8")
    path = course / "01-depression" / "03-signs.yaml"
    path.write_text(lesson, encoding="utf-8")
    r = cli("validate", str(path))
    assert r.code == 1
    # Same problems, same positions, same words; only the path prefix differs.
    expected = [line.split(":", 1)[1] for line in output.strip().splitlines()[:-1]]
    got = [line.split(":", 1)[1] for line in r.out.strip().splitlines()[:-1]]
    assert got == expected
    assert r.out.strip().splitlines()[-1] == output.strip().splitlines()[-1]


def test_guide_sample_yaml_mistake_output_is_real(cli, tmp_path: Path) -> None:
    section = _section("What the validator checks")
    part = section[section.index("### YAML mistakes") :]
    lesson, output = re.findall(r"```\n(.*?)```", part, re.S)[:2]
    course = tmp_path / "course"
    (course / "01-depression").mkdir(parents=True)
    (course / "course.yaml").write_text("title: T\n", encoding="utf-8")
    (course / "01-depression" / "module.yaml").write_text("id: m\ntitle: M\n", encoding="utf-8")
    path = course / "01-depression" / "03-signs.yaml"
    path.write_text(lesson, encoding="utf-8")
    r = cli("validate", str(path))
    assert r.code == 1
    expected, got = output.strip().splitlines(), r.out.strip().splitlines()
    # Same words, same line and caret; only the path prefix of the first line differs.
    assert got[0].split(":", 1)[1] == expected[0].split(":", 1)[1]
    assert got[1:] == expected[1:]


def test_guide_commands_name_real_files() -> None:
    root = GUIDE.parents[1]
    text = GUIDE.read_text(encoding="utf-8")
    found = [p for m in re.findall(r"ketatui stats ((?:lessons/\S+ ?)+)", text) for p in m.split()]
    assert len(found) >= 3
    for part in found:
        assert (root / part).exists(), part
