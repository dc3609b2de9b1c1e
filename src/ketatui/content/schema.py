"""JSON Schema for lesson, module and course files, for editors (yaml-language-server).

Generated from the msgspec model, so it cannot drift from what the loader accepts, then
adapted for draft-07 (what yaml-language-server supports best): `$defs` become
`definitions`, the root type is inlined, and every field gets a description for hovers.
Point an editor at it with a first line like
`# yaml-language-server: $schema=./lesson.schema.json`.
"""

from __future__ import annotations

from typing import Any

import msgspec

from ketatui.content.model import Course, Lesson, Module

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
KINDS: dict[str, type[msgspec.Struct]] = {"lesson": Lesson, "module": Module, "course": Course}

_QUESTION_FIELDS = {
    "type": "Kind of question: single, multiple, true_false, order or short_answer.",
    "id": "Stable id within the lesson (progress and answer records use it).",
    "prompt": "The question as the learner sees it.",
    "explanation": "Shown after answering, whatever was chosen: why the answer is right.",
    "hint": "Optional hint the learner can ask for.",
    "sources": "Ids of the lesson's sources that back this question.",
    "teaches": "The page that teaches this question, by its number in the lesson (1 = first "
    "page). A learner who misses the question is offered that page again.",
    "choices": "The answer options (at least 2); mark the right ones 'correct: true'.",
    "answer": "Whether the statement in the prompt is true.",
    "items": "The items in the right order (they are shown shuffled); at least 2.",
    "accepted": "Answers that count as right (case, spacing and punctuation are ignored).",
    "feedback": "Feedback shown after a right or a wrong answer.",
    "shuffle": "Show the choices in a new order on each attempt (default true); false keeps "
    "the order written. A choice marked 'fixed: true' keeps its place either way.",
}

#: Field descriptions for editor hovers, by definition name.
FIELD_DOCS: dict[str, dict[str, str]] = {
    "Lesson": {
        "id": "Stable id of the lesson, unique in the course. Never change it once published: "
        "progress is keyed on it.",
        "title": "The lesson title shown in the catalog and at the top of each page.",
        "tracks": "Who sees the lesson: patient, trainee, or both.",
        "language": "Language code, e.g. en. Defaults to the course language.",
        "minutes": "Estimated time to read the lesson and take its quiz, in minutes (1-240).",
        "summary": "One line shown in the catalog.",
        "review": "Clinical review state; shown with the lesson.",
        "sources": "References that back the lesson; pages and questions cite them by id.",
        "pages": "Screens of reading, in order: one idea per page. At least one.",
        "quiz": "Optional questions at the end of the lesson.",
        "source_version": "Only in a translation (name.<lang>.yaml): the first 12 hex digits "
        "of the source lesson's content hash it was translated from; ketatui validate says "
        "what to write here.",
    },
    "Review": {
        "status": "draft, in_review, approved or retired.",
        "by": "Who reviewed it (name and role).",
        "date": "When it was last reviewed (YYYY-MM-DD).",
        "next_due": "When it should be reviewed again (YYYY-MM-DD).",
    },
    "Source": {
        "id": "Id that pages and questions use in their 'sources:' lists.",
        "cite": "The citation as shown: authors, title, journal or publisher, year.",
        "url": "Optional link, a full http(s) address (a DOI as https://doi.org/...); shown as "
        "text, never opened in kiosk mode.",
    },
    "Page": {
        "title": "The page heading.",
        "body": "The page text in Markdown. Give either body or body_file.",
        "body_file": "A Markdown file with the page text, relative to the lesson file; it must "
        "stay inside the course folder. Give either body or body_file.",
        "sources": "Ids of the lesson's sources that back this page.",
    },
    "Quiz": {
        "shuffle": "Ask the questions in a new order on each attempt. Choices are shuffled "
        "per question (see a question's 'shuffle').",
        "questions": "The questions, each with a 'type'.",
    },
    "Choice": {
        "text": "The answer option as shown.",
        "correct": "Whether this option is right (default false).",
        "feedback": "Shown when the learner picks this option.",
        "id": "Optional stable id of this option; answer records use it. Without one, the id "
        "is derived from the text, so rewording the option makes it a new one.",
        "fixed": "Keep this option at its place when the choices are shuffled (e.g. 'None of "
        "these').",
    },
    "Feedback": {
        "correct": "Shown after a right answer.",
        "incorrect": "Shown after a wrong answer.",
    },
    "SingleQuestion": _QUESTION_FIELDS,
    "MultipleQuestion": _QUESTION_FIELDS,
    "TrueFalseQuestion": _QUESTION_FIELDS,
    "OrderQuestion": _QUESTION_FIELDS,
    "ShortAnswerQuestion": _QUESTION_FIELDS,
    "Module": {
        "id": "Stable id of the module, unique in the course.",
        "title": "The module title shown in the catalog.",
        "summary": "One line shown in the catalog.",
    },
    "Course": {
        "title": "The course title.",
        "language": "Default language code of the lessons, e.g. en.",
        "summary": "One line about the course.",
        "notice": "Shown once at the start: education, not medical advice.",
        "crisis": "The crisis-help screen (F1 on every screen).",
    },
    "Crisis": {
        "title": "Heading of the crisis-help screen.",
        "intro": "Text above the list of resources.",
        "resources": "Places to get help now, in the order shown.",
    },
    "CrisisResource": {
        "name": "Name of the service.",
        "contact": "What to dial or text, e.g. 'Call or text 988'.",
        "detail": "E.g. 'Free, 24/7'.",
        "region": "Where it applies, e.g. US.",
        "url": "Optional web address (shown as text).",
    },
}


