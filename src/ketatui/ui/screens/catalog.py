"""The catalog: modules in order with progress, lessons with status, a track filter.

One OptionList holds every row (module headers are disabled options), each a `ListRow`, so
the screen stays fast with a thousand lessons. Status is always a mark and a word, never
colour alone: ✓ passed, ✗ not passed yet, ● in progress, ○ new, ↻ updated since passed.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ketatui.content.catalog import Catalog, LessonEntry
from ketatui.content.model import Track
from ketatui.i18n import N_, _, day_words, ngettext
from ketatui.review.mastery import Mastery, lesson_mastery, module_mastery
from ketatui.ui.messages import OpenLesson, ShowProfiles, ShowSettings
from ketatui.ui.screens.base import KetatuiScreen
from ketatui.ui.widgets.choice_bar import Choice, ChoiceBar
from ketatui.ui.widgets.key_bar import KeyBar
from ketatui.ui.widgets.list_row import ListRow
from ketatui.ui.widgets.marked_list import MarkedOptionList
from ketatui.ui.widgets.meter import bar

if TYPE_CHECKING:
    from ketatui.learning.lesson import QuizResult
    from ketatui.progress.model import LessonReviews
    from ketatui.progress.store import LessonState
    from ketatui.ui.app import KetatuiApp

#: Track filter choices: (label, value); "all" means every track.
TRACK_CHOICES: tuple[tuple[str, str], ...] = (
    (N_("All lessons"), "all"),
    (N_("Patient"), "patient"),
    (N_("Trainee"), "trainee"),
)
TRACK_PREFIX = "track-"
CONTINUE = "continue"
REVIEW = "review"
REVIEW_TIP = N_("Answer the questions due for review again")
TRACK_TIP = N_("Show lessons for all, patients or trainees")
CONTINUE_TIP = N_("Continue where you left off")
MODULE_PREFIX = "module:"
#: How the lesson details name each track and review status.
TRACK_PLURALS = {"patient": N_("patients"), "trainee": N_("trainees")}
REVIEW_WORDS = {
    "draft": N_("draft"),
    "in_review": N_("in review"),
    "approved": N_("approved"),
    "retired": N_("retired"),
}  # lesson ids cannot contain ":", so header ids never collide


def track_value(track: Track | None) -> str:
    """The filter value for a track (None = "all")."""
    return track or "all"


def track_from_value(value: object) -> Track | None:
    """The track for a filter value ("all" or anything unknown = None)."""
    if value == "patient":
        return "patient"
    if value == "trainee":
        return "trainee"
    return None


def review_label(due: int) -> str:
    """The catalog's review entry, e.g. "Review (3 due)"."""
    return _("Review ({due} due)").format(due=due)


def nothing_due(soonest: datetime | None) -> str:
    """What Review says when nothing is due, with the day the next question comes back."""
    if soonest is None:
        return _("Nothing to review yet: the questions you answer in quizzes come back here.")
    day = soonest.astimezone()
    return _("Nothing is due for review now. The next question comes back on {day}.").format(
        day=day_words(day)
    )


def lesson_status(
    entry: LessonEntry, state: LessonState | None, level: Mastery | None = None
) -> tuple[str, str, str]:
    """(mark, words, style) describing where a learner is in a lesson (and, once it is
    passed, how well they know it: its mastery level)."""
    mastered = f" · {level.label}" if level is not None and level >= Mastery.FAMILIAR else ""

    def score(prefix: str) -> str:
        if state is None or state.best_score is None:
            return ""
        return f" · {prefix}{round(state.best_score * 100)}%"

    if state is None or state.status == "new":
        return "○", _("New"), "$text-muted"
    if state.status == "passed":
        if state.content_hash and state.content_hash != entry.content_hash:
            return "↻", _("Updated since you passed") + score("") + mastered, "$text-warning"
        return "✓", _("Passed") + score("") + mastered, "$text-success"
    if state.in_quiz:
        return "●", _("In the quiz"), "$text-accent"
    if state.status == "failed":
        return "✗", _("Not passed yet") + score(_("best") + " "), "$text-error"
    pages = entry.card.pages
    page = min(state.current_page + 1, pages)
    words = _("In progress · page {page} of {pages}").format(page=page, pages=pages)
    return "●", words, "$text-accent"


def progress_bar(done: int, total: int, width: int = 10) -> str:
    """A text bar such as "███░░░░░░░" (the numbers are always shown next to it)."""
    return "".join(bar(done, total, width))


