"""The typed lesson model: what authors write in YAML, as frozen msgspec structs.

These structs are the single source of truth for the lesson format: the loader
validates YAML against them, `ketatui schema` exports them as JSON Schema, and the
UI reads them. Field names are the YAML keys. Nothing here imports Textual.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Annotated, Literal

from msgspec import Meta, Struct

Track = Literal["patient", "trainee"]
ReviewStatus = Literal["draft", "in_review", "approved", "retired"]
QuestionType = Literal["single", "multiple", "true_false", "order", "short_answer"]

#: Ids are stable forever (progress is keyed on them): lowercase words joined by dashes.
Id = Annotated[
    str,
    Meta(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        max_length=80,
        description=(
            "Stable id: lowercase letters, digits and dashes. Never change it once published."
        ),
    ),
]
NonEmptyStr = Annotated[str, Meta(min_length=1)]
#: A question of a module's lesson, named as "lesson-id/question-id" (question ids repeat
#: across lessons, so the lesson is always named).
QuestionRef = Annotated[
    str,
    Meta(
        pattern=r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$",
        max_length=161,
        description="A question of this module, as lesson-id/question-id.",
    ),
]
PassMark = Annotated[
    float,
    Meta(gt=0, le=1, description="Share of questions to answer right to pass, in (0, 1]."),
]


class _Base(Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Common struct options: immutable, unknown keys rejected (subclasses pass kw_only)."""


# ---------------------------------------------------------------------------- course


class CrisisResource(_Base, frozen=True, kw_only=True):
    """One place to get help in a crisis, e.g. a phone or text line."""

    name: NonEmptyStr
    contact: NonEmptyStr  # what to dial or text, e.g. "Call or text 988"
    detail: str = ""  # e.g. "Free, 24/7"
    region: str = ""  # e.g. "US", "UK & Ireland"
    url: str = ""


class Crisis(_Base, frozen=True, kw_only=True):
    """The crisis-help screen: shown on F1 from every screen."""

    title: str = "Need help now?"
    intro: str = ""
    resources: tuple[CrisisResource, ...] = ()


class Course(_Base, frozen=True, kw_only=True):
    """`course.yaml`: the course as a whole."""

    title: NonEmptyStr
    language: str = "en"
    summary: str = ""
    #: Shown once at start: education, not medical advice.
    notice: str = ""
    crisis: Crisis = Crisis()


class Module(_Base, frozen=True, kw_only=True):
    """`module.yaml` in a module folder."""

    id: Id
    title: NonEmptyStr
    summary: str = ""
    #: Questions asked before the module's first lesson and again once its lessons are
    #: passed, to measure knowledge gain (docs/authoring.md, "Knowledge gain").
    pre_check: tuple[QuestionRef, ...] = ()


# ---------------------------------------------------------------------------- lessons


class Source(_Base, frozen=True, kw_only=True):
    """A reference that backs what a lesson says."""

    id: Id
    cite: NonEmptyStr
    url: str = ""


class Review(_Base, frozen=True, kw_only=True):
    """Clinical review state of a lesson."""

    status: ReviewStatus
    by: str = ""
    date: dt.date | None = None
    next_due: dt.date | None = None


class Page(_Base, frozen=True, kw_only=True):
    """One screen of reading: one idea. Markdown in `body`, or in a file named by `body_file`."""

    title: NonEmptyStr
    body: str = ""
    #: Path of a Markdown file, relative to the lesson file; must stay inside the course folder.
    body_file: str | None = None
    sources: tuple[Id, ...] = ()


class Choice(_Base, frozen=True, kw_only=True):
    """An answer option of a `single` or `multiple` question."""

    text: NonEmptyStr
    correct: bool = False
    feedback: str = ""  # shown when this choice was picked
    #: Stable id for answer records; without one, the id is derived from the text
    #: (`text_id`), so rewording a choice without an id makes it a new choice.
    id: Id | None = None
    #: Kept at its place when the choices are shuffled (e.g. "None of these").
    fixed: bool = False


class Feedback(_Base, frozen=True, kw_only=True):
    """Feedback for question types without choices."""

    correct: str = ""
    incorrect: str = ""


