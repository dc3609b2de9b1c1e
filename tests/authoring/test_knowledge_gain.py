"""Knowledge gain: pre_check in module.yaml, the checks a learner and a kiosk visitor take,
and `ketatui stats --gain` against a hand-computed example."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ketatui.content.catalog import load_catalog
from ketatui.kioskcore.stats import KioskStats
from ketatui.learning.gain import CheckProgress, check_due, post_check_due
from ketatui.learning.lesson import LessonProgress
from ketatui.learning.session import LearnerSession
from ketatui.progress.model import GainCheck
from ketatui.progress.store import ProgressStore
from ketatui.review.gain import ModuleGain

UI_COURSE = Path(__file__).parents[1] / "data" / "ui_course"
NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)


def test_the_hand_computed_example(tmp_path: Path, cli) -> None:
    """Profiles: pre 2/5, 3/5, 4/5 (mean 60%), post 4/5, 5/5 (mean 90%): g = 30/40 = 0.75.
    Kiosk (two days): pre 1/2 and 2/4 (mean 50%), post 3/4 (75%): g = 25/50 = 0.5."""
    data = tmp_path / "data"
    with ProgressStore.open(data) as store:
        for name, pre, post in (("Ana", 2, 4), ("Ben", 3, 5), ("Cy", 4, None)):
            pid = store.create_profile(name).id
            store.save_check(pid, GainCheck("basics", "pre", pre, 5, NOW))
            if post is not None:
                store.save_check(pid, GainCheck("basics", "post", post, 5, NOW))
    days = iter([dt.date(2026, 3, 1), dt.date(2026, 3, 2), dt.date(2026, 3, 2)])
    stats = KioskStats.open(data)
    stats._today = lambda: next(days)
    stats.record_check("basics", "pre", 1, 2)
    stats.record_check("basics", "pre", 2, 4)
    stats.record_check("basics", "post", 3, 4)
    stats.close()
    args = ["stats", "--gain", "--data-dir", str(data), str(UI_COURSE)]
    result = cli(*args, "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out) == [
        {
            "source": "profiles",
            "module_id": "basics",
            "module": "The basics",
            "pre_checks": 3,
            "pre_mean_percent": 60.0,
            "post_checks": 2,
            "post_mean_percent": 90.0,
            "gain": 0.75,
        },
        {
            "source": "kiosk",
            "module_id": "basics",
            "module": "The basics",
            "pre_checks": 2,
            "pre_mean_percent": 50.0,
            "post_checks": 1,
            "post_mean_percent": 75.0,
            "gain": 0.5,
        },
    ]
    rows = list(csv.DictReader(io.StringIO(cli(*args, "--format", "csv").out)))
    assert [(r["source"], r["gain"], r["pre_checks"]) for r in rows] == [
        ("profiles", "0.75", "3"),
        ("kiosk", "0.5", "2"),
    ]
    table = cli(*args).out
    assert "The basics" in table and "0.75" in table and "90.0%" in table and "0.5" in table


def test_gain_is_not_computed_without_both_sides_or_with_nothing_left_to_gain() -> None:
    assert ModuleGain("m", 2, 50.0, 0, None).gain is None
    assert ModuleGain("m", 1, 100.0, 1, 100.0).gain is None
    assert ModuleGain("m", 1, 20.0, 1, 10.0).gain == pytest.approx(-0.125)  # worse after


def test_a_formula_in_a_module_title_stays_text_in_csv(tmp_path: Path, cli) -> None:
    course = tmp_path / "course"
    shutil.copytree(UI_COURSE, course)
    module = course / "01-basics" / "module.yaml"
    module.write_text("id: basics\ntitle: '=HYPERLINK(\"x\")'\n", encoding="utf-8")
    data = tmp_path / "data"
    with ProgressStore.open(data) as store:
        store.save_check(store.create_profile("Ana").id, GainCheck("basics", "pre", 1, 2, NOW))
    out = cli("stats", "--gain", "--format", "csv", "--data-dir", str(data), str(course)).out
    assert "'=HYPERLINK" in out


def test_no_data_is_a_plain_message(tmp_path: Path, cli) -> None:
    result = cli("stats", "--gain", "--data-dir", str(tmp_path / "none"), str(UI_COURSE))
    assert result.code == 0 and "no progress database or kiosk statistics" in result.err


def test_validate_names_each_wrong_pre_check_entry_at_its_line(
    tmp_path: Path, cli, course_with_pre_check
) -> None:
    course = course_with_pre_check(
        "first-lesson/q-single", "first-lesson/q-none", "other/q1", "first-lesson/q-single"
    )
    result = cli("validate", str(course))
    assert result.code == 1
    lines = [line for line in result.out.splitlines() if "module.yaml" in line]
    assert [line.split("module.yaml:")[1].split(": error")[0] for line in lines] == [
        "6:5",  # module.yaml has three lines, then "pre_check:", then the entries
        "7:5",
        "8:5",
    ]
    assert "lesson 'first-lesson' has no question 'q-none'" in lines[0]
    assert "'other/q1' names lesson 'other', which is not in this module" in lines[1]
    assert "listed twice" in lines[2]
    (tmp_path / "ok").mkdir()
    good = course_with_pre_check("first-lesson/q-single", where=tmp_path / "ok")
    assert cli("validate", str(good)).code == 0


@pytest.mark.parametrize("saved", [True, False], ids=["profile", "kiosk-visitor"])
def test_the_pre_check_comes_first_and_the_post_check_after_the_last_lesson(
    tmp_path: Path, saved: bool, course_with_pre_check
) -> None:
    catalog = load_catalog(course_with_pre_check("first-lesson/q-true-false", "second-lesson/q1"))
    counted: list[GainCheck] = []
    store = ProgressStore.open(tmp_path / "data") if saved else None
    pid = store.create_profile("Ana").id if store is not None else None
    session = LearnerSession(catalog, store, profile_id=pid, clock=lambda: NOW)
    session.on_check = counted.append
    first, second = catalog.entry("first-lesson"), catalog.entry("second-lesson")
    assert check_due(session, first) == "pre" and check_due(session, second) == "pre"
    module = catalog.module_of("first-lesson")
    check = CheckProgress(session, module, "pre")
    attempt = check.start()
    assert attempt.question_ids == ("first-lesson:q-true-false", "second-lesson:q1")
    attempt = check.record_answer(attempt, attempt.question_ids[0], True, True)
    attempt = check.record_answer(attempt, attempt.question_ids[1], False, False)
    assert check.finish(attempt).score.correct == 1
    assert check_due(session, first) is None  # taken
    assert not post_check_due(session, first)  # the lessons are not passed yet
    for entry in (first, second):
        lesson = LessonProgress(entry, session)
        done = lesson.start_attempt()
        for qid in done.question_ids:
            question = entry.lesson.question(qid)
            from ketatui.quiz.kinds import kind_of

            right = {"single": 1, "multiple": [0, 2], "order": [0, 1, 2]}
            answer = right.get(kind_of(question).tag, "4")
            if kind_of(question).tag == "true_false":
                answer = question.answer
            done = lesson.record_answer(done, qid, answer, True)
        assert lesson.finish(done).passed
    assert post_check_due(session, second)
    post = CheckProgress(session, module, "post")
    attempt = post.start()
    for key in attempt.question_ids:
        attempt = post.record_answer(attempt, key, None, True)
    post.finish(attempt)
    assert not post_check_due(session, second)  # once
    assert [(c.phase, c.correct, c.total) for c in counted] == [("pre", 1, 2), ("post", 2, 2)]
    kept = session.progress.gain_checks(session.profile_id)
    assert [(c.module_id, c.phase, c.correct) for c in kept] == [
        ("basics", "pre", 1),
        ("basics", "post", 2),
    ]
    if store is not None:
        store.close()


def test_the_guide_sample_pre_check_loads(tmp_path: Path) -> None:
    from .test_authoring_guide import _section, _yaml_blocks

    guide = Path(__file__).parents[2] / "docs" / "authoring.md"
    text = guide.read_text(encoding="utf-8")
    [module_yaml] = _yaml_blocks(_section("Knowledge gain: pre_check"))
    [example] = _yaml_blocks(_section("A complete example lesson"))
    course = tmp_path / "course"
    (course / "03-treatment-process").mkdir(parents=True)
    (course / "course.yaml").write_text("title: T\n", encoding="utf-8")
    (course / "03-treatment-process" / "module.yaml").write_text(module_yaml, encoding="utf-8")
    (course / "03-treatment-process" / "09-sleep.yaml").write_text(example, encoding="utf-8")
    catalog = load_catalog(course)
    assert [e.message for e in catalog.errors if e.severity == "error"] == []
    assert catalog.modules[0].info.pre_check == (
        "sleep-and-treatment/q1",
        "sleep-and-treatment/q2",
    )
    assert "g = (post − pre) / (100 − pre)" in text
