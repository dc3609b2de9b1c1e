"""Property tests: valid lessons mutated at random load or give ContentErrors, nothing else.

Mutations work on the text (truncate, flip bytes, insert junk, duplicate or drop lines) and
on the data (delete keys, change types, add junk keys), starting from real lessons. The
loader must return a lesson or errors with positions; its "internal error" safety net must
never fire; and any question it accepts must be gradeable for any answer shape (the answer
shapes are grading's own property-test strategy, reused).
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ketatui.content.catalog import LessonEntry, load_catalog
from ketatui.content.loader import load_lesson_file
from ketatui.content.model import Lesson
from ketatui.quiz.grading import Grade, check_answer

from .conftest import scaled

TESTS = Path(__file__).resolve().parent.parent
SEEDS = [
    TESTS / "data" / "ui_course" / "01-basics" / "01-first.yaml",
    TESTS / "data" / "ui_course" / "01-basics" / "02-second.yaml",
    TESTS / "data" / "course_ok" / "01-basics" / "01-first.yaml",
]
SEED_TEXTS = [p.read_text() for p in SEEDS]
SEED_DATA = [yaml.safe_load(t) for t in SEED_TEXTS]

EXAMPLES = scaled(200, 5000)
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: Fragments that mean something to YAML, Rich/Textual markup or a terminal.
JUNK = [
    "&a ",
    "*a",
    "*undefined",
    "!!python/object/apply:os.system ['true']",
    "!!binary ",
    "!x ",
    "<<: *a",
    "[@click=app.quit]x[/]",
    "[bold]",
    "[/]",
    "\t",
    "{",
    "}",
    "[",
    "]",
    ": ",
    "- ",
    "? ",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "#",
    "'",
    '"',
    "|",
    ">",
    "\\",
    "\x00",
    "\ufeff",
    "\u202e",
    "\x1b[2J",
    "é",
    "🙂",
    "1e999",
    "9" * 5000,
    ".nan",
    "~",
    "null",
    "yes",
    "0x1F",
    "2026-13-45",
    "\n",
    "\r\n",
    "  ",
    "id: ",
    "pages:",
    "body_file: ../../etc/passwd",
]
junk_text = st.one_of(st.sampled_from(JUNK), st.text(max_size=12))


def good_as_bytes(index: int) -> bytes:
    return SEED_TEXTS[index].encode()


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    data = bytearray(good_as_bytes(draw(st.integers(0, len(SEED_TEXTS) - 1))))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["truncate", "flip", "insert", "dup_line", "drop_line"]))
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        if kind == "truncate":
            del data[at:]
        elif kind == "flip":
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(junk_text).encode("utf-8", "surrogatepass")
        else:
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            if kind == "dup_line":
                lines.insert(i, lines[i])  # a duplicate key, or a repeated list item
            else:
                del lines[i]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(JUNK),
    st.dates(),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value inside a YAML-ish tree of dicts and lists."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            found += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            found += _paths(v, (*prefix, i))
    return found


def _parent(root: Any, path: tuple) -> Any:
    for part in path[:-1]:
        root = root[part]
    return root


@st.composite
def mutated_data(draw: st.DrawFn) -> str:
    import copy

    data = copy.deepcopy(SEED_DATA[draw(st.integers(0, len(SEED_DATA) - 1))])
    for _ in range(draw(st.integers(1, 5))):
        paths = _paths(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(data, path)
        # "junk_text" keeps the shape (text stays text) so that many mutants still load
        # and reach the grading check; the others break the shape.
        kind = draw(st.sampled_from(["junk_text"] * 4 + ["delete", "replace", "junk_key", "wrap"]))
        if kind == "junk_text":
            if isinstance(parent[path[-1]], str):
                parent[path[-1]] = draw(junk_text) + parent[path[-1]]
        elif kind == "delete":
            del parent[path[-1]]
        elif kind == "replace":
            parent[path[-1]] = draw(values)
        elif kind == "wrap":
            parent[path[-1]] = [parent[path[-1]]]
        elif isinstance(parent, dict):
            parent[draw(st.text(alphabet=string.printable, max_size=10))] = draw(values)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def lesson_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    course = tmp_path_factory.mktemp("props")
    (course / "course.yaml").write_text("title: Property course\n")
    (course / "01-m").mkdir()
    (course / "01-m" / "module.yaml").write_text("id: m\ntitle: M\n")
    (course / "01-m" / "bodies").mkdir()
    (course / "01-m" / "bodies" / "page-two.md").write_text("Page two.\n")
    return course / "01-m" / "01-lesson.yaml"


def check_outcome(path: Path) -> LessonEntry | None:
    """The loader's contract on any input, plus: accepted questions grade any answer."""
    entry, errors = load_lesson_file(path, path.parent.parent)
    for e in errors:
        assert e.line >= 1 and e.column >= 1 and e.message
        assert "internal error" not in e.message, e.format()
    has_error = any(e.severity == "error" for e in errors)
    event("refused" if entry is None else "loaded")
    if entry is None:
        assert has_error
        return None
    assert not has_error
    assert isinstance(entry.lesson, Lesson)
    assert len(entry.bodies) == len(entry.lesson.pages)
    return entry


# Grading's own answer-shape strategy (tests/test_grading_properties.py), not a copy of it.
from test_grading_properties import answers  # noqa: E402


@SETTINGS
@given(raw=mutated_bytes(), answer=answers)
def test_text_mutations_load_or_report(lesson_path: Path, raw: bytes, answer: object) -> None:
    lesson_path.write_bytes(raw)
    entry = check_outcome(lesson_path)
    if entry is not None and entry.lesson.quiz is not None:
        for question in entry.lesson.quiz.questions:
            assert isinstance(check_answer(question, answer), Grade)


@SETTINGS
@given(text=mutated_data(), answer=answers)
def test_data_mutations_load_or_report(lesson_path: Path, text: str, answer: object) -> None:
    lesson_path.write_text(text)
    entry = check_outcome(lesson_path)
    if entry is not None and entry.lesson.quiz is not None:
        for question in entry.lesson.quiz.questions:
            assert isinstance(check_answer(question, answer), Grade)


@settings(SETTINGS, max_examples=max(EXAMPLES // 4, 50))
@given(raw=mutated_bytes())
def test_a_mangled_course_or_module_file_never_stops_the_course(
    lesson_path: Path, raw: bytes
) -> None:
    course = lesson_path.parent.parent
    lesson_path.write_text(SEED_TEXTS[0])
    for target in (course / "course.yaml", course / "01-m" / "module.yaml"):
        original = target.read_bytes()
        target.write_bytes(raw)
        try:
            catalog = load_catalog(course)
        finally:
            target.write_bytes(original)
        assert [e.lesson.id for e in catalog.lessons()] == ["first-lesson"]
        assert all("internal error" not in e.message for e in catalog.errors)
