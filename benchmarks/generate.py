"""Generate synthetic, valid courses for the benchmarks.

The text is deliberately meaningless filler (a fixed list of neutral words) so nobody mistakes
it for clinical content. Output is deterministic for a given seed, so runs are comparable.

    python benchmarks/generate.py OUT_DIR [--lessons 1000] [--modules 10]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

# Neutral filler words (one string, so it reads as a sentence rather than 51 lines).
WORDS = (  # noqa: SIM905
    "lesson page reading example filler word sentence paragraph benchmark synthetic sample "
    "note calm steady plain short clear simple text line block item list point idea topic "
    "section detail part order step view screen table river stone cloud paper garden window "
    "morning evening travel market village bridge lantern harbour meadow orchard pebble"
).split()

LESSON_BYTES = 4096
PAGES_PER_LESSON = 4
QUESTIONS_PER_LESSON = 2


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return " ".join(words).capitalize() + "."


def _text(rng: random.Random, size: int) -> str:
    """Markdown filler of about `size` characters: paragraphs, a list and some emphasis."""
    parts: list[str] = []
    total = 0
    while total < size:
        kind = rng.random()
        if kind < 0.15:
            block = "\n".join(f"- {_sentence(rng)}" for _ in range(3))
        elif kind < 0.25:
            block = f"**{_sentence(rng)}** {_sentence(rng)}"
        else:
            block = " ".join(_sentence(rng) for _ in range(3))
        parts.append(block)
        total += len(block) + 2
    return "\n\n".join(parts)


def _block(text: str, indent: int) -> str:
    pad = " " * indent
    return "\n".join(pad + line if line else "" for line in text.splitlines())


def _q(s: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _question(rng: random.Random, n: int) -> str:
    kind = ("single", "multiple", "true_false", "order", "short_answer")[n % 5]
    head = (
        f"    - id: q{n + 1}\n"
        f"      type: {kind}\n"
        f"      prompt: {_q(_sentence(rng))}\n"
        f"      explanation: {_q(_sentence(rng))}\n"
    )
    if kind in ("single", "multiple"):
        correct = {0} if kind == "single" else {0, 2}
        choices = "".join(
            f"        - {{text: {_q(_sentence(rng)[:40])}, "
            f"correct: {'true' if i in correct else 'false'}, feedback: {_q(_sentence(rng))}}}\n"
            for i in range(4)
        )
        return head + "      choices:\n" + choices
    if kind == "true_false":
        return head + "      answer: true\n"
    if kind == "order":
        return head + "      items: [First, Second, Third, Fourth]\n"
    return head + '      accepted: ["four", "4"]\n'


def lesson_yaml(
    lesson_id: str,
    *,
    seed: int,
    pages: int = PAGES_PER_LESSON,
    page_chars: int | None = None,
    questions: int = QUESTIONS_PER_LESSON,
    target_bytes: int = LESSON_BYTES,
) -> str:
    """One valid lesson file. Pages share `target_bytes` unless `page_chars` is given."""
    rng = random.Random(seed)
    if page_chars is None:
        # Header ~450 bytes, ~750 per question, and _text() overshoots by ~half a block.
        page_chars = max(200, (target_bytes - 450 - 750 * questions) // pages - 260)
    out = [
        f"id: {lesson_id}\n",
        f"title: {_q('Generated lesson ' + lesson_id)}\n",
        "tracks: [patient, trainee]\n",
        "minutes: 4\n",
        f"summary: {_q(_sentence(rng))}\n",
        "review: {status: draft, date: 2026-01-01, next_due: 2027-01-01}\n",
        "sources:\n",
        '  - {id: s1, cite: "Synthetic benchmark source, 2026"}\n',
        "pages:\n",
    ]
    for p in range(pages):
        out.append(f"  - title: {_q(f'Page {p + 1}')}\n")
        out.append("    body: |\n")
        out.append(_block(_text(rng, page_chars), 6) + "\n")
        if p == 0:
            out.append("    sources: [s1]\n")
    if questions:
        out.append("quiz:\n  pass_mark: 0.8\n  questions:\n")
        out.extend(_question(rng, n) for n in range(questions))
    return "".join(out)


def generate_course(
    root: Path, lessons: int = 1000, modules: int = 10, *, seed: int = 1
) -> list[Path]:
    """Write a course folder with `lessons` ~4 KB lessons over `modules` modules.

    Returns the lesson file paths. `root` is created; existing files are overwritten.
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    (root / "course.yaml").write_text(
        "title: Generated benchmark course\nlanguage: en\n"
        "summary: Synthetic lessons for the ketatui benchmarks.\n",
        encoding="utf-8",
    )
    modules = max(1, min(modules, lessons or 1))
    paths: list[Path] = []
    for m in range(modules):
        folder = root / f"{m + 1:02d}-module-{m + 1}"
        folder.mkdir(exist_ok=True)
        (folder / "module.yaml").write_text(
            f"id: module-{m + 1}\ntitle: Generated module {m + 1}\n", encoding="utf-8"
        )
    for i in range(lessons):
        m = i * modules // max(lessons, 1)
        folder = root / f"{m + 1:02d}-module-{m + 1}"
        path = folder / f"{i + 1:04d}-lesson.yaml"
        path.write_text(lesson_yaml(f"gen-lesson-{i + 1}", seed=seed + i), encoding="utf-8")
        paths.append(path)
    return paths


def generate_long_lesson_course(
    root: Path, *, pages: int = 40, page_chars: int = 2048, questions: int = 40, seed: int = 7
) -> Path:
    """A one-lesson course with many ~2 KB pages and many questions (page-turn benchmark)."""
    root = Path(root)
    folder = root / "01-long"
    folder.mkdir(parents=True, exist_ok=True)
    (root / "course.yaml").write_text("title: Long lesson benchmark\n", encoding="utf-8")
    (folder / "module.yaml").write_text("id: long\ntitle: Long\n", encoding="utf-8")
    path = folder / "01-long.yaml"
    path.write_text(
        lesson_yaml(
            "long-lesson", seed=seed, pages=pages, page_chars=page_chars, questions=questions
        ),
        encoding="utf-8",
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lessons", type=int, default=1000)
    parser.add_argument("--modules", type=int, default=10)
    args = parser.parse_args()
    paths = generate_course(args.out, args.lessons, args.modules)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} lessons ({size / max(len(paths), 1):.0f} bytes each) to {args.out}")


if __name__ == "__main__":
    main()
