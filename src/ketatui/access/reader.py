"""`ketatui read`: the course as plain lines of text, for screen readers and braille displays.

Everything is printed once, top to bottom, and never redrawn: no box drawing, no colour,
no animation. Each question is answered by typing numbers at a prompt, so the terminal's
own cursor is always where the answer goes. Progress is saved exactly as the app saves it:
through `LearnerSession` and `LessonProgress`, and every answer is checked by its kind
(`quiz.kinds`), the same code the app uses.

At every prompt: `q` goes back (a lesson to the list, the list to the end), `crisis`
prints the help lines, `say` reads the last text aloud (when speech is installed) and
`keys` lists what may be typed.
"""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING, TextIO

from ketatui.access.plaintext import plain_text
from ketatui.access.speech import Voice, missing_note, start_speaking, stop_speaking
from ketatui.content.catalog import LessonEntry
from ketatui.content.model import Question
from ketatui.i18n import N_, _, ngettext, pgettext
from ketatui.learning.lesson import LessonProgress, QuizResult, crisis_title, lesson_notes
from ketatui.learning.session import LearnerSession
from ketatui.progress.model import Attempt
from ketatui.quiz.grading import answer_to_json
from ketatui.quiz.kinds import kind_of

if TYPE_CHECKING:
    from ketatui.progress.store import ProgressStore

#: What a learner types to go back, from any prompt.
BACK = "q"
COMMON_KEYS = N_("{crisis}: help lines now. {say}: read aloud. q: go back.")


def command_word(word: str) -> str:
    """A typed command ("crisis", "say", "keys", "hint") in the interface's language."""
    return pgettext("typed command", word)


def is_command(text: str, word: str) -> bool:
    """Whether `text` is the command `word`, typed in English or the interface's language."""
    typed = text.casefold()
    return typed == word or typed == command_word(word).casefold()


def common_keys() -> str:
    """The commands every prompt takes, in words."""
    return _(COMMON_KEYS).format(crisis=command_word("crisis"), say=command_word("say"))


#: Marked for the catalogs: the words of `command_word`.
_COMMAND_WORDS = (
    pgettext("typed command", "crisis"),
    pgettext("typed command", "say"),
    pgettext("typed command", "keys"),
    pgettext("typed command", "hint"),
)


class Quit(Exception):
    """The input ended (Ctrl+D, a closed pipe): stop, with everything already saved."""


