"""`ketatui schema`: a draft-07 JSON Schema that accepts real lessons and rejects bad ones.

Checked with `jsonschema` (a test-only dependency); tests/test_schema_parity.py checks that
it agrees with the validator file by file.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator

from ketatui.cli import main
from ketatui.content.schema import json_schema

COURSE_OK = Path(__file__).parent / "data" / "course_ok"


def errors(schema: dict[str, Any], value: Any, root: dict[str, Any] | None = None) -> list[str]:
    """Every way `value` breaks `schema`, by a real draft-07 validator, as readable strings."""
    validator = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
    found = validator.iter_errors(value)
    return sorted(f"$.{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in found)


def as_editor_sees(path: Path) -> Any:
    """A lesson as JSON data, dates as the strings an editor's YAML parser gives."""
    data = yaml.safe_load(path.read_text())

    def fix(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fix(v) for v in value]
        return value

    return fix(data)


@pytest.fixture(scope="module")
def lesson_schema() -> dict[str, Any]:
    return json_schema("lesson")


def test_structure(lesson_schema: dict[str, Any]) -> None:
    assert lesson_schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert set(lesson_schema["required"]) == {"id", "title", "review", "pages"}
    assert lesson_schema["additionalProperties"] is False
    assert "$defs" not in json.dumps(lesson_schema)  # draft-07 refs only
    defs = lesson_schema["definitions"]
    for name, definition in defs.items():
        if definition.get("type") == "object":
            assert definition["additionalProperties"] is False, name
    question = lesson_schema["definitions"]["Quiz"]["properties"]["questions"]["items"]
    assert "discriminator" not in question  # draft-07 tools ignore it
    types = {
        defs[o["$ref"].rsplit("/", 1)[1]]["properties"]["type"]["const"] for o in question["oneOf"]
    }
    assert types == {"single", "multiple", "true_false", "order", "short_answer"}
    assert set(question["properties"]["type"]["enum"]) == types
    assert defs["Review"]["properties"]["date"]["anyOf"] == [
        {"type": "string", "format": "date"},
        {"type": "null"},
    ]


def test_every_field_has_a_description(lesson_schema: dict[str, Any]) -> None:
    for name, definition in lesson_schema["definitions"].items():
        for field, prop in definition.get("properties", {}).items():
            assert prop.get("description"), f"{name}.{field} has no description"


@pytest.mark.parametrize(
    "lesson", sorted(p.name for p in COURSE_OK.glob("*/*.yaml") if p.name != "module.yaml")
)
def test_real_lessons_validate(lesson_schema: dict[str, Any], lesson: str) -> None:
    path = next(COURSE_OK.glob(f"*/{lesson}"))
    # `title: 2024` is text as written, for the loader and the schema alike.
    assert errors(lesson_schema, as_editor_sees(path), lesson_schema) == []


def _first_lesson() -> Any:
    return as_editor_sees(COURSE_OK / "01-basics" / "01-first.yaml")


def test_unknown_and_missing_keys_are_rejected(lesson_schema: dict[str, Any]) -> None:
    data = _first_lesson()
    data["titel"] = data.pop("title")
    assert errors(lesson_schema, data, lesson_schema) == [
        "$.: 'title' is a required property",
        "$.: Additional properties are not allowed ('titel' was unexpected)",
    ]


@pytest.mark.parametrize(
    ("where", "bad"),
    [
        (("quiz", "questions", 0, "type"), "singel"),
        (("quiz", "pass_mark"), 1.5),
        (("quiz", "pass_mark"), 0),
        (("review", "date"), "2026-13-01"),
        (("review", "status"), "drafft"),
        (("id",), "Not An Id"),
        (("minutes",), 0),
        (("pages",), "a string"),
        (("pages", 0, "colour"), "red"),
        (("quiz", "questions", 0, "teaches"), 0),
        (("quiz", "questions", 0, "teaches"), "the first page"),
        (("sources", 0, "url"), "doi:10.1002/da.22968"),
    ],
)
def test_bad_values_are_rejected(
    lesson_schema: dict[str, Any], where: tuple[str | int, ...], bad: object
) -> None:
    data = _first_lesson()
    target = data
    for part in where[:-1]:
        target = target[part]
    target[where[-1]] = bad
    assert errors(lesson_schema, data, lesson_schema) != []


@pytest.mark.parametrize(
    ("kind", "required"),
    [
        ("lesson", ["id", "title", "review", "pages"]),
        ("module", ["id", "title"]),
        ("course", ["title"]),
    ],
)
def test_cli_prints_the_schema(
    capsys: pytest.CaptureFixture[str], kind: str, required: list[str]
) -> None:
    assert main(["schema", "--kind", kind]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["required"] == required
    assert printed["title"] == f"ketatui {kind} file"


def test_cli_default_is_the_lesson_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema("lesson")


def test_module_and_course_files_validate() -> None:
    for kind, path in (
        ("module", COURSE_OK / "01-basics" / "module.yaml"),
        ("course", COURSE_OK / "course.yaml"),
    ):
        schema = json_schema(kind)
        assert errors(schema, as_editor_sees(path), schema) == []
