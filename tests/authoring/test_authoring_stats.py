"""`ketatui stats`: numbers on a hand-counted fixture, output formats, due dates, bad files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from pathlib import Path

import pytest

from ketatui.authoring.stats import collect_stats, estimated_minutes

from .conftest import COURSE

# Hand-counted from tests/data/authoring/course/01-basics/01-counted.yaml:
# page 1 "The cat sat. The dog ran."  -> 6 words, 2 sentences, 6 syllables
# page 2 "Depression is an illness. / It can be treated. / Help is there."
#        -> 11 words, 3 sentences (paragraph + 2 list items),
#           syllables 3+1+1+2 + 1+1+1+2 + 1+1+1 = 15, one word of 3+ ("depression")
WORDS, SENTENCES, SYLLABLES, POLYSYLLABLES = 17, 5, 21, 1
FK = 0.39 * WORDS / SENTENCES + 11.8 * SYLLABLES / WORDS - 15.59
SMOG = 1.0430 * math.sqrt(POLYSYLLABLES * 30 / SENTENCES) + 3.1291
TODAY = dt.date(2026, 5, 1)


def test_counted_lesson_numbers() -> None:
    stats = collect_stats(COURSE, TODAY)
    assert [s.lesson_id for s in stats.lessons] == ["counted", "second"]
    s = stats.lessons[0]
    assert len(s.pages) == 2
    assert [p.words for p in s.pages] == [6, 11]
    assert s.words == WORDS
    assert s.longest_page is not None
    assert (s.longest_page.title, s.longest_page.words) == ("Longer page", 11)
    assert s.questions == {
        "single": 2,
        "multiple": 0,
        "true_false": 1,
        "order": 0,
        "short_answer": 1,
    }
    assert s.sources == 2
    assert s.estimated_minutes == pytest.approx(WORDS / 200 + 0.5 * 4)
    assert (s.counts.sentences, s.counts.syllables, s.counts.polysyllables) == (
        SENTENCES,
        SYLLABLES,
        POLYSYLLABLES,
    )
    assert s.flesch_kincaid == pytest.approx(FK)
    assert s.smog == pytest.approx(SMOG)
    assert (s.review_status, s.next_due) == ("approved", dt.date(2026, 6, 1))
    assert not stats.broken


def test_estimate_formula() -> None:
    assert estimated_minutes(400, 0) == 2
    assert estimated_minutes(0, 3) == 1.5


def test_json_output_with_totals(cli) -> None:
    r = cli("stats", str(COURSE), "--format", "json", "--today", "2026-05-01")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    counted, second = data["lessons"]
    assert counted["file"] == "01-basics/01-counted.yaml"
    assert counted["words"] == WORDS
    assert counted["flesch_kincaid"] == round(FK, 1)
    assert counted["smog"] == round(SMOG, 1)
    assert counted["longest_page_title"] == "Longer page"
    assert [p["words"] for p in counted["page_stats"]] == [6, 11]
    assert second["questions_by_type"]["multiple"] == 1
    totals = data["totals"]
    assert totals["lessons"] == 2
    assert totals["pages"] == 3
    assert totals["words"] == WORDS + 2  # "Hello there."
    assert totals["questions"] == 6
    assert totals["questions_by_type"] == {
        "single": 2,
        "multiple": 1,
        "true_false": 1,
        "order": 1,
        "short_answer": 1,
    }
    assert totals["sources"] == 2
    assert totals["errors"] == 0


def test_csv_output(cli) -> None:
    r = cli("stats", str(COURSE), "--format", "csv", "--today", "2026-05-01")
    assert r.code == 0, r.err
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert [row["id"] for row in rows] == ["counted", "second", ""]
    assert rows[0]["words"] == str(WORDS)
    assert rows[0]["q_single"] == "2"
    assert rows[0]["longest_page_words"] == "11"
    assert rows[-1]["file"] == "TOTAL"
    assert rows[-1]["questions"] == "6"


@pytest.mark.parametrize(
    ("today", "overdue"),
    [
        ("2026-05-31", []),
        ("2026-06-01", []),  # due today is not yet overdue
        ("2026-06-02", ["counted"]),
        ("2026-07-11", ["counted", "second"]),
    ],
)
def test_overdue_is_judged_against_today(cli, today: str, overdue: list[str]) -> None:
    r = cli("stats", str(COURSE), "--format", "json", "--today", today)
    data = json.loads(r.out)
    assert [s["id"] for s in data["lessons"] if s["overdue"]] == overdue
    assert data["totals"]["overdue"] == len(overdue)


def test_table_flags_overdue_reviews(cli) -> None:
    r = cli("stats", str(COURSE), "--today", "2026-06-02")
    assert r.code == 0
    assert "OVERDUE" in r.out
    assert "1 overdue" in r.out
    assert "Longer page" in r.out
    fresh = cli("stats", str(COURSE), "--today", "2026-01-01")
    assert "OVERDUE" not in fresh.out
    assert "none overdue" in fresh.out


def test_narrow_terminal_table_keeps_every_number(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    r = cli("stats", str(COURSE), "--today", "2026-06-02")
    assert max(len(line) for line in r.out.splitlines()) <= 80
    for text in ("counted", "OVERDUE", "longest page: 11 words", "sources: 2"):
        assert text in r.out


def test_at_80_columns_each_lesson_is_a_short_block(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    r = cli("stats", str(Path(__file__).parents[2] / "lessons"))
    lines = r.out.splitlines()
    assert max(len(line) for line in lines) <= 80
    # A block is the id and title, then three lines of numbers, whatever the lesson's
    # length (the table wrapped each cell onto four or five lines at this width); only a
    # title too long for the line takes a second one.
    blocks = r.out.split("\n\n")[1:-2]
    assert len(blocks) == 26 + 19  # every lesson, and each Spanish translation of one
    sizes = [len(block.splitlines()) for block in blocks]
    assert set(sizes) <= {4, 5} and sizes.count(4) >= len(blocks) - 4, blocks
    spanish = blocks[1].splitlines()
    assert spanish[0].startswith("what-is-depression  ¿Qué es la depresión?")
    assert " · FH " in spanish[1] and " · SzP " in spanish[1]
    first = blocks[0].splitlines()
    assert first[0].startswith("what-is-depression  What is depression?")
    assert " pages · " in first[1] and " words · " in first[1] and "FK " in first[1]


def test_module_folder_and_several_paths(cli, course: Path) -> None:
    module = course / "01-basics"
    r = cli("stats", str(module), "--format", "json")
    assert r.code == 0, r.err
    assert [s["id"] for s in json.loads(r.out)["lessons"]] == ["counted", "second"]
    r = cli(
        "stats",
        str(module / "02-second.yaml"),
        str(module / "01-counted.yaml"),
        str(module / "02-second.yaml"),
        "--format",
        "json",
    )
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert [s["id"] for s in data["lessons"]] == ["second", "counted"]  # once each, as given
    assert data["totals"]["lessons"] == 2
    missing = cli("stats", str(module), str(course / "nope"))
    assert missing.code == 2 and "no such file or folder" in missing.err


def test_defaults_to_the_lessons_option(cli) -> None:
    r = cli("--lessons", str(COURSE), "stats", "--format", "json")
    assert r.code == 0
    assert len(json.loads(r.out)["lessons"]) == 2


def test_one_lesson_file(cli) -> None:
    path = COURSE / "01-basics" / "02-second.yaml"
    r = cli("stats", str(path), "--format", "json")
    assert r.code == 0, r.err
    assert [s["id"] for s in json.loads(r.out)["lessons"]] == ["second"]


def test_broken_lessons_are_listed_not_fatal(cli, course: Path) -> None:
    (course / "01-basics" / "03-broken.yaml").write_text(
        "id: broken\ntitle: Broken\nreview: {status: draft}\npages: []\nbogus: 1\n",
        encoding="utf-8",
    )
    r = cli("stats", str(course), "--format", "json")
    assert r.code == 1
    data = json.loads(r.out)
    assert [s["id"] for s in data["lessons"]] == ["counted", "second"]
    [broken] = data["broken"]
    assert broken["file"] == "01-basics/03-broken.yaml"
    assert broken["errors"] >= 1
    assert data["totals"]["errors"] == broken["errors"]
    table = cli("stats", str(course))
    assert table.code == 1
    assert "03-broken.yaml" in table.out
    assert "ketatui validate" in table.out


def test_missing_path_is_a_usage_error(cli, tmp_path: Path) -> None:
    r = cli("stats", str(tmp_path / "nowhere"))
    assert r.code == 2
    assert "nowhere" in r.err
    assert "Traceback" not in r.err


def test_bad_today_is_a_usage_error(cli) -> None:
    with pytest.raises(SystemExit) as exc:
        cli("stats", str(COURSE), "--today", "June")
    assert exc.value.code == 2


def test_at_80_columns_a_broken_file_is_listed(cli, course: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    (course / "01-basics" / "03-broken.yaml").write_text("id: broken\n", encoding="utf-8")
    r = cli("stats", str(course))
    assert r.code == 1
    assert "01-basics/03-broken.yaml: 3 errors" in r.out
    assert "content error(s) in 1 file(s)" in r.out
    assert max(len(line) for line in r.out.splitlines()) <= 80
