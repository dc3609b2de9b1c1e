"""The kiosk's Textual-free parts: PIN, back-off, idle clock, statistics, config, error log."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
import sys
import tomllib

import pytest

from ketatui.kioskcore.config import ConfigError, KioskConfig, load_config, parse_config, set_pin
from ketatui.kioskcore.errorlog import ErrorLog
from ketatui.kioskcore.idle import IdleMonitor, IdlePhase
from ketatui.kioskcore.pin import PinError, PinGuard, PinHash, check_pin_format, verify_pin
from ketatui.kioskcore.stats import KioskStats, read_summary

from .helpers import PIN, FakeClock, cheap_pin

# ---------------------------------------------------------------------------- PIN


def test_pin_hash_verifies_only_the_right_pin_and_keeps_no_plain_text():
    stored = cheap_pin()
    assert verify_pin(PIN, stored)
    assert not verify_pin("246811", stored)
    assert not verify_pin("", stored)
    assert PIN.encode() not in stored.hash and PIN.encode() not in stored.salt
    # Two hashes of the same PIN differ (fresh salt each time).
    assert cheap_pin().hash != stored.hash


def test_pin_hash_round_trips_through_its_toml_table_with_parameters():
    stored = cheap_pin()
    table = stored.to_toml_table()
    assert table["n"] == 16 and table["algorithm"] == "scrypt"
    again = PinHash.from_toml_table(table)
    assert again == stored
    assert verify_pin(PIN, again)


@pytest.mark.parametrize(
    ("pin", "message"),
    [
        ("12345", "6 to 32 digits"),
        ("12ab56", "digits only"),
        ("１２３４５６", "digits only"),
        ("1" * 33, "6 to 32 digits"),
    ],
)
def test_bad_pins_are_refused_with_the_reason(pin, message):
    with pytest.raises(PinError, match=message):
        check_pin_format(pin)


def test_three_wrong_pins_start_a_30_second_wait_that_grows():
    clock = FakeClock()
    guard = PinGuard(cheap_pin(), clock)
    first = guard.attempt("000000")
    assert not first.ok and first.tries_left == 2 and first.wait_seconds == 0
    assert guard.attempt("000000").tries_left == 1
    third = guard.attempt("000000")
    assert not third.ok and third.wait_seconds == 30
    # During the wait even the right PIN is refused, unchecked.
    refused = guard.attempt(PIN)
    assert not refused.ok and refused.locked
    clock.advance(29)
    assert guard.attempt(PIN).locked
    clock.advance(1.5)
    # Another wrong one doubles the wait.
    assert guard.attempt("111111").wait_seconds == 60
    clock.advance(61)
    assert guard.attempt(PIN).ok
    # A right PIN clears the count.
    assert guard.attempt("000000").tries_left == 2


def test_the_wait_is_capped():
    clock = FakeClock()
    guard = PinGuard(cheap_pin(), clock, max_wait=100)
    waits = []
    for _ in range(8):
        clock.advance(1000)
        waits.append(guard.attempt("999999").wait_seconds)
    assert waits == [0, 0, 30, 60, 100, 100, 100, 100]


# ---------------------------------------------------------------------------- idle


def test_idle_monitor_phases_follow_the_clock():
    clock = FakeClock()
    idle = IdleMonitor(90, 20, clock)
    clock.advance(89)
    assert idle.phase() is IdlePhase.ACTIVE
    clock.advance(1)
    assert idle.phase() is IdlePhase.COUNTDOWN
    assert idle.countdown_remaining() == 20
    clock.advance(12.5)
    assert idle.countdown_remaining() == 8
    idle.touch()
    assert idle.phase() is IdlePhase.ACTIVE
    clock.advance(110)
    assert idle.phase() is IdlePhase.EXPIRED
    assert idle.countdown_remaining() == 0


# ---------------------------------------------------------------------------- statistics


def test_stats_count_answers_and_choices_per_question(tmp_path):
    day = dt.date(2026, 11, 21)
    stats = KioskStats(tmp_path / "kiosk-stats.sqlite3", today=lambda: day)
    stats.record("first-lesson", "q-single", False, ["t-green"])
    stats.record("first-lesson", "q-single", False, ["t-green"])
    stats.record("first-lesson", "q-single", True, ["t-blue"])
    stats.record("first-lesson", "q-multiple", True, ["t-apple", "t-pear"])
    stats.record("first-lesson", "q-short", False, None)
    by_id = {s.question_id: s for s in stats.summary()}
    single = by_id["q-single"]
    assert (single.answered, single.correct, single.wrong) == (3, 1, 2)
    # Picks are counted by choice id, never by position.
    assert single.choices == {"t-green": 2, "t-blue": 1}
    assert by_id["q-multiple"].choices == {"t-apple": 1, "t-pear": 1}
    assert by_id["q-short"].choices == {} and by_id["q-short"].correct_rate == 0.0
    assert stats.summary("other-lesson") == []
    stats.close()


def test_stats_read_only_summary_matches_and_never_writes(tmp_path):
    path = tmp_path / "kiosk-stats.sqlite3"
    stats = KioskStats(path, today=lambda: dt.date(2026, 11, 21))
    stats.record("l", "q-single", False, ["t-a"])
    stats.record("l", "q-single", True, ["t-b"])
    expected = stats.summary()
    stats.close()
    before = path.read_bytes()
    assert read_summary(path) == expected
    assert path.read_bytes() == before
    with pytest.raises(sqlite3.OperationalError):
        read_summary(tmp_path / "absent.sqlite3")
    assert not (tmp_path / "absent.sqlite3").exists()


def test_stats_keep_days_not_times_and_no_text(tmp_path):
    days = iter([dt.date(2026, 11, 20), dt.date(2026, 11, 21)])
    path = tmp_path / "kiosk-stats.sqlite3"
    stats = KioskStats(path, today=lambda: next(days))
    stats.record("l", "q", True, None)
    stats.record("l", "q", False, None)
    assert stats.summary(since=dt.date(2026, 11, 21))[0].answered == 1
    assert stats.summary()[0].answered == 2
    stats.close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    stored_days = {row[0] for row in db.execute("SELECT day FROM question_stats")}
    assert stored_days == {"2026-11-20", "2026-11-21"}
    columns = {row[1] for row in db.execute("PRAGMA table_info(question_stats)")}
    assert columns == {"day", "lesson_id", "question_id", "answered", "correct"}
    db.close()


# ---------------------------------------------------------------------------- config


def _write(tmp_path, text):
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_config_reads_every_setting(tmp_path):
    path = _write(
        tmp_path,
        """
