"""`ketatui stats --answers`: answer analytics from a seeded progress database."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from ketatui.authoring.answers import AnswerDataError, collect_answers
from ketatui.content.catalog import load_catalog
from ketatui.paths import PROGRESS_DB_FILENAME as PROGRESS_DB
from ketatui.progress.readonly import connect_read_only
from ketatui.progress.schema import MIGRATIONS, latest_version

from .conftest import COURSE

NOW = "2026-05-01T10:00:00+00:00"

# (lesson_id, question_id, JSON answer, correct), as format 1 of the store wrote them: by
# choice position. Stats read them as the store's upgrade would (against the course).
ANSWERS = [
    # q-colour (single): 1 of 4 right; "Green" (index 0) chosen wrongly twice, "Red" once.
    ("counted", "q-colour", "1", 1),
    ("counted", "q-colour", "2", 0),
    ("counted", "q-colour", "0", 0),
    ("counted", "q-colour", "0", 0),
    # q-treat (true/false): 1 of 2 right.
    ("counted", "q-treat", "true", 1),
    ("counted", "q-treat", "false", 0),
    # q-word (short answer): 0 of 2 right; the free text is never shown.
    ("counted", "q-word", '"cat"', 0),
    ("counted", "q-word", '"cat"', 0),
    # q-fruit (multiple): 2 of 3 right.
    ("second", "q-fruit", "[0,2]", 1),
    ("second", "q-fruit", "[0,2]", 1),
    ("second", "q-fruit", "[0,1]", 0),
    # q-order (order): 1 of 2 right.
    ("second", "q-order", "[0,1,2]", 1),
    ("second", "q-order", "[1,0,2]", 0),
    # q-animal (single): always right.
    ("counted", "q-animal", "0", 1),
]


def seed(data_dir: Path, rows=ANSWERS) -> Path:
    """A progress database with the store's schema, filled with plain inserts."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / PROGRESS_DB
    conn = sqlite3.connect(path)
    for migration in MIGRATIONS:
        for statement in migration:
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {latest_version()}")
    conn.execute("INSERT INTO profiles VALUES (1, 'Sam', 'sam', ?)", (NOW,))
    conn.execute("INSERT INTO profiles VALUES (2, 'Alex', 'alex', ?)", (NOW,))
    attempts: dict[tuple[int, str], int] = {}
    for i, (lesson_id, question_id, answer, correct) in enumerate(rows):
        profile = 1 + i % 2  # answers spread over two learners and several attempts
        key = (profile, lesson_id)
        if key not in attempts:
            cur = conn.execute(
                "INSERT INTO attempts (profile_id, lesson_id, question_ids, started_at)"
                " VALUES (?, ?, '[]', ?)",
                (profile, lesson_id, NOW),
            )
            attempts[key] = cur.lastrowid
        conn.execute(
            "INSERT INTO answers (attempt_id, question_id, answer, correct, answered_at, origin)"
            " VALUES (?, ?, ?, ?, ?, 'position')",
            (attempts[key], question_id, answer, correct, NOW),
        )
    conn.commit()
    conn.close()
    return path


def test_share_right_and_most_chosen_wrong_answer(tmp_path: Path) -> None:
    seed(tmp_path / "data")
    items, read = collect_answers(tmp_path / "data", load_catalog(COURSE))
    assert read == [tmp_path / "data" / PROGRESS_DB]
    by_id = {q.question_id: q for q in items}
    colour = by_id["q-colour"]
    assert (colour.answers, colour.right) == (4, 1)
    assert colour.share_right == 0.25
    assert (colour.most_wrong, colour.most_wrong_count) == ("Green", 2)
    assert colour.prompt == "Which colour is the sky on a clear day?"
    assert by_id["q-treat"].most_wrong == "False"
    assert by_id["q-fruit"].most_wrong == "Apple + Carrot (left out: Pear)"
    assert by_id["q-order"].most_wrong == "Two → One → Three"
    assert by_id["q-word"].most_wrong == "—"
    assert by_id["q-animal"].most_wrong == "—"
    assert by_id["q-animal"].share_right == 1


def test_worst_first(tmp_path: Path) -> None:
    seed(tmp_path / "data")
    items, _ = collect_answers(tmp_path / "data", load_catalog(COURSE))
    assert [q.question_id for q in items] == [
        "q-word",  # 0 %
        "q-colour",  # 25 %
        "q-treat",  # 50 %, 2 answers
        "q-order",  # 50 %, 2 answers (ties: lesson id, then question id)
        "q-fruit",  # 67 %
        "q-animal",  # 100 %
    ]


