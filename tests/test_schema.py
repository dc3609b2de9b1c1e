"""`ketatui schema`: a draft-07 JSON Schema that accepts real lessons and rejects bad ones.

`jsonschema` is not a dependency, so a small validator for the keywords the schema uses is
defined here; it fails loudly on any keyword it does not know, so it cannot silently pass.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from ketatui.cli import main
from ketatui.content.schema import json_schema

COURSE_OK = Path(__file__).parent / "data" / "course_ok"

_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "null": type(None),
}
#: Keywords that only describe (no effect on validity).
_ANNOTATIONS = {"title", "description", "default", "$schema", "definitions", "discriminator"}


def errors(schema: dict[str, Any], value: Any, root: dict[str, Any], at: str = "$") -> list[str]:
    """Every way `value` breaks `schema` (a draft-07 subset), as readable strings."""
    found: list[str] = []
    for key, rule in schema.items():
        if key in _ANNOTATIONS:
            continue
        if key == "$ref":
            name = rule.removeprefix("#/definitions/")
            found += errors(root["definitions"][name], value, root, at)
        elif key == "type":
            if rule == "integer":
                ok = isinstance(value, int) and not isinstance(value, bool)
            elif rule == "number":
                ok = isinstance(value, int | float) and not isinstance(value, bool)
            else:
                ok = isinstance(value, _TYPES[rule]) and not (
                    rule != "boolean" and isinstance(value, bool)
                )
            if not ok:
                found.append(f"{at}: not {rule}")
        elif key == "enum":
            if value not in rule:
                found.append(f"{at}: {value!r} not in {rule}")
        elif key == "properties":
            if isinstance(value, dict):
                for name, sub in rule.items():
                    if name in value:
                        found += errors(sub, value[name], root, f"{at}.{name}")
        elif key == "required":
            if isinstance(value, dict):
                found += [f"{at}: missing {name}" for name in rule if name not in value]
        elif key == "additionalProperties":
            assert rule is False
            if isinstance(value, dict):
                extra = set(value) - set(schema.get("properties", {}))
                found += [f"{at}: unknown {name}" for name in sorted(extra)]
        elif key == "items":
            if isinstance(value, list):
                for i, item in enumerate(value):
                    found += errors(rule, item, root, f"{at}[{i}]")
        elif key == "anyOf":
            if all(errors(option, value, root, at) for option in rule):
                found.append(f"{at}: matches none of anyOf")
        elif key == "allOf":
            for option in rule:
                found += errors(option, value, root, at)
        elif key == "pattern":
            if isinstance(value, str) and not re.search(rule, value):
                found.append(f"{at}: does not match {rule}")
        elif key == "minLength":
            if isinstance(value, str) and len(value) < rule:
                found.append(f"{at}: shorter than {rule}")
        elif key == "maxLength":
            if isinstance(value, str) and len(value) > rule:
                found.append(f"{at}: longer than {rule}")
        elif key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            if isinstance(value, int | float) and not isinstance(value, bool):
                ok = {
                    "minimum": value >= rule,
                    "maximum": value <= rule,
                    "exclusiveMinimum": value > rule,
                    "exclusiveMaximum": value < rule,
                }[key]
                if not ok:
                    found.append(f"{at}: {key} {rule}")
        elif key == "format":
            assert rule == "date"
            if isinstance(value, str):
                try:
                    dt.date.fromisoformat(value)
                except ValueError:
                    found.append(f"{at}: not a date")
        else:
            raise AssertionError(f"the test validator does not know the keyword {key!r}")
    return found


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
    assert question["discriminator"]["propertyName"] == "type"
    types = {
        defs[o["$ref"].rsplit("/", 1)[1]]["properties"]["type"]["enum"][0]
        for o in question["anyOf"]
    }
    assert types == {"single", "multiple", "true_false", "order", "short_answer"}
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
    data = as_editor_sees(path)
    if lesson == "02-second.yaml":
        # YAML 1.1 reads `title: 2024` as a number; the loader takes the text, an editor
        # with the schema asks for quotes. Quote them as the editor would suggest.
        data["title"], data["pages"][0]["title"] = "2024", "No"
    assert errors(lesson_schema, data, lesson_schema) == []


def _first_lesson() -> Any:
    return as_editor_sees(COURSE_OK / "01-basics" / "01-first.yaml")


def test_unknown_and_missing_keys_are_rejected(lesson_schema: dict[str, Any]) -> None:
    data = _first_lesson()
    data["titel"] = data.pop("title")
    assert errors(lesson_schema, data, lesson_schema) == ["$: missing title", "$: unknown titel"]


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
