"""Check a YAML node tree against the msgspec model and turn it into plain Python data.

The model's types (`msgspec.inspect.type_info`) are compiled once into small "spec"
objects; `spec.walk(walker, node, path)` checks one node, records every problem with the
node's line and column, and returns plain data (dicts, lists, str, int, float, bool,
date, None) or `INVALID`. It never raises and never stops at the first problem, so an
author sees every error of a file at once. `msgspec.convert` then builds the frozen structs.

Walking follows the model, not the document: recursion depth is bounded by the model's
depth (about 7), and every node visit, aliases included, is charged to a budget so a
"billion laughs" file is refused instead of expanded.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from typing import Any, Literal, TypeGuard

import msgspec.inspect as mi
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ketatui.content.errors import ContentError
from ketatui.textguard import describe, has_unsafe_char, printable, unsafe_char

#: Node visits allowed per file, aliases counted each time they are walked.
MAX_VISITS = 100_000

_T = "tag:yaml.org,2002:"
STR = _T + "str"
INT = _T + "int"
FLOAT = _T + "float"
BOOL = _T + "bool"
NULL = _T + "null"
TIMESTAMP = _T + "timestamp"
SEQ = _T + "seq"
MAP = _T + "map"
MERGE = _T + "merge"
#: The standard tags a lesson may use (implicitly, or spelled out like `!!str`).
ALLOWED_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, SEQ, MAP, MERGE})
_SCALAR_KEY_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, TIMESTAMP})
#: Tags of a scalar that holds a value (not empty).
_VALUE_TAGS = _SCALAR_KEY_TAGS - {NULL}


class _Invalid:
    __slots__ = ()

    def __repr__(self) -> str:
        return "INVALID"


#: Returned by `walk` for a value that failed its checks (the error is already recorded).
INVALID: Any = _Invalid()

_constructor = SafeConstructor()
_BOOL_VALUES = SafeConstructor.bool_values

Path_ = tuple[str | int, ...]


class Walker:
    """Collects errors and node positions while specs walk one file."""

    __slots__ = (
        "check_chars",
        "errors",
        "exhausted",
        "file",
        "keys",
        "nodes",
        "root",
        "visits_left",
    )

    def __init__(
        self, file: Path, root: Node, budget: int = MAX_VISITS, text: str | None = None
    ) -> None:
        self.file = file
        self.root = root
        #: Whether a string may hold a character `unsafe_char` refuses. Given the text the
        #: nodes came from, one search of it spares a search of every string in it.
        self.check_chars = text is None or may_hold_unsafe_chars(text)
        self.errors: list[ContentError] = []
        #: path tuple -> value node, e.g. ("pages", 0, "title") -> the title's scalar node.
        self.nodes: dict[Path_, Node] = {(): root}
        #: path tuple -> the key node naming that value (for errors about a whole field).
        self.keys: dict[Path_, Node] = {}
        self.visits_left = budget
        #: True once the visit budget ran out (the data is then incomplete).
        self.exhausted = False

    def error(
        self,
        node: Node,
        message: str,
        suggestion: str | None = None,
        severity: Literal["error", "warning"] = "error",
    ) -> None:
        """Record a problem at `node`'s position."""
        mark = node.start_mark
        if suggestion:
            suggestion = printable(suggestion)
        self.errors.append(
            ContentError(
                self.file,
                mark.line + 1,
                mark.column + 1,
                printable(message),
                suggestion,
                severity,
            )
        )

    def error_at(
        self,
        path: Path_,
        message: str,
        suggestion: str | None = None,
        *,
        key: bool = False,
        severity: Literal["error", "warning"] = "error",
    ) -> None:
        """Record a problem at `path`'s node (its key node with key=True), else its parent's."""
        node = self.keys.get(path) if key else None
        while node is None:
            node = self.nodes.get(path)
            if node is None:
                path = path[:-1]
        self.error(node, message, suggestion, severity)

    def enter(self, node: Node) -> bool:
        """Charge one visit and check the tag. False means: do not look inside this node."""
        # Long text is charged per KiB too: one 400 KB body aliased into 2,000 pages is
        # only 6,000 nodes but 800 MB of text for every screen, cache and tool downstream.
        self.visits_left -= 1 + (len(node.value) >> 10 if node.__class__ is ScalarNode else 0)
        if self.visits_left < 0:
            if not self.exhausted:
                self.exhausted = True
                self.error(
                    node,
                    f"the file expands to too many values (more than {MAX_VISITS:,})",
                    "are YAML aliases (*name) repeating a large block? write the content out",
                )
            return False
        if node.tag not in ALLOWED_TAGS:
            self.error(node, f"tags are not allowed ('{_show_tag(node.tag)}')", "remove the tag")
            return False
        return True