#: A page of the same lesson, by its 1-based position. Pages have no ids of their own, and
#: a position is what an author sees in `ketatui preview` and what the teach-back link opens.
PageNumber = Annotated[
    int,
    Meta(
        ge=1,
        description=(
            "The page that teaches this question: its number in the lesson, counting from 1."
        ),
    ),
]


class _Question(_Base, tag_field="type", frozen=True, kw_only=True):
    id: Id
    prompt: NonEmptyStr
    explanation: NonEmptyStr  # shown after answering, whatever was chosen
    hint: str = ""
    sources: tuple[Id, ...] = ()
    #: For "Read that page again" after a wrong answer; the validator checks the page exists.
    teaches: PageNumber | None = None


class SingleQuestion(_Question, tag="single", frozen=True, kw_only=True):
    """Exactly one correct choice."""

    choices: tuple[Choice, ...]
    shuffle: bool = True  # False: always show the choices in the order written


class MultipleQuestion(_Question, tag="multiple", frozen=True, kw_only=True):
    """One or more correct choices; right only when exactly the correct set is chosen."""

    choices: tuple[Choice, ...]
    shuffle: bool = True  # False: always show the choices in the order written


class TrueFalseQuestion(_Question, tag="true_false", frozen=True, kw_only=True):
    """A statement that is true or false."""

    answer: bool
    feedback: Feedback = Feedback()


class OrderQuestion(_Question, tag="order", frozen=True, kw_only=True):
    """Put items in order; `items` lists them in the right order (shown shuffled)."""

    items: tuple[NonEmptyStr, ...]
    feedback: Feedback = Feedback()


class ShortAnswerQuestion(_Question, tag="short_answer", frozen=True, kw_only=True):
    """Type a short answer; any of `accepted` counts (case, spacing, punctuation ignored)."""

    accepted: tuple[NonEmptyStr, ...]
    feedback: Feedback = Feedback()


Question = (
    SingleQuestion | MultipleQuestion | TrueFalseQuestion | OrderQuestion | ShortAnswerQuestion
)


class Quiz(_Base, frozen=True, kw_only=True):
    """The questions at the end of a lesson."""

    pass_mark: PassMark = 0.8
    shuffle: bool = False
    questions: tuple[Question, ...] = ()


class Lesson(_Base, frozen=True, kw_only=True):
    """One lesson file."""

    id: Id
    title: NonEmptyStr
    tracks: tuple[Track, ...] = ("patient", "trainee")
    language: str | None = None  # defaults to the course language
    minutes: Annotated[int, Meta(ge=1, le=240)] = 5
    summary: str = ""
    review: Review
    sources: tuple[Source, ...] = ()
    pages: tuple[Page, ...]
    quiz: Quiz | None = None
    #: In a translation (`*.<lang>.yaml`): the first 12 hex digits of the source lesson's
    #: content hash when the translation was last brought up to date (`ketatui validate`
    #: warns when the source has changed since).
    source_version: Annotated[str, Meta(pattern=r"^[0-9a-f]{12}$")] | None = None

    def source(self, source_id: str) -> Source | None:
        """The source with this id, or None."""
        for s in self.sources:
            if s.id == source_id:
                return s
        return None

    def question(self, question_id: str) -> Question | None:
        """The quiz question with this id, or None."""
        if self.quiz is None:
            return None
        for q in self.quiz.questions:
            if q.id == question_id:
                return q
        return None


def question_type(question: Question) -> QuestionType:
    """The `type:` tag of a question."""
    # msgspec types tags as str | int; every question class sets a QuestionType literal.
    return type(question).__struct_config__.tag  # type: ignore[return-value]


def text_id(text: str) -> str:
    """The id derived from a choice's or an order item's text (docs/authoring.md).

    "t-" and the first 12 hex digits of the SHA-256 of the text after Unicode NFC,
    trimming, collapsing runs of whitespace to one space and case-folding: the same
    words give the same id whatever their spacing or case, in any lesson version.
    """
    import hashlib  # here: a catalog read from the cache needs no ids (~2 ms of start-up)

    canon = " ".join(unicodedata.normalize("NFC", text).split()).casefold()
    return "t-" + hashlib.sha256(canon.encode("utf-8")).hexdigest()[:12]


def choice_id(choice: Choice) -> str:
    """A choice's stable id: the author's `id`, else derived from its text (`text_id`)."""
    return choice.id if choice.id is not None else text_id(choice.text)
