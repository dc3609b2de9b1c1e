"""Deployment settings: the kiosk's `kiosk.toml`.

Read with tomllib and checked key by key, so staff get one clear sentence that names the
bad key, never a traceback. `set_pin` rewrites only the `[pin]` table and keeps every other
line (comments too). No Textual here.

Example (every key optional except that the kiosk will not start without a PIN)::

    site_name = "Riverside Clinic"
    idle_seconds = 90          # no input for this long -> "Still there?"
    countdown_seconds = 20     # then this long to answer before it starts over
    lessons = "/srv/ketatui/lessons"   # relative paths are relative to this file
    theme = "high-contrast"    # or "default"
    language = "es"            # the language each visit starts in ("en" or "es")
    stats = false              # keep anonymous answer counts for authors
    require_reviewed = false   # true: refuse to start unless every patient lesson is
                               # approved by a clinician and not overdue for review
    log_file = "/var/log/ketatui/kiosk.log"

    [[crisis]]                 # replaces the course's crisis resources
    name = "988 Suicide & Crisis Lifeline"
    contact = "Call or text 988"
    detail = "Free, 24/7"
    region = "US"

    [pin]                      # written by `ketatui kiosk --set-pin`
    ...
"""

from __future__ import annotations

import contextlib
import difflib
import os
import re
import shlex
import stat
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ketatui.content.model import CrisisResource
from ketatui.kioskcore.pin import PinError, PinHash
from ketatui.textguard import describe, printable, unsafe_char

CONFIG_FILENAME = "kiosk.toml"

IDLE_RANGE = (10, 3600)
COUNTDOWN_RANGE = (5, 600)
THEME_CHOICES = ("default", "high-contrast")
SITE_NAME_MAX = 80
#: A kiosk config is a few hundred bytes; read no more than this of one.
_MAX_CONFIG_BYTES = 1 << 20

_KEYS = (
    "site_name",
    "idle_seconds",
    "countdown_seconds",
    "lessons",
    "theme",
    "language",
    "stats",
    "require_reviewed",
    "log_file",
    "crisis",
    "pin",
)
_CRISIS_KEYS = ("name", "contact", "detail", "region")


class ConfigError(ValueError):
    """A bad kiosk config, with a message naming the file and key."""


@dataclass(frozen=True, slots=True)
class KioskConfig:
    """The settings of one kiosk."""

    path: Path | None = None
    site_name: str = ""
    idle_seconds: int = 90
    countdown_seconds: int = 20
    #: Course folder (None: --lessons, $KETATUI_LESSONS or the shipped course).
    lessons: Path | None = None
    theme: str = "default"
    #: The language every visit starts in, and returns to on idle reset ("": the one
    #: `--lang`, KETATUI_LANG or the system locale chose).
    language: str = ""
    #: Keep anonymous answer statistics (kiosk-stats.sqlite3 in the data dir).
    stats: bool = False
    #: Start only when every patient lesson is approved and its review is not overdue.
    require_reviewed: bool = False
    #: Error log (None: kiosk.log in the user log dir).
    log_file: Path | None = None
    #: Crisis resources that replace the course's (empty: use the course's).
    crisis: tuple[CrisisResource, ...] = ()
    pin: PinHash | None = None


def default_config_path() -> Path:
    """`kiosk.toml` in the user config dir."""
    from ketatui.paths import config_dir

    return config_dir() / CONFIG_FILENAME


