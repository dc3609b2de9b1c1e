"""The code-shape gate: no function or method in `src/` runs over 60 lines.

A function that long does several things; splitting it into named steps is what lets a
reader see them. Lines count from the `def` line to the function's last line (decorators
are not counted; the docstring, comments and blank lines inside are).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
MAX_LINES = 60


def long_functions(source: str, max_lines: int = MAX_LINES) -> list[tuple[str, int, int]]:
    """(qualified name, first line, length) of each function in `source` over `max_lines`."""
    found: list[tuple[str, int, int]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = f"{prefix}{child.name}"
                if not isinstance(child, ast.ClassDef):
                    length = (child.end_lineno or child.lineno) - child.lineno + 1
                    if length > max_lines:
                        found.append((name, child.lineno, length))
                visit(child, f"{name}.")
            else:
                visit(child, prefix)

    visit(ast.parse(source), "")
    return found


def test_no_function_in_src_is_over_60_lines() -> None:
    too_long = [
        f"{path.relative_to(ROOT)}:{line} {name} ({length} lines)"
        for path in sorted(SRC.rglob("*.py"))
        for name, line, length in long_functions(path.read_text(encoding="utf-8"))
    ]
    assert not too_long, (
        f"functions over {MAX_LINES} lines (split them into named helpers):\n" + "\n".join(too_long)
    )


def test_the_gate_can_fail() -> None:
    body = "\n".join(f"        x{i} = {i}" for i in range(60))
    source = f"@decorator\ndef short():\n    pass\n\nclass C:\n    def long(self):\n{body}\n"
    # `long` is 61 lines (its def and 60 more); the decorator line of `short` is not counted.
    assert long_functions(source) == [("C.long", 6, 61)]
    assert long_functions(source, max_lines=61) == []