def lesson_row(
    entry: LessonEntry, state: LessonState | None, level: Mastery | None = None
) -> ListRow:
    """One catalog row: mark, title, status words (with the mastery level), minutes."""
    mark, words, style = lesson_status(entry, state, level)
    prefix = f" {mark} "
    return ListRow(
        (prefix, f"bold {style}"),
        (entry.card.title, "bold"),
        "\n   ",
        (words, style),
        (" · " + _("{n} min").format(n=entry.card.minutes), "$text-muted"),
        hang=len(prefix),  # a long title wraps under itself, level with the status words
    )


def build_options(
    catalog: Catalog,
    states: dict[str, LessonState],
    track: Track | None,
    reviews: dict[str, LessonReviews] | None = None,
) -> list[Option | None]:
    """Every row of the catalog for a track: a header per module, then its lessons.
    With `reviews` (a learner with a profile), each shows its mastery level."""
    options: list[Option | None] = []
    for module in catalog.modules_for(track):
        lessons = module.for_track(track)
        if not lessons:
            continue
        done = sum(
            1 for e in lessons if (s := states.get(e.id)) is not None and s.status == "passed"
        )
        levels: dict[str, Mastery] = {}
        if reviews is not None:
            levels = {
                e.id: lesson_mastery(states.get(e.id), reviews.get(e.id), e.card.questions)
                for e in lessons
            }
        header = ListRow(
            (module.title, "bold $text-primary"),
            "\n",
            (progress_bar(done, len(lessons)), "$text-primary"),
            " " + _("{done} of {total} passed").format(done=done, total=len(lessons)),
            _module_level(list(levels.values())),
        )
        if options:
            options.append(None)
        options.append(Option(header, id=MODULE_PREFIX + module.id, disabled=True))
        options.extend(
            Option(lesson_row(e, states.get(e.id), levels.get(e.id)), id=e.id) for e in lessons
        )
    return options


def _module_level(levels: list[Mastery]) -> str:
    """ " · familiar" after a module's count, once any of its lessons is started."""
    level = module_mastery(levels)
    return f" · {level.label}" if level > Mastery.NOT_STARTED else ""


def lesson_details(entry: LessonEntry) -> Content:
    """The line under the list: summary, pages, quiz, review status."""
    card = entry.card
    # First: the rest of the line may be cut on a narrow screen.
    facts = [_("not yet translated")] if entry.untranslated else []
    facts.append(ngettext("{n} page", "{n} pages", card.pages).format(n=card.pages))
    if card.questions:
        n = card.questions
        facts.append(ngettext("quiz of {n} question", "quiz of {n} questions", n).format(n=n))
    tracks = [_(TRACK_PLURALS.get(t, t)) for t in card.tracks]
    facts.append(_("for {tracks}").format(tracks=_(" and ").join(tracks)))
    status = REVIEW_WORDS.get(card.review_status)
    status_words = _(status) if status else card.review_status
    facts.append(_("review: {status}").format(status=status_words))
    summary = card.summary.strip() or card.title
    return Content.assemble(summary, "\n", (" · ".join(facts), "$text-muted"))


def same_content(old: object, new: Content) -> bool:
    """True if `old` (what a Static shows) is `new`: the same words in the same styles."""
    if isinstance(old, str):
        return not old and not new.plain
    return isinstance(old, Content) and old.plain == new.plain and old.spans == new.spans