def may_hold_unsafe_chars(text: str) -> bool:
    """Whether a value parsed from this YAML text can hold a character `unsafe_char` finds.

    A scalar's value is made of the text's own characters, except that an escape in a
    double-quoted scalar (which needs a backslash) can make any character, and that line
    breaks are rewritten: CR LF, CR and NEL become LF (CR and NEL are refused characters
    themselves), and folding makes spaces and LFs. So text without a backslash and without
    a refused character cannot give a value with one.
    """
    return "\\" in text or has_unsafe_char(text)


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_T) :] if tag.startswith(_T) else tag


def got(node: Node) -> str:
    """What a node is, for "expected X, got Y" messages."""
    cls = node.__class__
    if cls is MappingNode:
        return "a mapping"
    if cls is SequenceNode:
        return "a list"
    tag = node.tag
    if tag == STR:
        return "a string"
    if tag == NULL:
        return "an empty value"
    if tag in (INT, FLOAT):
        return f"the number {short(node.value)}"
    if tag == BOOL:
        return f"'{short(node.value)}' (a true/false value)"
    if tag == TIMESTAMP:
        return f"the date {short(node.value)}"
    return "a value"


def short(text: str, limit: int = 40) -> str:
    """Text quoted in a message, cut short: a value can be a megabyte long."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _field(path: Path_) -> str:
    """The field a path ends in, for messages: 'title', or 'tracks' for ('tracks', 2)."""
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "value"


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def close_match(word: str, choices: tuple[str, ...] | list[str]) -> str | None:
    """The closest of `choices` to a misspelt `word`, or None."""
    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return found[0] if found else None


def _noun(cls: type) -> str:
    """'CrisisResource' -> 'crisis resource'."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__.strip("_")).lower()


# --------------------------------------------------------------------------- specs


class Spec:
    """Checks one node against one model type."""

    __slots__ = ("plural", "what")

    what: str  # "a string": what the node should have been
    plural: str  # "strings": for "a list of ..."

    def walk(self, w: Walker, node: Node, path: Path_) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _scalar(self, node: Node, w: Walker) -> TypeGuard[ScalarNode]:
        """Enter a node that must be a non-empty scalar; report and return False otherwise."""
        if node.__class__ is ScalarNode and node.tag in _VALUE_TAGS:
            # What `w.enter` does when nothing is wrong, without the call: most nodes.
            left = w.visits_left - 1 - (len(node.value) >> 10)
            if left >= 0:
                w.visits_left = left
                return True
        if not w.enter(node):
            return False
        if node.__class__ is not ScalarNode or node.tag == NULL:
            w.error(node, f"expected {self.what}, got {got(node)}", _scalar_hint(node))
            return False
        return True


def _scalar_hint(node: Node) -> str | None:
    """How to turn what was written into the single value expected, if we can tell."""
    if node.__class__ is MappingNode and len(node.value) == 1:
        key, value = node.value[0]
        if key.__class__ is ScalarNode and value.__class__ is ScalarNode and key.value:
            # `- Breakfast: eat` is a one-key mapping to YAML; the author meant the text.
            text = f"{key.value}: {value.value}" if value.value else f"{key.value}:"
            return f"put quotes around text that contains ': ': \"{short(text)}\""
    return _empty_hint(node)


def _empty_hint(node: Node) -> str | None:
    if node.__class__ is ScalarNode and node.tag == NULL:
        if node.value:
            return f"put quotes around '{short(node.value)}' if you mean the text"
        return "write a value after the colon, or remove the key"
    return None