def test_cli_json_and_table(cli, tmp_path: Path) -> None:
    data = tmp_path / "data"
    seed(data)
    r = cli(
        "--lessons", str(COURSE), "--data-dir", str(data), "stats", "--answers", "--format", "json"
    )
    assert r.code == 0, r.err
    rows = json.loads(r.out)
    assert rows[1]["question_id"] == "q-colour"
    assert rows[1]["share_right"] == 0.25
    assert rows[1]["most_wrong"] == "Green"
    table = cli("stats", "--answers", "--lessons", str(COURSE), "--data-dir", str(data))
    assert table.code == 0, table.err
    assert "Green (2×)" in table.out
    assert "25%" in table.out
    assert table.out.index("q-word") < table.out.index("q-colour") < table.out.index("q-animal")


def test_the_database_is_opened_read_only(tmp_path: Path) -> None:
    path = seed(tmp_path / "data")
    before = path.read_bytes()
    conn = connect_read_only(path)
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM answers")
    conn.close()
    collect_answers(tmp_path / "data", None)
    assert path.read_bytes() == before
    with pytest.raises(sqlite3.OperationalError):
        connect_read_only(tmp_path / "absent.sqlite3")
    assert not (tmp_path / "absent.sqlite3").exists()


def test_questions_no_longer_in_the_course(tmp_path: Path) -> None:
    seed(tmp_path / "data", [("gone", "q1", "0", 0), ("counted", "q-colour", "9", 0)])
    items, _ = collect_answers(tmp_path / "data", load_catalog(COURSE))
    by_id = {q.question_id: q for q in items}
    assert by_id["q1"].prompt == "" and by_id["q1"].most_wrong == "—"
    assert by_id["q-colour"].most_wrong == "(no longer a choice)"


def test_no_database_yet(cli, tmp_path: Path) -> None:
    r = cli("stats", "--answers", "--lessons", str(COURSE), "--data-dir", str(tmp_path))
    assert r.code == 0
    assert "no answers yet" in r.err
    assert not (tmp_path / PROGRESS_DB).exists()


def test_unreadable_database(cli, tmp_path: Path) -> None:
    (tmp_path / PROGRESS_DB).write_bytes(b"this is not a database" * 100)
    with pytest.raises(AnswerDataError):
        collect_answers(tmp_path, None)
    r = cli("stats", "--answers", "--lessons", str(COURSE), "--data-dir", str(tmp_path))
    assert r.code == 2
    assert "cannot read the progress database" in r.err
    assert "Traceback" not in r.err


def seed_kiosk(data_dir: Path) -> None:
    """Kiosk statistics written by the kiosk's own recorder, over two days."""
    import datetime as dt

    from ketatui.kioskcore.stats import KioskStats, choice_ids
    from ketatui.quiz.grading import answer_to_json

    catalog = load_catalog(COURSE)

    def picks(lesson_id: str, question_id: str, answer: object) -> tuple[str, ...] | None:
        # As the kiosk does: from the stored form of the answer, by choice id.
        question = catalog.entry(lesson_id).lesson.question(question_id)
        return choice_ids(question, answer_to_json(question, answer))

    days = iter([dt.date(2026, 5, 1)] * 3 + [dt.date(2026, 5, 2)] * 10)
    stats = KioskStats(data_dir / "kiosk-stats.sqlite3", today=lambda: next(days))
    try:
        stats.record("counted", "q-colour", True, picks("counted", "q-colour", 1))
        stats.record("counted", "q-colour", False, picks("counted", "q-colour", 2))
        stats.record("counted", "q-colour", False, picks("counted", "q-colour", 0))
        stats.record("counted", "q-colour", False, picks("counted", "q-colour", 0))
        stats.record("counted", "q-colour", True, picks("counted", "q-colour", 1))
        stats.record("counted", "q-treat", False)
        stats.record("second", "q-fruit", False, picks("second", "q-fruit", frozenset({0, 1})))
        stats.record("second", "q-fruit", True, picks("second", "q-fruit", frozenset({0, 2})))
        stats.record("counted", "q-word", True)
    finally:
        stats.close()


def test_kiosk_statistics_are_included(tmp_path: Path) -> None:
    data = tmp_path / "data"
    seed(data)
    seed_kiosk(data)
    items, read = collect_answers(data, load_catalog(COURSE))
    assert [p.name for p in read] == [PROGRESS_DB, "kiosk-stats.sqlite3"]
    kiosk = {q.question_id: q for q in items if q.source == "kiosk"}
    assert (kiosk["q-colour"].answers, kiosk["q-colour"].right) == (5, 2)
    assert (kiosk["q-colour"].most_wrong, kiosk["q-colour"].most_wrong_count) == ("Green", 2)
    assert (kiosk["q-treat"].most_wrong, kiosk["q-treat"].share_right) == ("False", 0)
    assert kiosk["q-fruit"].most_wrong == "Carrot"
    assert kiosk["q-word"].most_wrong == "—"
    # Worst first across both sources: kiosk q-treat (0 %) ties with progress q-word (0 %).
    shares = [q.share_right for q in items]
    assert shares == sorted(shares)
    assert {(q.source, q.question_id) for q in items if q.share_right == 0} == {
        ("kiosk", "q-treat"),
        ("progress", "q-word"),
    }