def json_schema(kind: str = "lesson") -> dict[str, Any]:
    """The draft-07 JSON Schema of a lesson, module or course file."""
    cls = KINDS[kind]
    generated = msgspec.json.schema(cls)
    defs: dict[str, Any] = generated.get("$defs", {})
    for name, definition in defs.items():
        _describe(definition, FIELD_DOCS.get(name, {}))
    # The loader checks a source URL in code (with a hint per mistake); the pattern only
    # lets an editor flag a bare DOI or a missing scheme while the author types.
    source_url = defs.get("Source", {}).get("properties", {}).get("url")
    if source_url is not None:
        source_url["pattern"] = (
            r"^([hH][tT][tT][pP][sS]?://([^\s/@]+@)?[^\s/.:@][^\s/:@]*\.[^\s/.:@]+"
            r"(:[0-9]+)?([/?#]\S*)?)?$"
        )
    for definition in defs.values():
        _text_as_written(definition)
    if kind == "lesson":
        agree_with_rules(defs)
    root_name = generated["$ref"].rsplit("/", 1)[1]
    root = dict(defs[root_name])
    schema: dict[str, Any] = {
        "$schema": DRAFT_07,
        "title": f"ketatui {kind} file",
        **{k: v for k, v in root.items() if k != "title"},
        "definitions": defs,
    }
    result: dict[str, Any] = _draft7_refs(schema)
    return result


_ID_PATTERN = "^[a-z0-9][a-z0-9-]*$"
#: What YAML 1.1 reads as true or false besides true/false themselves (PyYAML's spellings).
YAML11_TRUE = ("yes", "Yes", "YES", "on", "On", "ON")
YAML11_BOOLEANS = (*YAML11_TRUE, "no", "No", "NO", "off", "Off", "OFF")


def _text_as_written(schema: Any) -> None:
    """Let text fields take numbers and true/false, as the loader does.

    The loader reads any scalar as the text written (`title: 2026`, `text: 988`), so the
    schema accepts a number or a boolean where text goes; an id may be a whole number of
    zero or more (`id: 7`), which is the text "7". Where true/false goes, the loader
    (YAML 1.1) also takes yes/no/on/off, which an editor (YAML 1.2) reads as text: the
    schema lists them, so `answer: yes` is right in both.
    """
    if isinstance(schema, list):
        for item in schema:
            _text_as_written(item)
        return
    if not isinstance(schema, dict):
        return
    if schema.get("type") == "boolean":
        del schema["type"]
        schema["anyOf"] = [{"type": "boolean"}, {"enum": list(YAML11_BOOLEANS)}]
        return
    if schema.get("type") == "string" and "format" not in schema and "enum" not in schema:
        if schema.get("pattern") == _ID_PATTERN:
            schema["type"] = ["string", "integer"]
            schema["minimum"] = 0
        elif "pattern" not in schema:
            schema["type"] = ["string", "number", "boolean"]
    for value in schema.values():
        if isinstance(value, dict | list):
            _text_as_written(value)


