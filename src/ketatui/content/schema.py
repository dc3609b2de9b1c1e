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
        source_url["pattern"] = r"^(https?://[^\s/]+\.[^\s]*)?$"
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
