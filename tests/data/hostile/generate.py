"""Build the hostile course: the committed small files plus the big or special ones.

Big files (the 50 MB one), deep indentation, symlinks and FIFOs are made here at test time
instead of being committed. Run it by hand to look at the result:

    python tests/data/hostile/generate.py /tmp/hostile-course

Every lesson file it writes into `01-hostile/` must be refused with a ContentError; the
one good lesson (`00-good.yaml`) must still load next to them.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REJECT = HERE / "reject"
ACCEPT = HERE / "accept"

#: Written in chunks so generating the big file never holds it in memory.
BIG_FILE_BYTES = 50 * 1024 * 1024
#: A marker a successful code-execution attack would create (see reject/python_*.yaml).
PWNED_MARKER = Path("/tmp/ketatui-hostile-pwned")

COURSE_YAML = """\
title: Hostile course
language: en
summary: Every lesson here but one is an attack or a broken file.
crisis:
  resources:
    - {name: Test line, contact: Call 000-TEST}
"""
MODULE_YAML = "id: hostile\ntitle: Hostile files\n"
GOOD_LESSON = """\
id: good-lesson
title: The one good lesson
review: {status: draft}
pages:
  - title: Still here
    body: One bad lesson never takes the app down.
"""
_HEADER = "id: {id}\ntitle: T\nreview: {{status: draft}}\n"


def write_big_file(path: Path, size: int = BIG_FILE_BYTES) -> Path:
    """A lesson-looking file of `size` bytes: a header, then one enormous body line."""
    chunk = b"x" * (1 << 20)
    with path.open("wb") as f:
        f.write(_HEADER.format(id="big").encode() + b"pages:\n  - title: T\n    body: ")
        while f.tell() + len(chunk) < size:
            f.write(chunk)
        f.write(b"x" * (size - f.tell() - 1) + b"\n")
    return path


def deep_block_mapping(depth: int = 1000) -> str:
    """`a:` nested `depth` levels by indentation (about depth**2 / 2 bytes)."""
    lines = [" " * i + "a:" for i in range(depth)]
    return "\n".join(lines) + " x\n"


def alias_wide(copies: int = 1000, refs: int = 1000) -> str:
    """A lesson of the right shape whose pages repeat one aliased page with a long list.

    Expanded it is `copies * refs` nodes (10^6 by default) from a ~10 KB file.
    """
    head = _HEADER.format(id="alias-wide") + "sources: [{id: s1, cite: C}]\npages:\n"
    first = "  - &p {title: T, body: B, sources: [" + ", ".join(["s1"] * refs) + "]}\n"
    return head + first + "  - *p\n" * (copies - 1)


def alias_string_fanout(length: int = 400_000, copies: int = 2000) -> str:
    """One long body referenced by `copies` pages: ~0.4 MB on disk, ~800 MB of text in use."""
    head = _HEADER.format(id="alias-fanout") + "pages:\n"
    first = '  - &p {title: T, body: &b "' + "x" * length + '"}\n'
    return head + first + "  - *p\n" * (copies - 1)


def body_file_lesson(lesson_id: str, body_file: str) -> str:
    """A valid lesson whose only page reads its Markdown from `body_file`."""
    return _HEADER.format(id=lesson_id) + f"pages:\n  - title: T\n    body_file: '{body_file}'\n"


def build(dest: Path, *, big: bool = True, fifo: bool = True) -> dict[str, str]:
    """Write the hostile course into `dest` (created). Returns {lesson file name: what it is}.

    `dest/outside/` holds files outside the course folder that links point at. `big=False`
    skips the 50 MB file; `fifo=False` skips the named pipe (which blocks a naive reader).
    """
    course = dest / "course"
    module = course / "01-hostile"
    outside = dest / "outside"
    module.mkdir(parents=True)
    outside.mkdir()
    (course / "course.yaml").write_text(COURSE_YAML)
    (module / "module.yaml").write_text(MODULE_YAML)
    (module / "00-good.yaml").write_text(GOOD_LESSON)
    secret = outside / "secret.md"
    secret.write_text("PRIVATE: this file is outside the course and must never be shown.\n")
    (outside / "lesson.yaml").write_text(GOOD_LESSON.replace("good-lesson", "outside-lesson"))

    what: dict[str, str] = {}
    for src in sorted(REJECT.glob("*.yaml")):
        shutil.copyfile(src, module / src.name)
        what[src.name] = "committed hostile file"

    def add(name: str, text: str | bytes, about: str) -> None:
        target = module / name
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text)
        what[name] = about

    from ketatui.content.yamlsafe import MAX_FILE_BYTES

    add("deep_block_mapping.yaml", deep_block_mapping(), "1,000-deep indented mapping")
    add("alias_wide.yaml", alias_wide(), "10^6-node alias expansion of the right shape")
    add("alias_string_fanout.yaml", alias_string_fanout(), "800 MB of text from 0.4 MB")
    over = _HEADER.format(id="over-cap") + "summary: " + "y" * MAX_FILE_BYTES + "\n"
    add("just_over_the_cap.yaml", over, "one byte class over the size cap")
    if big:
        write_big_file(module / "big_50mb.yaml")
        what["big_50mb.yaml"] = "50 MB file"

    # Paths leaving the course folder.
    add("body_file_dotdot.yaml", body_file_lesson("dotdot", "../../../../../../etc/passwd"), "../")
    add("body_file_absolute.yaml", body_file_lesson("absolute", "/etc/passwd"), "absolute path")
    add("body_file_dev_zero.yaml", body_file_lesson("dev-zero", "/dev/zero"), "endless device")
    add("body_file_sibling.yaml", body_file_lesson("sibling", "../../outside/secret.md"), "../")
    (module / "bodies").mkdir()
    (module / "bodies" / "link.md").symlink_to(secret)
    add("body_file_symlink.yaml", body_file_lesson("symlink", "bodies/link.md"), "link out")
    add("body_file_folder.yaml", body_file_lesson("folder", "bodies"), "a folder")
    (module / "bodies" / "escape.md").write_bytes(b"Title \x1b]0;pwned\x07 and \x1b[2J clear\n")
    add("body_file_escape.yaml", body_file_lesson("escape", "bodies/escape.md"), "raw ESC")
    (module / "symlink_lesson.yaml").symlink_to(outside / "lesson.yaml")
    what["symlink_lesson.yaml"] = "lesson file linking outside the course"
    (course / "02-linked-module").symlink_to(outside, target_is_directory=True)
    if fifo and hasattr(os, "mkfifo"):
        (module / "bodies" / "pipe.md").unlink(missing_ok=True)
        os.mkfifo(module / "bodies" / "pipe.md")
        add("body_file_fifo.yaml", body_file_lesson("fifo", "bodies/pipe.md"), "named pipe")
    return what


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-course")
    for name, about in sorted(build(target).items()):
        print(f"{name:34} {about}")
    print(f"written to {target / 'course'}")