#: A choice marked right, and one that is not (`correct` defaults to false).
_RIGHT = {
    "required": ["correct"],
    "properties": {"correct": {"enum": [True, *YAML11_TRUE]}},
}
_NOT_RIGHT = {"not": _RIGHT}
#: Text with something in it (a number or true/false is text as written, never blank).
_NOT_BLANK = {"anyOf": [{"type": ["number", "boolean"]}, {"type": "string", "pattern": r"\S"}]}
#: "Exactly one correct choice" is spelled out position by position (draft-07 cannot
#: count matches): a single question may have up to this many choices for the editor.
MAX_SINGLE_CHOICES = 20


def agree_with_rules(defs: dict[str, Any]) -> None:
    """Add what `content/rules.py` checks and a schema can say: list lengths, one of
    body/body_file, the correct choices, and one kind per question by its `type`."""

    def prop(definition: str, name: str) -> dict[str, Any]:
        found: dict[str, Any] = defs[definition]["properties"][name]
        return found

    defs["Lesson"]["properties"]["pages"]["minItems"] = 1
    for kind in ("SingleQuestion", "MultipleQuestion"):
        prop(kind, "choices")["minItems"] = 2
    prop("OrderQuestion", "items")["minItems"] = 2
    prop("ShortAnswerQuestion", "accepted")["minItems"] = 1
    prop("MultipleQuestion", "choices")["contains"] = _RIGHT
    prop("SingleQuestion", "choices")["anyOf"] = [
        {"minItems": i + 1, "items": [_NOT_RIGHT] * i + [_RIGHT], "additionalItems": _NOT_RIGHT}
        for i in range(MAX_SINGLE_CHOICES)
    ]
    defs["Page"]["oneOf"] = [
        {"required": ["body"], "properties": {"body": _NOT_BLANK}},
        {"required": ["body_file"], "properties": {"body_file": {"type": "string"}}},
    ]
    question = defs["Quiz"]["properties"]["questions"]["items"]
    kinds = question.pop("anyOf")
    question.pop("discriminator", None)
    names = [k["$ref"].rsplit("/", 1)[1] for k in kinds]
    tags = [defs[n]["properties"]["type"].pop("enum")[0] for n in names]
    for name, tag in zip(names, tags, strict=True):
        defs[name]["properties"]["type"]["const"] = tag
    # The kinds listed first, so an editor says "one of: single, multiple, ..." for a typo.
    question.update(
        {"type": "object", "required": ["type"], "properties": {"type": {"enum": tags}}}
    )
    question["oneOf"] = kinds


def _describe(definition: dict[str, Any], docs: dict[str, str]) -> None:
    """Add a description to each property that lacks one (a bare $ref is wrapped in allOf,
    because draft-07 ignores keywords next to $ref)."""
    properties = definition.get("properties", {})
    for name, prop in properties.items():
        text = docs.get(name)
        if not text or "description" in prop:
            continue
        if "$ref" in prop:
            properties[name] = {"description": text, "allOf": [{"$ref": prop.pop("$ref")}], **prop}
        else:
            prop["description"] = text


def _draft7_refs(value: Any) -> Any:
    """Rewrite `#/$defs/X` references (2020-12 style) to `#/definitions/X` (draft-07), and
    tuple defaults to lists, so the result is plain JSON data."""
    if isinstance(value, dict):
        return {k: _draft7_refs(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_draft7_refs(v) for v in value]
    if isinstance(value, str) and value.startswith("#/$defs/"):
        return "#/definitions/" + value[len("#/$defs/") :]
    return value