class StrSpec(Spec):
    __slots__ = ("is_id", "max_length", "min_length", "pattern", "regex")

    def __init__(self, t: mi.StrType) -> None:
        self.min_length = t.min_length
        self.max_length = t.max_length
        self.pattern = t.pattern
        self.regex = re.compile(t.pattern) if t.pattern else None
        self.is_id = t.pattern == r"^[a-z0-9][a-z0-9-]*$"
        self.what = "an id" if self.is_id else "a string"
        self.plural = "ids" if self.is_id else "strings"

    def walk(self, w: Walker, node: Node, path: Path_) -> Any:
        if not self._scalar(node, w):
            return INVALID
        # Any scalar is accepted as text: `title: 2024` or `text: No` mean the words as
        # written, not YAML 1.1's int or bool, so use the original text of the node.
        value: str = node.value
        control = unsafe_char(value) if w.check_chars else None
        if control is not None:
            # Only possible through escapes in "double-quoted" YAML: raw control bytes are
            # refused by the reader. Terminal escape sequences could rewrite the screen,
            # the window title or the clipboard, so they never get as far as the UI.
            w.error(
                node,
                f"'{_field(path)}' contains {describe(control)}",
                "remove it: lesson text cannot hold terminal control codes or bidi marks",
            )
            return INVALID
        if self.min_length is not None and len(value) < self.min_length:
            if self.min_length == 1 and path and isinstance(path[-1], int):
                w.error(
                    node,
                    f"entry {path[-1] + 1} of '{_field(path)}' is empty",
                    "write the text of this entry, or remove the entry",
                )
            elif self.min_length == 1:
                w.error(node, f"'{_field(path)}' must not be empty")
            else:
                w.error(node, f"'{_field(path)}' must be at least {self.min_length} characters")
            return INVALID
        if self.max_length is not None and len(value) > self.max_length:
            w.error(
                node,
                f"'{_field(path)}' is too long ({len(value)} characters; "
                f"at most {self.max_length})",
            )
            return INVALID
        if self.regex is not None and self.regex.search(value) is None:
            if self.is_id:
                slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
                hint = "ids use lowercase letters, digits and dashes"
                if slug and slug != value:
                    hint = f"{hint}: did you mean '{slug}'?"
                w.error(node, f"'{short(value)}' is not a valid id", hint)
            else:
                w.error(node, f"'{short(value)}' does not match the pattern {self.pattern}")
            return INVALID
        return value


class _NumberSpec(Spec):
    __slots__ = ("ge", "gt", "le", "lt")

    def __init__(self, t: mi.IntType | mi.FloatType) -> None:
        self.gt, self.ge, self.lt, self.le = t.gt, t.ge, t.lt, t.le

    def _in_range(self, w: Walker, node: Node, path: Path_, value: float) -> bool:
        ok = (
            (self.gt is None or value > self.gt)
            and (self.ge is None or value >= self.ge)
            and (self.lt is None or value < self.lt)
            and (self.le is None or value <= self.le)
        )
        if not ok:
            w.error(node, f"'{_field(path)}' must be {self._range()}, got {short(node.value)}")
        return ok

    def _range(self) -> str:
        low = f"more than {self.gt}" if self.gt is not None else None
        if self.ge is not None:
            low = f"at least {self.ge}"
        high = f"less than {self.lt}" if self.lt is not None else None
        if self.le is not None:
            high = f"at most {self.le}"
        if self.ge is not None and self.le is not None:
            return f"between {self.ge} and {self.le}"
        return " and ".join(p for p in (low, high) if p) or "a number"


_WHOLE_FLOAT = re.compile(r"^[-+]?[0-9]{1,15}\.0*$")


class IntSpec(_NumberSpec):
    __slots__ = ()
    what = "a whole number"
    plural = "whole numbers"

    def walk(self, w: Walker, node: Node, path: Path_) -> Any:
        if not self._scalar(node, w):
            return INVALID
        if node.tag == FLOAT and _WHOLE_FLOAT.match(node.value):
            # `minutes: 5.0` is a whole number written with a decimal point: JSON Schema
            # (and so the editor) takes it as one, and so do we.
            value: Any = int(float(node.value))
            return value if self._in_range(w, node, path, value) else INVALID
        if node.tag != INT:
            w.error(node, f"expected {self.what}, got {got(node)}")
            return INVALID
        value = _int(w, node)
        if value is INVALID:
            return INVALID
        return value if self._in_range(w, node, path, value) else INVALID


def _int(w: Walker, node: ScalarNode) -> Any:
    try:
        return _constructor.construct_yaml_int(node)
    except ValueError:
        if _LONG_INT.match(node.value):  # more digits than `int` converts by default
            w.error(node, f"the number is far too large ({len(node.value)} digits)")
        else:  # tagged `!!int` but not a number
            w.error(node, f"'{short(node.value)}' is not a whole number", "write e.g. 5")
        return INVALID


