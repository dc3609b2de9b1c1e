"""The JSON Schema editors use agrees with `ketatui validate` (issue 17).

Each file of tests/data/schema_parity is checked twice: by the real loader (as `ketatui
validate` checks it, inside a course folder) and by a real JSON Schema validator
(`jsonschema`, draft-07) on the data an editor's YAML 1.2 parser gives. The first line of
each file says what both must conclude: `# valid`, `# invalid`, or `# beyond the schema`
for mistakes only the validator can see (references across the file, other files).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator

from ketatui.content.loader import load_lesson_file
from ketatui.content.schema import json_schema

CORPUS = Path(__file__).parent / "data" / "schema_parity"
CASES = sorted(p.name for p in CORPUS.glob("*.yaml"))

_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2's booleans and no timestamps: what editors see
    (`yes` is text, a date is a string)."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _TIMESTAMP)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@pytest.fixture(scope="module")
def editor() -> Draft7Validator:
    schema = json_schema("lesson")
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def expected(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    return next(kind for kind in ("valid", "invalid", "beyond") if first.startswith(f"# {kind}"))


def validate_errors(path: Path, tmp_path: Path) -> list[str]:
    module = tmp_path / "course" / "01-m"
    module.mkdir(parents=True)
    (tmp_path / "course" / "course.yaml").write_text("title: T\n", encoding="utf-8")
    (module / "module.yaml").write_text("id: m\ntitle: M\n", encoding="utf-8")
    shutil.copy(CORPUS / "page.md", module / "page.md")
    target = module / path.name
    shutil.copy(path, target)
    _, errors = load_lesson_file(target)
    return [e.format() for e in errors if e.severity == "error"]


def schema_errors(editor: Draft7Validator, path: Path) -> list[str]:
    data: Any = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
    return [f"{list(e.absolute_path)}: {e.message}" for e in editor.iter_errors(data)]


def test_the_corpus_has_every_kind() -> None:
    kinds = [expected(CORPUS / name) for name in CASES]
    assert kinds.count("valid") >= 10 and kinds.count("invalid") >= 20
    assert "beyond" in kinds


@pytest.mark.parametrize("name", CASES)
def test_validate_and_the_schema_agree(editor: Draft7Validator, tmp_path: Path, name: str) -> None:
    path = CORPUS / name
    kind = expected(path)
    by_validate = validate_errors(path, tmp_path)
    by_schema = schema_errors(editor, path)
    if kind == "valid":
        assert by_validate == [] and by_schema == []
    elif kind == "invalid":
        assert by_validate != [], "validate let it through"
        assert by_schema != [], "the schema let it through"
    else:
        assert by_validate != [] and by_schema == []


def _all_errors(errors: Any) -> list[Any]:
    """Errors with those inside anyOf/oneOf (an editor shows the best-matching branch's)."""
    found = []
    for e in errors:
        found.append(e)
        found += _all_errors(e.context)
    return found


def test_a_question_type_typo_lists_the_kinds(editor: Draft7Validator) -> None:
    text = (CORPUS / "invalid-type-typo.yaml").read_text(encoding="utf-8")
    errors = _all_errors(editor.iter_errors(yaml.load(text, Loader=Yaml12Loader)))
    at_type = [e for e in errors if list(e.absolute_path) == ["quiz", "questions", 0, "type"]]
    # Every kind is offered, not only the one the editor guessed ("Valid values: single").
    [typo] = [e for e in at_type if e.validator == "enum"]
    assert typo.validator_value == ["single", "multiple", "true_false", "order", "short_answer"]


URLS = [
    "https://example.org",
    "http://a.b:8080/x?y=1#z",
    "https://user@example.org/x",
    "HTTPS://example.org",
    "https://x.org?y=1",
    "https://doi.org/10.1002/da.22968",
    "https://example.org/a b",
    "https://example.",
    "https://.example.org",
    "https://example.org.",
    "https://localhost",
    "ftp://x.org",
    "https://[::1]/",
    "doi:10.1/x",
    "www.x.org",
]


@pytest.mark.parametrize("url", URLS)
def test_source_urls_agree(editor: Draft7Validator, tmp_path: Path, url: str) -> None:
    text = (CORPUS / "valid-base.yaml").read_text(encoding="utf-8")
    lesson = tmp_path / "lesson.yaml"
    lesson.write_text(text.replace('"https://example.org/a"', json.dumps(url)), encoding="utf-8")
    by_validate = validate_errors(lesson, tmp_path)
    by_schema = schema_errors(editor, lesson)
    assert (by_validate == []) == (by_schema == []), (by_validate, by_schema)