def _did_you_mean(key: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f"; known keys: {', '.join(choices)}"


def _whole_seconds(where: str, key: str, value: object, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ConfigError(
            f"{where}: '{key}' must be a whole number of seconds between {lo} and {hi}, "
            f"got {value!r}"
        )
    return value


def _text(
    where: str,
    key: str,
    value: object,
    *,
    max_len: int = 500,
    required: bool = False,
    multiline: bool = False,
) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: '{key}' must be text in quotes, got {value!r}")
    value = value.strip()
    if required and not value:
        raise ConfigError(f"{where}: '{key}' must not be empty")
    if len(value) > max_len:
        raise ConfigError(f"{where}: '{key}' must be at most {max_len} characters long")
    bad = unsafe_char(value, multiline=multiline)
    if bad is not None:
        raise ConfigError(f"{where}: '{key}' must not contain {describe(bad)}")
    return value


def _path(where: str, key: str, value: object, base: Path | None) -> Path:
    text = _text(where, key, value, max_len=4096, required=True)
    path = Path(text).expanduser()
    if not path.is_absolute() and base is not None:
        path = base / path
    return path


def _bool(where: str, key: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: '{key}' must be true or false, got {value!r}")
    return value


def _crisis(where: str, value: object) -> tuple[CrisisResource, ...]:
    if not isinstance(value, list):
        raise ConfigError(
            f"{where}: 'crisis' must be a list of [[crisis]] tables with name and contact"
        )
    resources = []
    for i, item in enumerate(value, 1):
        at = f"crisis entry {i}"
        if not isinstance(item, dict):
            raise ConfigError(f"{where}: {at} must be a table with name and contact")
        for key in item:
            if key not in _CRISIS_KEYS:
                raise ConfigError(
                    f"{where}: {at}: unknown key '{key}'{_did_you_mean(key, _CRISIS_KEYS)}"
                )
        for key in ("name", "contact"):
            if key not in item:
                raise ConfigError(f"{where}: {at}: '{key}' is required")
        fields = {
            k: _text(where, f"crisis.{k}", item[k], max_len=300, multiline=True) for k in item
        }
        for key in ("name", "contact"):
            if not fields[key]:
                raise ConfigError(f"{where}: {at}: 'crisis.{key}' must not be empty")
        resources.append(CrisisResource(**fields))
    return tuple(resources)


def _language(where: str, value: object) -> str:
    """`language`: a language the interface has, as its code."""
    from ketatui.i18n import available_languages, supported

    code = supported(value) if isinstance(value, str) else None
    if code is None:
        choices = ", ".join(map(repr, available_languages()))
        raise ConfigError(f"{where}: 'language' must be one of {choices}, got {value!r}")
    return code


def parse_config(data: dict[str, object], path: Path | None = None) -> KioskConfig:
    """Check a parsed TOML document. Raises ConfigError naming the first bad key."""
    where = printable(str(path)) if path is not None else CONFIG_FILENAME
    base = path.parent if path is not None else None
    for key in data:
        if key not in _KEYS:
            raise ConfigError(f"{where}: unknown key '{key}'{_did_you_mean(key, _KEYS)}")
    values: dict[str, object] = {}
    if "site_name" in data:
        values["site_name"] = _text(where, "site_name", data["site_name"], max_len=SITE_NAME_MAX)
    if "idle_seconds" in data:
        values["idle_seconds"] = _whole_seconds(
            where, "idle_seconds", data["idle_seconds"], *IDLE_RANGE
        )
    if "countdown_seconds" in data:
        values["countdown_seconds"] = _whole_seconds(
            where, "countdown_seconds", data["countdown_seconds"], *COUNTDOWN_RANGE
        )
    if "lessons" in data:
        values["lessons"] = _path(where, "lessons", data["lessons"], base)
    if "log_file" in data:
        values["log_file"] = _path(where, "log_file", data["log_file"], base)
    if "theme" in data:
        theme = data["theme"]
        if theme not in THEME_CHOICES:
            raise ConfigError(
                f"{where}: 'theme' must be one of {', '.join(map(repr, THEME_CHOICES))}, "
                f"got {theme!r}"
            )
        values["theme"] = theme
    if "language" in data:
        values["language"] = _language(where, data["language"])
    for key in ("stats", "require_reviewed"):
        if key in data:
            values[key] = _bool(where, key, data[key])
    if "crisis" in data:
        values["crisis"] = _crisis(where, data["crisis"])
    if "pin" in data:
        table = data["pin"]
        if not isinstance(table, dict):
            raise ConfigError(
                f"{where}: 'pin' must be the [pin] table written by `ketatui kiosk --set-pin`"
            )
        try:
            values["pin"] = PinHash.from_toml_table(table)
        except PinError as error:
            raise ConfigError(f"{where}: {error}") from None
    # Each value was checked for its key above; a dict of them cannot say so per key.
    return KioskConfig(path=path, **values)  # type: ignore[arg-type]


def load_config(path: Path, *, missing_ok: bool = False) -> KioskConfig:
    """Read and check a kiosk.toml. A missing file gives the defaults when `missing_ok`.

    Raises ConfigError (unreadable, not a regular file, writable by others, not TOML, or a
    bad key).
    """
    try:
        raw = _read_private(path)
    except FileNotFoundError:
        if missing_ok:
            return KioskConfig(path=path)
        raise ConfigError(f"{printable(str(path))}: no such file") from None
    except OSError as error:
        raise ConfigError(
            f"{printable(str(path))}: cannot read it: {error.strerror or error}"
        ) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{printable(str(path))}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{printable(str(path))}: not valid TOML: {error}") from None
    return parse_config(data, path)


def _read_private(path: Path) -> bytes:
    """The config's bytes, refusing a file (or folder) that other users could change.

    The config holds the PIN hash and says which lessons are shown: whoever can write it
    (or replace it, through its folder) controls the kiosk. Opened without blocking, so a
    named pipe cannot hang start-up.
    """
    where = printable(str(path))
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(f"{where}: not a regular file")
        if info.st_mode & 0o022:
            raise ConfigError(
                f"{where}: other users can change this file (mode {stat.filemode(info.st_mode)});"
                f" make it private with: chmod go-w {shlex.quote(where)}"
            )
        folder = os.stat(path.parent)
        if folder.st_mode & 0o022 and not folder.st_mode & stat.S_ISVTX:
            shown = printable(str(path.parent))
            raise ConfigError(
                f"{shown}: other users can replace the kiosk config in this folder; "
                f"make it private with: chmod go-w {shlex.quote(shown)}"
            )
        return f.read(_MAX_CONFIG_BYTES + 1)[:_MAX_CONFIG_BYTES]


# ---------------------------------------------------------------------------- writing

_TABLE_HEADER = re.compile(r"^\s*\[")
_PIN_HEADER = re.compile(r"^\s*\[\s*pin\s*\]\s*(#.*)?$")


def _toml_value(value: str | int) -> str:
    if isinstance(value, int):
        return str(value)
    # Only base64 and "scrypt" are written here: no quotes or backslashes to escape.
    assert '"' not in value and "\\" not in value
    return f'"{value}"'


def _without_pin_table(text: str) -> str:
    """The document with its `[pin]` table (header to the next table header) removed."""
    out: list[str] = []
    skipping = False
    for line in text.splitlines(keepends=True):
        if _PIN_HEADER.match(line):
            skipping = True
            continue
        if skipping and _TABLE_HEADER.match(line):
            skipping = False
        if not skipping:
            out.append(line)
    return "".join(out)


def set_pin(path: Path, pin: PinHash) -> None:
    """Store a PIN hash in kiosk.toml, creating the file (mode 600) if needed.

    Every other key and comment is kept; the old `[pin]` table is replaced. The file is
    replaced atomically, so a crash leaves either the old or the new file. Raises
    ConfigError if the existing file is not valid or would not be after the change.
    """
    try:
        old = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        old = ""
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read it: {error}") from None
    if old:
        try:
            tomllib.loads(old)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: not valid TOML, fix it first: {error}") from None
    body = _without_pin_table(old).rstrip()
    table = "\n".join(f"{k} = {_toml_value(v)}" for k, v in pin.to_toml_table().items())
    header = "# Staff PIN: a salted scrypt hash, written by `ketatui kiosk --set-pin`.\n[pin]\n"
    new = (body + "\n\n" if body else "") + header + table + "\n"
    try:
        written = parse_config(tomllib.loads(new), path)
    except (tomllib.TOMLDecodeError, ConfigError) as error:
        raise ConfigError(
            f"{path}: could not update the PIN in this file ({error}); remove its 'pin' "
            "entry by hand and try again"
        ) from None
    if written.pin != pin:
        raise ConfigError(
            f"{path}: could not update the PIN in this file; remove its 'pin' entry by hand "
            "and try again"
        )
    # Private: a folder others can write would let them swap the config (load_config
    # refuses that), and umask 002 is common.
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".kiosk-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(new)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