_LONG_INT = re.compile(r"^[-+]?[0-9_]+$")


class FloatSpec(_NumberSpec):
    __slots__ = ()
    what = "a number"
    plural = "numbers"

    def walk(self, w: Walker, node: Node, path: Path_) -> Any:
        if not self._scalar(node, w):
            return INVALID
        tag = node.tag
        if tag == FLOAT:
            try:
                value = _constructor.construct_yaml_float(node)
            except ValueError:  # tagged `!!float` but not a number
                w.error(node, f"'{short(node.value)}' is not a number", "write e.g. 0.8")
                return INVALID
        elif tag == INT:
            value = _int(w, node)
            if value is INVALID:
                return INVALID
            value = float(value) if abs(value) < 1e300 else float("inf")
        else:
            hint = "write a decimal like 0.8" if node.value.endswith("%") else None
            w.error(node, f"expected {self.what}, got {got(node)}", hint)
            return INVALID
        if value != value:  # NaN
            w.error(node, f"'{_field(path)}' must be a number, got {short(node.value)}")
            return INVALID
        return value if self._in_range(w, node, path, value) else INVALID


class BoolSpec(Spec):
    __slots__ = ()
    what = "true or false"
    plural = "true/false values"

    def walk(self, w: Walker, node: Node, path: Path_) -> Any:
        if not self._scalar(node, w):
            return INVALID
        if node.tag != BOOL:
            w.error(node, f"expected {self.what}, got {got(node)}", "write true or false")
            return INVALID
        # What construct_yaml_bool does for a scalar, without its two calls.
        value = _BOOL_VALUES.get(node.value.lower())
        if value is None:  # tagged `!!bool` but not a YAML boolean
            w.error(node, f"'{short(node.value)}' is not true or false", "write true or false")
            return INVALID
        return value


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class DateSpec(Spec):
    __slots__ = ()
    what = "a date (YYYY-MM-DD)"
    plural = "dates"

    def walk(self, w: Walker, node: Node, path: Path_) -> Any:
        if not self._scalar(node, w):
            return INVALID
        tag = node.tag
        try:
            if tag == TIMESTAMP:
                value = _constructor.construct_yaml_timestamp(node)
            elif tag == STR and _ISO_DATE.match(node.value):
                value = dt.date.fromisoformat(node.value)  # a quoted date is fine too
            elif tag == STR:
                w.error(
                    node,
                    f"'{short(node.value)}' is not a date written as YYYY-MM-DD",
                    "write dates as YYYY-MM-DD (year, month, day), e.g. 2026-12-02",
                )
                return INVALID
            else:
                w.error(node, f"expected {self.what}, got {got(node)}", "write e.g. 2026-11-01")
                return INVALID
        except (ValueError, ConstructorError) as e:
            w.error(
                node,
                f"'{short(node.value)}' is not a real date ({e})",
                "write dates as YYYY-MM-DD, e.g. 2026-11-01",
            )
            return INVALID
        if isinstance(value, dt.datetime):
            w.error(
                node, f"expected a date without a time, got {short(node.value)}", "drop the time"
            )
            return INVALID
        return value


class NoneSpec(Spec):
    __slots__ = ()
    what = "an empty value"
    plural = "empty values"

    def walk(self, w: Walker, node: Node, path: Path_) -> Any:
        if not w.enter(node):
            return INVALID
        if node.__class__ is ScalarNode and node.tag == NULL:
            return None
        w.error(node, f"expected {self.what}, got {got(node)}")
        return INVALID


class LiteralSpec(Spec):
    __slots__ = ("values",)

    def __init__(self, t: mi.LiteralType) -> None:
        self.values = tuple(str(v) for v in t.values)
        self.what = "one of: " + ", ".join(self.values)
        self.plural = "values"

    def walk(self, w: Walker, node: Node, path: Path_) -> Any:
        if not self._scalar(node, w):
            return INVALID
        value = node.value
        if value in self.values:
            return value
        name = _field(path)
        label = _singular(name) if isinstance(path[-1], int) else name
        w.error(node, f"unknown {label} '{short(value)}'", _choice_hint(value, self.values))
        return INVALID


def _choice_hint(value: str, allowed: tuple[str, ...]) -> str:
    match = close_match(value, allowed)
    listed = ", ".join(allowed)
    return f"did you mean '{match}'? (one of: {listed})" if match else f"use one of: {listed}"


