"""Notice when a lesson file (or a Markdown file it uses) is saved, by polling `os.stat`.

Why polling and not inotify/`watchfiles`: the preview watches one lesson and a few body
files, so a stat of each every quarter second costs microseconds; it needs no dependency;
it follows the *path*, so editors that save by writing a new file and renaming it over the
old one (vim, many IDEs) are seen like any other save; it works the same on every OS and
on network drives; and tests can drive it by calling `poll()` instead of waiting on a
background thread.

A change is only reported once the files have looked the same for two polls in a row, so
a save caught half-way (the file truncated, or briefly missing during a rename) is not
reported as a broken lesson.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

#: What we know of a file: (inode, size, mtime in ns), or None when it cannot be stat'ed.
Stamp = tuple[int, int, int] | None
Snapshot = tuple[Stamp, ...]

#: `body_file: name` in block or flow style, quoted or not (good enough to know what to watch).
_BODY_FILE = re.compile(r"""body_file\s*:[ \t]*("[^"\n]*"|'[^'\n]*'|[^\s,{}\[\]#][^\s,}\]#]*)""")


def stamp(path: Path) -> Stamp:
    """The file's identity and version as far as `stat` can tell, or None if it is missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def body_files(lesson_file: Path) -> list[Path]:
    """Files named by `body_file:` in a lesson file, resolved next to it.

    A plain text scan, so it also works while the lesson has errors: an author who adds a
    `body_file` that does not exist yet sees the preview recover as soon as they create it.
    """
    try:
        text = lesson_file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    found: dict[Path, None] = {}
    for match in _BODY_FILE.finditer(text):
        name = match.group(1).strip("'\"")
        if name:
            found[lesson_file.parent / name] = None
    return list(found)


class FileWatcher:
    """Polls a few files; `poll()` says when they changed and then held still.

    Usage: `watch(paths)` (or `mark_loaded()`) just *before* reading the files, so a save
    during the read is seen by a later poll; then `poll()` from a timer, and load again
    when it returns True.
    """

    def __init__(self, paths: Iterable[Path] = ()) -> None:
        self.paths: tuple[Path, ...] = tuple(paths)
        self._loaded: Snapshot = self.snapshot()
        #: A changed snapshot seen once, waiting to be confirmed by the next poll.
        self._candidate: Snapshot | None = None

    def snapshot(self) -> Snapshot:
        """The current stamp of every watched file."""
        return tuple(stamp(p) for p in self.paths)

    def watch(self, paths: Iterable[Path]) -> None:
        """Replace the watched files, treating their current state as already loaded."""
        self.paths = tuple(dict.fromkeys(paths))
        self.mark_loaded()

    def mark_loaded(self) -> None:
        """Remember the files as they are now: the version about to be read."""
        self._loaded = self.snapshot()
        self._candidate = None

    @property
    def pending(self) -> bool:
        """True when a change was seen and waits for one more poll to confirm it."""
        return self._candidate is not None

    def poll(self) -> bool:
        """True when the files differ from the loaded version and are unchanged since the
        previous poll (the save has finished). Each change is reported once."""
        now = self.snapshot()
        if now == self._loaded:
            self._candidate = None
            return False
        if now != self._candidate:
            self._candidate = now  # still being written, perhaps: look again next poll
            return False
        self._loaded, self._candidate = now, None
        return True