class CatalogScreen(KetatuiScreen):
    """Pick a lesson. Enter opens it; Continue goes back to the last lesson."""

    DEFAULT_CSS = """
    #catalog-top {
        height: 1;
        background: $panel;
        padding: 0 1;
    }

    /* Both sides stay on one line and end in "…" when too long (a 60-character profile
       name must not run into the course title); the gap keeps them apart. */
    #course-title {
        width: 1fr;
        text-style: bold;
        color: $text-primary;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }

    #who {
        width: auto;
        max-width: 50%;
        margin-left: 2;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }

    /* One line: the track choices, and Continue at the right end. */
    #catalog-controls {
        padding: 0 2;
        margin: 1 0;
    }

    #lessons {
        height: 1fr;
        margin: 0 1;
    }

    #lessons > .option-list--option {
        padding: 0 1;
    }

    #lessons > .option-list--option-disabled {
        color: $foreground;
    }

    #lesson-details {
        height: 2;
        padding: 0 2;
    }

    #catalog-notes {
        height: auto;
        padding: 0 2;
        color: $text-warning;
    }
    """

    TITLE = N_("Lessons")
    # Focus the list from the start: focusing it in on_mount, after Textual focused
    # something first, restyled and repainted the whole screen once more.
    AUTO_FOCUS = "#lessons"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", N_("Open"), show=False),
        Binding("c", "continue", N_("Continue"), tooltip=CONTINUE_TIP),
        Binding("r", "review", N_("Review"), tooltip=REVIEW_TIP),
        Binding("t", "cycle_track", N_("Track"), tooltip=TRACK_TIP),
        Binding("s", "settings", N_("Settings"), tooltip=N_("Colours, contrast and language")),
        Binding("escape", "profiles", N_("Profiles"), tooltip=N_("Back to the profile list")),
        # Not in the key bar (the bar keeps to the everyday keys); listed by ? and named on
        # the served page. In a browser the record arrives as a download.
        Binding("x", "export_record", N_("Export my record (CSV)"), show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="catalog")
        self._states: dict[str, LessonState] = {}
        #: Questions due for review now (learners with a profile only).
        self._due = 0
        #: True once something covered the catalog: its rows are rebuilt on return.
        self._rows_stale = False
        #: True once the catalog has been shown (resumed) once.
        self._shown = False

    @property
    def ketatui(self) -> KetatuiApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]  # Screen.app is typed App[Any]

    def compose(self) -> ComposeResult:
        app = self.ketatui
        with Horizontal(id="catalog-top"):
            yield Static(Content(app.catalog.course.title), id="course-title")
            yield Static(self._who(), id="who")
        # One click per track (a dropdown needs two); the chosen one is marked with ● as
        # well as colour. The keyboard has t (track) and c (continue).
        yield ChoiceBar(_("Show"), self._controls(), id="catalog-controls")
        yield MarkedOptionList(id="lessons")
        yield Static("", id="lesson-details")
        notes = self._notes()
        yield Static(Content("\n".join(notes)), id="catalog-notes")
        yield KeyBar()

    def _who(self) -> Content:
        session = self.ketatui.session
        if session.profile_name:
            return Content.assemble(_("Learning as "), (session.profile_name, "bold"))
        return Content(_("Progress is not saved"))

    def _notes(self) -> list[str]:
        app = self.ketatui
        notes = []
        if app.store_note:
            notes.append(app.store_note)
        # Count files, not errors: one broken lesson can report several problems.
        broken = len({e.file for e in app.catalog.errors if e.severity == "error"})
        if broken:
            notes.append(
                ngettext(
                    "{n} lesson file has errors and was left out (authors: run ketatui validate).",
                    "{n} lesson files have errors and were left out (authors: run ketatui "
                    "validate).",
                    broken,
                ).format(n=broken)
            )
        return notes

    def on_mount(self) -> None:
        self.query_one("#catalog-notes").display = bool(self._notes())
        self.refresh_lessons()

    def on_screen_suspend(self) -> None:
        # Something opened on top (a lesson, a dialog): statuses may change meanwhile.
        self._rows_stale = True

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._shown:
            # The first show: every widget was styled as it was mounted, just now, and
            # Textual's resume would style them all again (~4 ms of start-up).
            self._shown = True
            event.refresh_styles = False
        # Back from a lesson (or a dialog). Not on the first show: on_mount has just built
        # the rows, and building 1,000 rows twice doubled the time to show the catalog.
        if self.is_mounted and self._rows_stale:
            self._rows_stale = False
            # The learner may have changed too (the picker opened over this catalog).
            self.query_one("#who", Static).update(self._who())
            self.refresh_lessons()

    # ------------------------------------------------------------------ rows

    def load_states(self) -> dict[str, LessonState]:
        """The learner's saved lesson states (empty when nothing is saved)."""
        session = self.ketatui.session
        return session.call("read", lambda p: p.lesson_states(session.profile_id))

    def refresh_lessons(self) -> None:
        """Rebuild the rows from the store, keeping the highlighted lesson."""
        session = self.ketatui.session
        option_list = self.query_one("#lessons", OptionList)
        keep = self.highlighted_lesson_id()
        self._states = self.load_states()
        reviews = None
        if session.reviews:
            pid = session.profile_id
            reviews = session.call("read", lambda p: p.lesson_reviews(pid))
            self._due = session.due_count()
            self._mark_track()  # the review entry shows the new due count
        options = build_options(session.catalog, self._states, session.track, reviews)
        option_list.set_options(options)
        if not options:
            option_list.set_options(
                [Option(Content(_("No lessons on this track yet.")), disabled=True)]
            )
        self.highlight_lesson(keep)

    def highlighted_lesson_id(self) -> str | None:
        """Id of the highlighted lesson row, if any."""
        option = self.query_one("#lessons", OptionList).highlighted_option
        if option is None or option.id is None or option.id.startswith(MODULE_PREFIX):
            return None
        return option.id

    def highlight_lesson(self, lesson_id: str | None) -> None:
        """Move the highlight to a lesson (or the first lesson if it is not shown)."""
        option_list = self.query_one("#lessons", OptionList)
        index = None
        if lesson_id is not None:
            try:
                index = option_list.get_option_index(lesson_id)
            except Exception:  # OptionDoesNotExist: filtered out by the track
                index = None
        if index is None:
            for i, option in enumerate(option_list.options):
                if not option.disabled:
                    index = i
                    break
        option_list.highlighted = index
        self._show_details()

    @on(OptionList.OptionHighlighted, "#lessons")
    def _show_details(self) -> None:
        found = self.query("#lesson-details")
        if not found:
            return  # a highlight from a list that was just rebuilt (language switch)
        details = found.first(Static)
        lesson_id = self.highlighted_lesson_id()
        entry = self.ketatui.catalog.entry(lesson_id) if lesson_id else None
        shown = lesson_details(entry) if entry else Content("")
        # highlight_lesson shows the details at once and the list's OptionHighlighted
        # message asks again: an equal update would cost one more layout and paint.
        if not same_content(details.content, shown):
            details.update(shown)

    # ------------------------------------------------------------------ actions

    @on(OptionList.OptionSelected, "#lessons")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and not event.option.id.startswith(MODULE_PREFIX):
            self.post_message(OpenLesson(event.option.id))

    def action_open(self) -> None:
        """Open the highlighted lesson."""
        lesson_id = self.highlighted_lesson_id()
        if lesson_id is not None:
            self.post_message(OpenLesson(lesson_id))

    def action_continue(self) -> None:
        """Open the lesson last used while unfinished, else the next unfinished one."""
        entry = self.ketatui.session.continue_lesson()
        if entry is None:
            self.notify(_("You have passed every lesson on this track."), markup=False)
            return
        self.post_message(OpenLesson(entry.id))

    def action_review(self) -> None:
        """Answer the questions due for review (at most ten, mixed), or resume a session."""
        from ketatui.learning.review import ReviewProgress
        from ketatui.ui.screens.review import ReviewScreen

        progress = ReviewProgress(self.ketatui.session)
        attempt = progress.start()
        if attempt is None:
            self.notify(nothing_due(self.ketatui.session.next_due()), markup=False)
            return
        if attempt.next_question_index >= len(attempt.question_ids):
            self._review_closed(progress.finish(attempt))
            return
        self.app.push_screen(ReviewScreen(progress, attempt), self._review_closed)

    def _review_closed(self, result: QuizResult | None) -> None:
        if result is not None:
            from ketatui.ui.screens.review import review_done

            self.notify(review_done(result.score.correct, result.score.total), markup=False)

    @on(ChoiceBar.Pressed, "#catalog-controls")
    def _control_pressed(self, event: ChoiceBar.Pressed) -> None:
        event.stop()
        if event.choice.id == CONTINUE:
            self.action_continue()
        elif event.choice.id == REVIEW:
            self.action_review()
        else:
            self.set_track(track_from_value(event.choice.id.removeprefix(TRACK_PREFIX)))

    def set_track(self, track: Track | None) -> None:
        """Show the lessons of one track (None = all) and mark the chosen button."""
        session = self.ketatui.session
        if track != session.track:
            session.track = track
            if session.profile_name:  # remembered for the next start
                session.remember("track", track_value(track))
            self.refresh_lessons()
        self._mark_track()

    def _mark_track(self) -> None:
        self.query_one("#catalog-controls", ChoiceBar).set_choices(self._controls())

    def _controls(self) -> list[Choice]:
        """The track choices (the session's track chosen) and Continue."""
        chosen = track_value(self.ketatui.session.track)
        review = []
        if self.ketatui.session.reviews:  # a learner with a profile (never the kiosk)
            review = [Choice(REVIEW, review_label(self._due), action=True, tooltip=_(REVIEW_TIP))]
        return [
            *(
                Choice(TRACK_PREFIX + value, _(label), chosen=value == chosen, tooltip=_(TRACK_TIP))
                for label, value in TRACK_CHOICES
            ),
            *review,
            Choice(CONTINUE, _("Continue"), action=True, tooltip=_(CONTINUE_TIP)),
        ]

    def action_cycle_track(self) -> None:
        """Switch the track filter: all, patient, trainee, all..."""
        values = [value for _, value in TRACK_CHOICES]
        current = track_value(self.ketatui.session.track)
        self.set_track(track_from_value(values[(values.index(current) + 1) % len(values)]))

    def action_settings(self) -> None:
        """Open the settings screen."""
        self.post_message(ShowSettings())

    def action_profiles(self) -> None:
        """Back to the profile picker."""
        self.post_message(ShowProfiles())

    def action_export_record(self) -> None:
        """Save this learner's record as CSV (a download in a browser)."""
        from ketatui.ui.record_export import export_record

        export_record(self.ketatui)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "review":
            return self.ketatui.session.reviews
        if action in ("profiles", "export_record"):
            # Only when there are profiles: not when progress cannot be saved.
            return self.ketatui.store is not None
        return True