class PlainReader:
    """One run of the plain reader over `session`, reading `inp` and writing `out`."""

    def __init__(
        self, session: LearnerSession, inp: TextIO, out: TextIO, voice: Voice | None = None
    ) -> None:
        self.session = session
        self.inp = inp
        self.out = out
        self.voice = voice
        #: The last text shown, for `say`.
        self.last_text = ""
        self._language = session.catalog.course.language
        #: The speech still being said (or last said), from `say`.
        self.speaking: subprocess.Popen[bytes] | None = None

    # ------------------------------------------------------------------ input and output

    def say(self, *lines: str) -> None:
        """Print lines as they are, then remember them for `say`."""
        text = "\n".join(lines)
        self.out.write(text + "\n")
        self.out.flush()
        self.last_text = text

    def ask(self, prompt: str) -> str:
        """Print `prompt` and read one line; the common commands are handled here.

        The prompt ends the output, so the terminal's cursor waits right after it.
        """
        while True:
            self.out.write(prompt)
            self.out.flush()
            line = self.inp.readline()
            if not line:
                self.out.write("\n")
                raise Quit
            text = line.strip()
            if is_command(text, "crisis"):
                self._crisis()
            elif is_command(text, "say"):
                self.read_aloud()
            elif is_command(text, "keys"):
                self.out.write(common_keys() + "\n")
            else:
                return text

    def _crisis(self) -> None:
        crisis = self.session.catalog.course.crisis
        lines = [crisis_title(crisis)]
        if crisis.intro:
            lines.append(plain_text(crisis.intro))
        for r in crisis.resources:
            region = f" ({r.region})" if r.region else ""
            detail = f". {r.detail}" if r.detail else ""
            lines.append(f"- {r.name}{region}: {r.contact}{detail}")
        self.out.write("\n".join(lines) + "\n")

    def read_aloud(self) -> None:
        """Speak the last text shown (stopping any still being said), or say why not."""
        if self.voice is None:
            self.out.write(missing_note() + "\n")
            return
        stop_speaking(self.speaking)
        self.speaking = start_speaking(self.voice, self.last_text, self._language)

    def close(self) -> None:
        """Stop speaking (the reader is leaving)."""
        stop_speaking(self.speaking)

    # ------------------------------------------------------------------ the run

    def run(self, lesson_id: str | None = None) -> int:
        """Show the course (or one lesson) until the learner leaves. Returns 0."""
        try:
            if self.session.profile_name:
                self.say(_("Learning as {name}.").format(name=self.session.profile_name))
            elif not self.session.saving:
                self.say(_("Progress is not being saved this time."))
            if lesson_id is not None:
                entry = self.session.catalog.entry(lesson_id)
                if entry is None:
                    self.say(
                        _("There is no lesson called {id} in this course.").format(
                            id=repr(lesson_id)
                        )
                    )
                    return 2
                self.lesson(entry)
            else:
                while (entry := self.choose_lesson()) is not None:
                    self.lesson(entry)
        except Quit:
            pass
        finally:
            self.close()
        self.say(_("Goodbye. Your progress is saved.") if self.session.saving else _("Goodbye."))
        return 0

    def welcome(self) -> None:
        """The course, what it is not, and how to get help: said first."""
        course = self.session.catalog.course
        self.say(
            course.title,
            _("Education only, not medical advice."),
            _("If you are in crisis, type {crisis} at any prompt for help lines.").format(
                crisis=command_word("crisis")
            ),
            _("At any prompt: {keys}").format(keys=common_keys()),
        )

    # ------------------------------------------------------------------ the list

    def choose_lesson(self) -> LessonEntry | None:
        """List the lessons with their status; the learner picks one by number."""
        session = self.session
        pid = session.profile_id
        states = session.call("read", lambda p: p.lesson_states(pid))
        order = session.catalog.lessons(session.track)
        lines = ["", _("Lessons:")]
        module = ""
        for number, entry in enumerate(order, 1):
            if entry.module_id != module:
                module = entry.module_id
                lines.append(_("Module: {title}").format(title=_module_title(session, module)))
            state = states.get(entry.id)
            status = _status_words(entry, state.status if state else "new", state)
            title = _sentence(entry.card.title)
            minutes = ngettext("{n} minute.", "{n} minutes.", entry.card.minutes).format(
                n=entry.card.minutes
            )
            lines.append(f"{number}. {title} {minutes} {status}.")
        suggested = session.continue_lesson()
        self.say(*lines)
        if suggested is not None:
            prompt = _("Type a lesson number, or press Enter for {n} (q to quit): ").format(
                n=order.index(suggested) + 1
            )
        else:
            prompt = _("Type a lesson number (q to quit): ")
        while True:
            text = self.ask(prompt)
            if text.casefold() == BACK:
                return None
            if not text and suggested is not None:
                return suggested
            if text.isdigit() and 1 <= int(text) <= len(order):
                return order[int(text) - 1]
            self.say(_("Please type a number from 1 to {n}.").format(n=len(order)))

    # ------------------------------------------------------------------ a lesson

    def lesson(self, entry: LessonEntry) -> None:
        """Pages from where the learner stopped, then the quiz."""
        progress = LessonProgress(entry, self.session)
        lesson = entry.lesson
        catalog = self.session.catalog
        course_language = catalog.source_language if entry.untranslated else None
        self._language = lesson.language or course_language or catalog.course.language
        page, in_quiz = progress.resume_point()
        page = min(page, len(lesson.pages) - 1)
        self.say("", _("Lesson: {title}").format(title=_sentence(lesson.title)))
        if note := lesson_notes(entry):
            self.say(note)
        if not in_quiz and not self.pages(progress, page):
            return
        if progress.quiz.questions:
            self.quiz(progress)

    def pages(self, progress: LessonProgress, page: int) -> bool:
        """Show pages from `page`; True when the learner read past the last one."""
        entry = progress.entry
        total = len(entry.lesson.pages)
        while True:
            progress.save_page(page)
            self._show_page(entry, page, total)
            last = page + 1 >= total
            after = _("start the quiz") if last and progress.quiz.questions else _("next page")
            if last and not progress.quiz.questions:
                after = _("finish")
            text = self.ask(
                _("Enter: {after}. b: back a page. r: repeat. q: lessons. > ").format(after=after)
            )
            command = text.casefold()
            if command == BACK:
                return False
            if command == "b":
                page = max(page - 1, 0)
            elif command == "r":
                continue
            elif last:
                return True
            else:
                page += 1

    def _show_page(self, entry: LessonEntry, page: int, total: int) -> None:
        title = entry.lesson.pages[page].title
        heading = _("Page {n} of {total}: {title}").format(n=page + 1, total=total, title=title)
        self.say("", heading, "", plain_text(entry.page_text(page)))

    # ------------------------------------------------------------------ the quiz

    def quiz(self, progress: LessonProgress) -> None:
        """Ask every question of the attempt in hand (or a new one), then the results."""
        attempt = progress.open_attempt() or progress.start_attempt()
        while True:
            answered = self._ask_all(progress, attempt)
            if answered is None:
                return
            result = progress.finish(answered)
            again = self._results(progress, result)
            if again is None:
                return
            attempt = progress.start_attempt(missed_only=again)

    def _ask_all(self, progress: LessonProgress, attempt: Attempt) -> Attempt | None:
        """Ask the unanswered questions in order; None when the learner went back."""
        total = len(attempt.question_ids)
        start = attempt.next_question_index
        if start == 0:
            self.say(
                "", ngettext("Quiz: {n} question.", "Quiz: {n} questions.", total).format(n=total)
            )
        else:
            self.say("", _("The quiz, where you left it."))
        for index in range(start, total):
            question = progress.entry.lesson.question(attempt.question_ids[index])
            if question is None:
                continue
            shown = _listed(question, progress.shown_order(attempt, question))
            answer = self.question(question, index, total, shown)
            if answer is None:
                return None
            grade = kind_of(question).check(question, answer)
            saved = answer_to_json(question, answer)
            attempt = progress.record_answer(attempt, question.id, saved, grade.correct)
            self._feedback(question, answer, grade.correct, grade.feedback, shown)
            if self.ask(_("Press Enter to go on. > ")).casefold() == BACK:
                return None
        return attempt

    def question(
        self, question: Question, index: int, total: int, shown: tuple[int, ...]
    ) -> object | None:
        """Show one question with its options in the attempt's order (`shown`) and read an
        answer that fits it; None: the learner went back."""
        kind = kind_of(question)
        options = kind.options(question)
        count = _("Question {n} of {total}.").format(n=index + 1, total=total)
        lines = ["", count, plain_text(question.prompt)]
        lines += [f"{n}. {options[i]}" for n, i in enumerate(shown, 1)]
        how = _(kind.typed_how_to)
        if question.hint:
            how += " " + _("Type {hint} for a hint.").format(hint=command_word("hint"))
        lines.append(how)
        self.say(*lines)
        while True:
            text = self.ask(_("Your answer: "))
            if text.casefold() == BACK:
                return None
            if is_command(text, "hint") and question.hint:
                self.say(_("Hint: {hint}").format(hint=question.hint))
                continue
            answer = kind.from_typed(question, text, shown)
            if answer is not None:
                return answer
            self.say(_("That answer does not fit this question.") + " " + _(kind.typed_how_to))

    def _feedback(
        self,
        question: Question,
        answer: object,
        correct: bool,
        feedback: tuple[str, ...],
        shown: tuple[int, ...],
    ) -> None:
        kind = kind_of(question)
        lines = [_("Right.") if correct else _("Not quite.")]
        value = kind.accept(question, answer)
        if value is not None:
            given = kind.describe(question, value, shown)
            lines.append(_("Your answer: {answer}").format(answer=given))
        if not correct:
            right = kind.right_answer(question)
            lines.append(_("The right answer: {answer}").format(answer=right))
        lines += [plain_text(line) for line in feedback]
        lines.append(plain_text(question.explanation))
        self.say(*lines)

    def _results(self, progress: LessonProgress, result: QuizResult) -> bool | None:
        """Say the result; returns True (retry missed), False (retry all) or None (leave)."""
        score, missed = result.score, result.lesson.missed
        results = _("Results: {right} of {total} right.")
        lines = ["", results.format(right=score.correct, total=score.total)]
        if result.passed:
            lines.append(_("Well done: you have completed this lesson."))
        else:
            lines.append(
                _(
                    "To complete the lesson, get {mark} right. "
                    "Have another look at the ones you missed, then try them again."
                ).format(mark=f"{round(score.pass_mark * 100)}%")
            )
        self.say(*lines)
        keys = _("m: try the ones you missed. a: try them all. Enter: back to the lessons. > ")
        text = self.ask(keys if missed else _("a: try them all. Enter: lessons. > ")).casefold()
        if text == "m" and missed:
            return True
        return False if text == "a" else None