def test_kiosk_statistics_alone(cli, tmp_path: Path) -> None:
    seed_kiosk(tmp_path)
    r = cli(
        "stats",
        "--answers",
        "--lessons",
        str(COURSE),
        "--data-dir",
        str(tmp_path),
        "--format",
        "csv",
    )
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0].startswith("source,lesson_id,question_id")
    assert lines[1].startswith("kiosk,counted,q-treat,true_false,1,0,0.0,False,1,")


def test_a_wrong_set_of_only_right_choices_says_what_was_left_out():
    from ketatui.authoring.answers import answer_text
    from ketatui.content.model import Choice, MultipleQuestion, choice_id

    q = MultipleQuestion(
        id="q",
        prompt="Pick the fruits",
        explanation="Both are fruits.",
        choices=(Choice(text="Apple", correct=True), Choice(text="Pear", correct=True)),
    )
    apple, pear = (choice_id(c) for c in q.choices)
    assert answer_text(q, [apple]) == "Apple (left out: Pear)"
    assert answer_text(q, [apple, pear]) == "Apple + Pear"


def _answer_as_the_app_does(data_dir: Path, course: Path, picks: dict[str, object]) -> None:
    """One learner's full attempt at `counted`, through the real store and lesson code."""
    from ketatui.learning.lesson import LessonProgress
    from ketatui.learning.session import LearnerSession
    from ketatui.progress.store import ProgressStore
    from ketatui.quiz.grading import answer_to_json, check_answer

    catalog = load_catalog(course)
    entry = catalog.entry("counted")
    with ProgressStore.open(data_dir) as store:
        profile = store.create_profile(f"Learner {len(store.list_profiles()) + 1}")
        progress = LessonProgress(entry, LearnerSession(catalog, store, profile_id=profile.id))
        attempt = progress.start_attempt()
        for qid in attempt.question_ids:
            question = entry.lesson.question(qid)
            given = picks.get(qid, "")
            grade = check_answer(question, given)
            attempt = progress.record_answer(
                attempt, qid, answer_to_json(question, given), grade.correct
            )
        progress.finish(attempt)


def test_reordered_choices_change_no_stat_and_older_versions_are_counted(
    tmp_path: Path,
) -> None:
    import shutil

    course = tmp_path / "course"
    shutil.copytree(COURSE, course)
    data = tmp_path / "data"
    for _ in range(2):  # two learners pick "Green" (choice 0 as written) for q-colour
        _answer_as_the_app_does(data, course, {"q-colour": 0})
    before, _ = collect_answers(data, load_catalog(course))
    colour = next(q for q in before if q.question_id == "q-colour")
    assert (colour.most_wrong, colour.most_wrong_count, colour.older_version) == ("Green", 2, 0)
    # The author moves "Green" to the end: the answers still name Green, on an older version.
    lesson = next(p for p in course.rglob("*.yaml") if "id: counted" in p.read_text())
    text = lesson.read_text()
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "text: Green" in line)
    moved = lines[at]
    del lines[at]
    end = at
    while lines[end].lstrip().startswith("- {text"):
        end += 1
    lines.insert(end, moved)
    lesson.write_text("".join(lines))
    catalog = load_catalog(course)
    question = catalog.entry("counted").lesson.question("q-colour")
    assert question.choices[-1].text == "Green"  # it did move
    after, _ = collect_answers(data, catalog)
    colour = next(q for q in after if q.question_id == "q-colour")
    assert (colour.most_wrong, colour.most_wrong_count) == ("Green", 2)
    assert colour.older_version == 2


def test_kiosk_picks_counted_by_position_by_schema_1_are_still_read(tmp_path: Path) -> None:
    # A kiosk statistics file of schema 1 counted picks by choice position.
    data = tmp_path / "data"
    data.mkdir()
    conn = sqlite3.connect(data / "kiosk-stats.sqlite3")
    conn.executescript(
        """
        CREATE TABLE question_stats (day TEXT, lesson_id TEXT, question_id TEXT,
            answered INTEGER, correct INTEGER, PRIMARY KEY (day, lesson_id, question_id));
        CREATE TABLE choice_stats (day TEXT, lesson_id TEXT, question_id TEXT,
            choice INTEGER, chosen INTEGER, PRIMARY KEY (day, lesson_id, question_id, choice));
        INSERT INTO question_stats VALUES ('2026-05-01', 'counted', 'q-colour', 4, 1);
        INSERT INTO choice_stats VALUES ('2026-05-01', 'counted', 'q-colour', 0, 2);
        INSERT INTO choice_stats VALUES ('2026-05-01', 'counted', 'q-colour', 1, 1);
        INSERT INTO choice_stats VALUES ('2026-05-01', 'counted', 'q-colour', 2, 1);
        PRAGMA user_version = 1;
        """
    )
    conn.close()
    items, _ = collect_answers(data, load_catalog(COURSE))
    [colour] = items
    assert (colour.most_wrong, colour.most_wrong_count) == ("Green", 2)