_EMPTY_LIST_HINT = "write [] for an empty list, or remove the key"
#: Lists that must not be empty: say what to add, not `[]` (which is an error too).
_EMPTY_LIST_HINTS = {
    "pages": "add a page under it: '- title: ...' and 'body: |' with the text",
    "choices": "add the choices under it: '- text: ...', at least two",
    "items": "list the items under it, in the right order: '- First step', at least two",
    "accepted": "list the answers that count as right under it: '- the answer'",
}


class ListSpec(Spec):
    __slots__ = ("empty_hint", "item", "max_length", "min_length")

    def __init__(
        self, t: mi.ListType | mi.VarTupleType, item: Spec, plural: str, name: str | None = None
    ) -> None:
        self.item = item
        self.empty_hint = _EMPTY_LIST_HINTS.get(name or "", _EMPTY_LIST_HINT)
        self.min_length = t.min_length
        self.max_length = t.max_length
        self.plural = "lists"
        self.what = f"a list of {plural}"

    def walk(self, w: Walker, node: Node, path: Path_) -> Any:
        if not w.enter(node):
            return INVALID
        if node.__class__ is not SequenceNode:
            hint = None
            if node.__class__ is ScalarNode:
                if node.tag == NULL:
                    hint = self.empty_hint
                elif node.value:
                    hint = f"write it as a list: [{short(node.value)}]"
            w.error(node, f"expected {self.what}, got {got(node)}", hint)
            return INVALID
        item = self.item
        nodes = w.nodes
        out = []
        for i, child in enumerate(node.value):
            p = (*path, i)
            nodes[p] = child
            out.append(item.walk(w, child, p))
        n = len(out)
        if self.min_length is not None and n < self.min_length:
            w.error(node, f"'{_field(path)}' needs at least {self.min_length} items, got {n}")
        if self.max_length is not None and n > self.max_length:
            w.error(node, f"'{_field(path)}' takes at most {self.max_length} items, got {n}")
        return out


class StructSpec(Spec):
    """A mapping with known keys; `tag_field` (e.g. `type`) is left to TaggedUnionSpec."""

    __slots__ = ("cls", "fields", "names", "required", "tag", "tag_field")

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.fields: dict[str, Spec] = {}
        self.names: tuple[str, ...] = ()
        self.required: tuple[str, ...] = ()
        self.tag_field: str | None = None
        self.tag: str | int | None = None
        self.what = "a mapping (key: value lines)"
        self.plural = _noun(cls) + "s"

    def walk(self, w: Walker, node: Node, path: Path_) -> Any:
        if not w.enter(node):
            return INVALID
        if node.__class__ is not MappingNode:
            w.error(node, f"expected {self.what}, got {got(node)}")
            return INVALID
        data: dict[str, Any] = {}
        seen: dict[str, Node] = {}
        merges = self._pairs(w, node, path, node.value, data, seen)
        if merges:
            self._merge(w, path, merges, data, seen, {id(node)})
        for name in self.required:
            if name not in seen:
                w.error(node, f"missing required key '{name}'", _REQUIRED_HINTS.get(name))
        return data

    def _pairs(
        self,
        w: Walker,
        node: Node,
        path: Path_,
        pairs: list[tuple[Node, Node]],
        data: dict[str, Any],
        seen: dict[str, Node],
        merged: bool = False,
    ) -> list[Node] | None:
        fields = self.fields
        nodes = w.nodes
        keys = w.keys
        merges: list[Node] | None = None
        for key, value in pairs:
            tag = key.tag
            if key.__class__ is not ScalarNode or tag not in _SCALAR_KEY_TAGS:
                if tag == MERGE and key.__class__ is ScalarNode:
                    if merges is None:
                        merges = []
                    merges.append(value)
                elif w.enter(key):
                    w.error(key, f"expected a key name, got {got(key)}")
                continue
            name: str = key.value
            first = seen.get(name)
            if first is not None:
                if not merged:  # a merged key is overridden by the mapping's own key
                    w.error(
                        key,
                        f"duplicate key '{short(name)}' "
                        f"(first at line {first.start_mark.line + 1})",
                        "remove one of them: YAML would silently keep only the last",
                    )
                continue
            seen[name] = key
            spec = fields.get(name)
            if spec is None:
                if name != self.tag_field:
                    w.error(key, f"unknown key '{short(name)}'", self._unknown_hint(name))
                continue
            p = (*path, name)
            nodes[p] = value
            keys[p] = key
            v = spec.walk(w, value, p)
            if v is not INVALID:
                data[name] = v
        return merges

    def _merge(
        self,
        w: Walker,
        path: Path_,
        sources: list[Node],
        data: dict[str, Any],
        seen: dict[str, Node],
        active: set[int],
    ) -> None:
        """YAML merge keys (`<<: *defaults`): own keys win, then earlier merged mappings."""
        for src in sources:
            items = src.value if src.__class__ is SequenceNode else [src]
            for m in items:
                if not w.enter(m):
                    continue
                if m.__class__ is not MappingNode:
                    w.error(m, f"'<<' merges mappings, got {got(m)}")
                    continue
                if id(m) in active:
                    w.error(m, "this merge refers to itself")
                    continue
                if len(active) > _MAX_MERGE_DEPTH:
                    w.error(m, f"merges are nested more than {_MAX_MERGE_DEPTH} deep")
                    continue
                more = self._pairs(w, m, path, m.value, data, seen, merged=True)
                if more:
                    self._merge(w, path, more, data, seen, active | {id(m)})

    def _unknown_hint(self, name: str) -> str:
        match = close_match(name, self.names)
        if match:
            return f"did you mean '{match}'?"
        return "allowed keys: " + ", ".join(self.names)