def _listed(question: Question, order: tuple[int, ...]) -> tuple[int, ...]:
    """The order a question's options are listed in: the attempt's (shuffled choices or
    order items), else as written (true/false)."""
    return order or tuple(range(len(kind_of(question).options(question))))


def _sentence(text: str) -> str:
    """`text` ending as a sentence: "What is depression?" stays, "Side effects" gets a "."."""
    text = text.strip()
    return text if text.endswith((".", "?", "!", ":")) else text + "."


def _module_title(session: LearnerSession, module_id: str) -> str:
    for module in session.catalog.modules:
        if module.id == module_id:
            return module.title
    return module_id


def _status_words(entry: LessonEntry, status: str, state: object) -> str:
    """A lesson's status in words (never only a mark or colour)."""
    if status == "passed":
        return _("Passed")
    if status == "failed":
        return _("Not completed yet")
    if status == "in_progress":
        return _("In the quiz") if getattr(state, "in_quiz", False) else _("In progress")
    return _("Not started")


def choose_profile(store: ProgressStore, reader: PlainReader) -> LearnerSession | None:
    """Ask who is learning: a saved profile by number, or a new name. None: the learner left."""
    from ketatui.progress.store import StoreError

    profiles = store.list_profiles()
    lines = ["", _("Who is learning?")]
    lines += [f"{n}. {p.name}" for n, p in enumerate(profiles, 1)]
    lines.append(
        _("Type a number to continue as that person, or type a new name to start a profile.")
        if profiles
        else _("Type your name (or a nickname) to start a profile, so your progress is saved.")
    )
    reader.say(*lines)
    while True:
        text = reader.ask(_("Profile: "))
        if text.casefold() == BACK:
            return None
        if text.isdigit() and 1 <= int(text) <= len(profiles):
            chosen = profiles[int(text) - 1]
        elif text:
            try:
                chosen = store.find_profile(text) or store.create_profile(text)
            except (ValueError, StoreError) as error:
                reader.say(_("That name cannot be used: {error}").format(error=error))
                continue
        else:
            continue
        return reader.session.for_profile(chosen.id, chosen.name)