site_name = "Riverside Clinic"
idle_seconds = 120
countdown_seconds = 30
lessons = "course"
theme = "high-contrast"
stats = true

[[crisis]]
name = "Local line"
contact = "Call 555 0100"
region = "Here"
""",
    )
    config = load_config(path)
    assert config.site_name == "Riverside Clinic"
    assert (config.idle_seconds, config.countdown_seconds) == (120, 30)
    assert config.lessons == tmp_path / "course"
    assert config.theme == "high-contrast" and config.stats is True
    assert [r.contact for r in config.crisis] == ["Call 555 0100"]
    assert config.pin is None


def test_missing_default_config_gives_defaults_but_named_one_is_an_error(tmp_path):
    config = load_config(tmp_path / "kiosk.toml", missing_ok=True)
    assert config.idle_seconds == 90 and config.countdown_seconds == 20
    assert config.stats is False
    with pytest.raises(ConfigError, match="no such file"):
        load_config(tmp_path / "kiosk.toml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'idle_seconds = "soon"',
            "'idle_seconds' must be a whole number of seconds between 10 and 3600, got 'soon'",
        ),
        ("idle_seconds = 5", "between 10 and 3600, got 5"),
        ("idle_seconds = true", "got True"),
        ("countdown_seconds = 2.5", "'countdown_seconds' must be a whole number"),
        ("idel_seconds = 90", "unknown key 'idel_seconds'; did you mean 'idle_seconds'?"),
        ("colour = 1", "unknown key 'colour'; known keys:"),
        ('stats = "yes"', "'stats' must be true or false"),
        ('theme = "dark"', "'theme' must be one of 'default', 'high-contrast'"),
        ('[[crisis]]\nname = "x"', "crisis entry 1: 'contact' is required"),
        (
            '[[crisis]]\nname = "x"\ncontact = "y"\nphone = "z"',
            "crisis entry 1: unknown key 'phone'",
        ),
        ('[pin]\nn = 16\nsalt = "AAAA"', "'pin.hash' is missing"),
        ("site_name = ", "not valid TOML"),
    ],
)
def test_bad_config_names_the_key(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert message in str(info.value)
    assert str(info.value).startswith(str(path))


def test_set_pin_keeps_other_keys_and_comments_and_replaces_the_old_pin(tmp_path):
    path = _write(
        tmp_path,
        '# Front desk kiosk\nsite_name = "Riverside"  # shown on top\n\n'
        '[pin]\nalgorithm = "scrypt"\nn = 16\nsalt = "old"\nhash = "old"\n\n'
        '[[crisis]]\nname = "Line"\ncontact = "Call 1"\n',
    )
    set_pin(path, cheap_pin())
    text = path.read_text()
    assert "# Front desk kiosk" in text and "# shown on top" in text
    assert '"old"' not in text and PIN not in text
    config = load_config(path)
    assert config.site_name == "Riverside" and config.crisis[0].name == "Line"
    assert verify_pin(PIN, config.pin)
    # A second change replaces the table again rather than adding another.
    set_pin(path, cheap_pin("13579135"))
    assert tomllib.loads(path.read_text())["pin"]
    assert path.read_text().count("[pin]") == 1
    assert verify_pin("13579135", load_config(path).pin)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_set_pin_creates_a_private_file(tmp_path):
    path = tmp_path / "new" / "kiosk.toml"
    set_pin(path, cheap_pin())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_config(path).pin is not None


def test_set_pin_refuses_to_touch_a_broken_file(tmp_path):
    path = _write(tmp_path, "site_name = ")
    with pytest.raises(ConfigError, match="not valid TOML"):
        set_pin(path, cheap_pin())
    assert path.read_text() == "site_name = "


def test_parse_config_defaults():
    assert parse_config({}) == KioskConfig()


# ---------------------------------------------------------------------------- error log


def test_error_log_keeps_the_stack_but_not_the_message(tmp_path):
    log = ErrorLog(tmp_path / "logs" / "kiosk.log")
    try:
        raise ValueError("typed answer: my secret")
    except ValueError as error:
        log.write(error, "test")
    text = (tmp_path / "logs" / "kiosk.log").read_text()
    assert "builtins.ValueError" in text and "test_kiosk_core.py" in text
    assert "my secret" not in text


def test_error_log_never_raises(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    ErrorLog(blocker / "kiosk.log").note("cannot be written")  # parent is a file


def test_statistics_file_is_readable_by_its_owner_only(tmp_path):
    import stat

    from ketatui.kioskcore.stats import KioskStats

    stats = KioskStats(tmp_path / "data" / "kiosk-stats.sqlite3")
    stats.close()
    mode = stat.S_IMODE((tmp_path / "data" / "kiosk-stats.sqlite3").stat().st_mode)
    assert mode == 0o600