#: `<<: *a` where `a` itself merges `b`, and so on: real files need two or three levels.
_MAX_MERGE_DEPTH = 10

_REQUIRED_HINTS = {
    "review": "add e.g. 'review: {status: draft}'",
    "pages": "add 'pages:' with at least one page (title and body)",
    "explanation": "add an explanation shown after answering",
    "choices": "add 'choices:' with at least two choices",
}


class TaggedUnionSpec(Spec):
    """Structs told apart by a tag key, e.g. questions by `type: single`."""

    __slots__ = ("noun", "tag_field", "tags", "variants")

    def __init__(self, tag_field: str, variants: dict[str, StructSpec], noun: str) -> None:
        self.tag_field = tag_field
        self.variants = variants
        self.tags = tuple(variants)
        self.noun = noun
        self.what = f"a {noun} (a mapping)"
        self.plural = noun + "s"

    def walk(self, w: Walker, node: Node, path: Path_) -> Any:
        if node.__class__ is not MappingNode:
            if w.enter(node):
                w.error(node, f"expected {self.what}, got {got(node)}")
            return INVALID
        found = _find_key(node, self.tag_field)
        tag_node = None
        if found is not None:
            w.keys[(*path, self.tag_field)], tag_node = found
        if tag_node is None:
            if w.enter(node):
                w.error(
                    node,
                    f"missing required key '{self.tag_field}'",
                    f"say which kind of {self.noun}: {self.tag_field}: one of "
                    + ", ".join(self.tags),
                )
            return INVALID
        w.nodes[(*path, self.tag_field)] = tag_node
        variant = None
        is_text = tag_node.__class__ is ScalarNode and tag_node.tag != NULL
        if is_text and tag_node.tag in ALLOWED_TAGS:
            variant = self.variants.get(tag_node.value)
        if variant is None:
            w.enter(node)
            if w.enter(tag_node):
                field = f"{self.noun} {self.tag_field}"
                if is_text:
                    message = f"unknown {field} '{short(tag_node.value)}'"
                    hint = _choice_hint(tag_node.value, self.tags)
                else:
                    message = f"expected a {field}, got {got(tag_node)}"
                    hint = "use one of: " + ", ".join(self.tags)
                w.error(tag_node, message, hint)
            return INVALID
        data = variant.walk(w, node, path)
        if data is not INVALID:
            data[self.tag_field] = variant.tag
        return data


def _find_key(node: MappingNode, name: str, depth: int = 0) -> tuple[Node, Node] | None:
    """(key, value) for `name` in a mapping, looking into `<<` merges (own keys first)."""
    merges = []
    for key, value in node.value:
        if key.__class__ is ScalarNode:
            if key.tag == MERGE:
                merges.append(value)
            elif key.value == name:
                return key, value
    if depth < _MAX_MERGE_DEPTH:  # merges of merges, but not round a loop forever
        for src in merges:
            for m in src.value if src.__class__ is SequenceNode else [src]:
                if m.__class__ is MappingNode:
                    found = _find_key(m, name, depth + 1)
                    if found is not None:
                        return found
    return None


