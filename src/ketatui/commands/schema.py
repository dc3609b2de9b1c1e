"""`ketatui schema [--kind lesson|module|course]`: print the JSON Schema of a content file.

Save it next to the lessons and point an editor at it, e.g. with a first line
`# yaml-language-server: $schema=./lesson.schema.json`, to get completion and checks.
"""

from __future__ import annotations

import argparse
import json


def run(args: argparse.Namespace) -> int:
    """Print the schema as JSON on stdout."""
    from ketatui.content.schema import json_schema

    kind = getattr(args, "kind", None) or "lesson"
    print(json.dumps(json_schema(kind), indent=2, ensure_ascii=False))
    return 0