class UnionSpec(Spec):
    """`X | None` (the only untagged unions in the model): empty means None."""

    __slots__ = ("main", "nullable")

    def __init__(self, main: Spec, nullable: bool) -> None:
        self.main = main
        self.nullable = nullable
        self.what = main.what + (" or nothing" if nullable else "")
        self.plural = main.plural

    def walk(self, w: Walker, node: Node, path: Path_) -> Any:
        if self.nullable and node.__class__ is ScalarNode and node.tag == NULL:
            return None if w.enter(node) else INVALID
        return self.main.walk(w, node, path)


# --------------------------------------------------------------------------- compile

_struct_specs: dict[type, StructSpec] = {}

#: Friendlier names for lists whose items are plain strings.
_LIST_NAMES = {"sources": "source ids", "accepted": "accepted answers"}


def spec_for(t: Any, name: str | None = None) -> Spec:
    """Compile a msgspec type (a class, or `msgspec.inspect` type info) into a Spec, cached."""
    if isinstance(t, type):
        t = mi.type_info(t)
    if isinstance(t, mi.Metadata):
        t = t.type
    if isinstance(t, mi.StrType):
        return StrSpec(t)
    if isinstance(t, mi.BoolType):
        return BoolSpec()
    if isinstance(t, mi.IntType):
        return IntSpec(t)
    if isinstance(t, mi.FloatType):
        return FloatSpec(t)
    if isinstance(t, mi.DateType):
        return DateSpec()
    if isinstance(t, mi.NoneType):
        return NoneSpec()
    if isinstance(t, mi.LiteralType):
        return LiteralSpec(t)
    if isinstance(t, mi.ListType | mi.VarTupleType):
        item = spec_for(t.item_type)
        plural = item.plural
        if isinstance(item, StrSpec | LiteralSpec) and name:
            plural = _LIST_NAMES.get(name, name)
        return ListSpec(t, item, plural, name)
    if isinstance(t, mi.StructType):
        return _struct_spec(t)
    if isinstance(t, mi.UnionType):
        members = [m for m in t.types if not isinstance(m, mi.NoneType)]
        nullable = len(members) < len(t.types)
        tagged = _tagged_union(members)
        if len(members) > 1 and tagged is not None:
            return tagged
        if len(members) == 1:
            return UnionSpec(spec_for(members[0], name), nullable)
    raise TypeError(f"the lesson walker does not support the type {t!r}")


def _tagged_union(members: list[mi.Type]) -> TaggedUnionSpec | None:
    """The spec of a union of structs told apart by a string tag field, else None."""
    variants: dict[str, StructSpec] = {}
    tag_field = ""
    for m in members:
        if not (isinstance(m, mi.StructType) and m.tag_field and isinstance(m.tag, str)):
            return None
        variants[m.tag] = _struct_spec(m)
        tag_field = m.tag_field
    base = members[0].cls.__mro__[1] if isinstance(members[0], mi.StructType) else object
    return TaggedUnionSpec(tag_field, variants, _noun(base))


def _struct_spec(t: mi.StructType) -> StructSpec:
    spec = _struct_specs.get(t.cls)
    if spec is not None:
        return spec
    spec = StructSpec(t.cls)
    _struct_specs[t.cls] = spec  # before the fields, in case a model refers to itself
    spec.fields = {f.encode_name: spec_for(f.type, f.encode_name) for f in t.fields}
    spec.names = tuple(spec.fields) + ((t.tag_field,) if t.tag_field else ())
    spec.required = tuple(f.encode_name for f in t.fields if f.required)
    spec.tag_field = t.tag_field
    spec.tag = t.tag
    return spec


def walk_document(w: Walker, spec: Spec, what: str) -> Any:
    """Walk a whole file; its top level must be a mapping. Returns a dict or INVALID."""
    node = w.root
    if node.__class__ is ScalarNode and node.tag == NULL and not node.value:
        w.error(node, "the file is empty")  # e.g. only a '---' line
        return INVALID
    if node.__class__ is not MappingNode:
        if w.enter(node):
            w.error(
                node,
                f"{what} file must be a mapping (key: value lines), got {got(node)}",
                "start with e.g. 'id: my-lesson' and 'title: ...'" if what == "a lesson" else None,
            )
        return INVALID
    return spec.walk(w, node, ())
