"""Read a YAML file safely into a node tree, turning every failure into a ContentError.

Nothing here builds Python objects from YAML: the file is composed to nodes (which keep
their line and column) and `walker.py` checks them against the lesson model. On the way in
we reject what could hurt: files over a size cap, text that is not UTF-8, and nesting deep
enough to crash libyaml's recursive composer (it segfaults near 40,000 levels, and its flow
parser is quadratic in depth) — all checked before libyaml sees the text.
"""

from __future__ import annotations

import os
import re
import stat
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml
from yaml.nodes import Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from ketatui.content.errors import ContentError
from ketatui.content.yamlhints import diagnose
from ketatui.textguard import printable

#: Lesson, module and course files above this size are refused (checked with stat first).
MAX_FILE_BYTES = 1 << 20
#: Deeper YAML is refused. The lesson model is ~7 levels deep, so 100 is generous.
MAX_DEPTH = 100
#: Above this rough flow depth we refuse without asking libyaml (its flow parser is quadratic).
_HARD_FLOW_DEPTH = 1000
#: Files with no more nesting indicators ("- ? [ {" and ":") than this cannot nest deeper.
_CHEAP_LIMIT = MAX_DEPTH

if yaml.__with_libyaml__:
    _LOADER: type = yaml.CSafeLoader
else:  # pragma: no cover - exercised by monkeypatching in tests
    _LOADER = yaml.SafeLoader
_warned_no_libyaml = False

_FLOW_CHARS = re.compile(r"[\[\]{}]")
#: `- - - - x` or `? ? ? x` nests one level per indicator on a single line.
_BLOCK_RUN = re.compile(r"(?:[-?][ \t]+){" + str(MAX_DEPTH + 1) + ",}")
#: Lines whose leading spaces and indicators reach this column could nest block collections
#: past MAX_DEPTH together with flow ones; without one, block depth is at most the bound.
_DEEP_COLUMN = 30
_DEEP_LINE = re.compile(r"\n[ \t?-]{" + str(_DEEP_COLUMN) + "}")
_BLOCK_DEPTH_BOUND = 2 * _DEEP_COLUMN + 2
#: Every byte but the nesting indicators "[ { - ? :", deleted to count those in one pass.
_NOT_INDICATORS = bytes(b for b in range(256) if b not in b"[{-?:")


@dataclass(slots=True)
class ParsedYaml:
    """The outcome of reading one YAML file."""

    path: Path
    #: Root node, or None when the file could not be parsed (see `errors`) or is empty.
    node: Node | None = None
    #: The file's bytes as read (for content hashes); empty when reading failed.
    raw: bytes = b""
    #: The text the nodes were composed from (no BOM; their marks index into it); empty
    #: when the bytes could not be decoded.
    text: str = ""
    errors: list[ContentError] = field(default_factory=list)


def loader_class() -> type:
    """The YAML loader in use: libyaml's CSafeLoader, or SafeLoader (with a warning) without it."""
    global _warned_no_libyaml
    if _LOADER is not yaml.CSafeLoader and not _warned_no_libyaml:
        _warned_no_libyaml = True
        warnings.warn(
            "PyYAML was built without libyaml: reading lessons is about 11x slower. "
            "Reinstall PyYAML with libyaml (e.g. `pip install --force-reinstall pyyaml`).",
            RuntimeWarning,
            stacklevel=3,
        )
    fast = _fast_loaders.get(_LOADER)
    if fast is None:
        fast = _fast_loaders[_LOADER] = type(
            "Fast" + _LOADER.__name__, (_FastResolver, _LOADER), {}
        )
    return fast


class _FastResolver(Resolver):
    """PyYAML's tag resolution, memoised: the composer asks for the tag of every node, in
    Python, and lesson files repeat the same keys and short values over and over.

    Equivalent to `Resolver.resolve` because safe loaders have no path resolvers: a plain
    scalar's tag depends only on its text, anything else gets the default tag.
    """

    _cache: ClassVar[dict[str, str]] = {}

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if not implicit[0]:
                return _STR_TAG
            tag = self._cache.get(value)
            if tag is None:
                tag = Resolver.resolve(self, kind, value, implicit)
                if len(value) <= 40 and len(self._cache) < 10_000:
                    self._cache[value] = tag
            return tag
        return _SEQ_TAG if kind is SequenceNode else _MAP_TAG

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass  # only path resolvers use these; safe loaders have none

    def ascend_resolver(self) -> None:
        pass


_fast_loaders: dict[type, type] = {}
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset in `text`."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a byte offset; the column counts characters where it can."""
    line = raw.count(b"\n", 0, offset) + 1
    start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def read_yaml(path: Path, max_bytes: int = MAX_FILE_BYTES) -> ParsedYaml:
    """Read and compose one YAML file. Never raises for bad content or unreadable files."""
    result = ParsedYaml(path)

    def fail(
        message: str,
        suggestion: str | None = None,
        line: int = 1,
        column: int = 1,
        source_line: str | None = None,
    ) -> ParsedYaml:
        message = printable(message)
        suggestion = printable(suggestion) if suggestion else suggestion
        result.errors.append(
            ContentError(path, line, column, message, suggestion, source_line=source_line)
        )
        return result

    raw = _read_bytes(path, max_bytes, fail)
    if raw is None:
        return result
    result.raw = raw
    text = _decode(raw, fail)
    if text is None:
        return result
    result.text = text
    if not text.strip():
        return fail("the file is empty")

    deep = _too_deep(text)
    if deep is not None:
        line, column = deep
        return fail(
            f"the YAML is nested more than {MAX_DEPTH} levels deep",
            "lessons never need this much nesting; check the brackets and indentation",
            line,
            column,
        )
    result.node = _compose(text, fail)
    return result


def _read_bytes(path: Path, max_bytes: int, fail: Callable[..., ParsedYaml]) -> bytes | None:
    """The file's bytes, or None after reporting why they cannot be read (or are too many)."""
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            fail("expected a YAML file, found a folder")
            return None
        if not stat.S_ISREG(st.st_mode):  # a FIFO or device would block or never end
            fail("not a regular file (a device, pipe or socket?)")
            return None
        size = st.st_size
        if size > max_bytes:
            fail(
                f"the file is too big ({size:,} bytes; the limit is {_size(max_bytes)})",
                "split it into smaller files",
            )
            return None
        with open(path, "rb") as f:
            # The size stat gave, and a byte more to see growth: asking for max_bytes
            # would allocate (and free) a megabyte for every file.
            raw = f.read(size + 1)
            if len(raw) > size:  # it grew after stat: read on, up to the limit
                raw += f.read(max_bytes + 1 - len(raw))
    except IsADirectoryError:
        fail("expected a YAML file, found a folder")
        return None
    except OSError as e:
        fail(f"cannot read the file: {e.strerror or e}")
        return None
    if len(raw) > max_bytes:  # it grew after stat
        fail(f"the file is too big (the limit is {_size(max_bytes)})")
        return None
    return raw


def _compose(text: str, fail: Callable[..., ParsedYaml]) -> Node | None:
    """The root node of the YAML text, or None after reporting why there is none."""
    try:
        loader = loader_class()(text)
        try:
            node: Node | None = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        _syntax_error(e, text, fail)
        return None
    except yaml.reader.ReaderError as e:
        line, column = _position(text, e.position)
        message = f"the file contains a character YAML does not allow: {e.reason}"
        fail(
            message,
            "delete it, or retype the text around it",
            line,
            column,
            _shown_line(text, line),
        )
        return None
    except yaml.YAMLError as e:
        fail(f"YAML error: {e}")
        return None
    except RecursionError:
        fail(f"the YAML is nested more than {MAX_DEPTH} levels deep")
        return None
    if node is None:
        fail("the file is empty", "a lesson needs at least id, title, review and pages")
    return node


def _decode(raw: bytes, fail: Callable[..., ParsedYaml]) -> str | None:
    """UTF-8 text without a BOM, or None after reporting why the bytes are not UTF-8."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        fail("the file is UTF-32, not UTF-8", "save it as UTF-8")
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        fail("the file is UTF-16, not UTF-8", "save it as UTF-8")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        # ASCII text saved as UTF-16 without a BOM has a zero in every other byte.
        if raw[1:200:2].count(0) > 40 or raw[0:200:2].count(0) > 40:
            fail("the file looks like UTF-16, not UTF-8", "save it as UTF-8")
        else:
            line, column = _byte_position(raw, offset)
            fail("the file contains a NUL byte: is it a binary file?", None, line, column)
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line, column = _byte_position(raw, e.start)
        fail(
            f"the file is not valid UTF-8 (byte 0x{raw[e.start]:02x} at byte offset {e.start})",
            "save it as UTF-8",
            line,
            column,
        )
        return None


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where the text nests deeper than MAX_DEPTH, or None. Cheap for ordinary files.

    Decided without libyaml, so every PyYAML version gives the same answer: libyaml
    segfaults on deep enough input, and since PyYAML 6.0.4 it has a nesting limit of its own
    whose wording would otherwise reach authors first.
    """
    # Every level of nesting costs an indicator character ("- ? [ {" or a key's ":"), so
    # most files are cleared by counting (a regex over every file would cost a fifth of the
    # parse time). One pass deletes every other byte (UTF-8 keeps ASCII as single bytes);
    # five str.count calls took four times as long.
    indicators = text.encode().translate(None, _NOT_INDICATORS)
    if len(indicators) <= _CHEAP_LIMIT:
        return None
    n_flow = indicators.count(b"[") + indicators.count(b"{")
    # A block collection starts right of its parent, or (a sequence under a key) in the same
    # column as it, so without a line whose leading indentation and indicators reach
    # _DEEP_COLUMN, block depth is at most _BLOCK_DEPTH_BOUND. Flow collections nest inside
    # block ones, never the other way round, so the two depths add up.
    deep_line = _DEEP_LINE.search(text) or _DEEP_LINE.match("\n" + text[:_DEEP_COLUMN])
    if deep_line:
        # `- - - x` on one line nests a level per indicator; refused without parsing
        # because even the Python parser slows down on very long runs.
        m = _BLOCK_RUN.search(text)
        if m is not None:
            return _position(text, m.start())
    flow = 0
    if n_flow > MAX_DEPTH - _BLOCK_DEPTH_BOUND:
        flow, where = _flow_depth_estimate(text)
        if flow > _HARD_FLOW_DEPTH:
            return _position(text, where)
    if not deep_line and _BLOCK_DEPTH_BOUND + flow <= MAX_DEPTH:
        return None
    return _confirm_depth(text)


def _flow_depth_estimate(text: str) -> tuple[int, int]:
    """(Deepest bracket nesting, its offset), counting brackets in quoted text too.

    An over-estimate, confirmed by `_confirm_depth` before a file is refused; stops early
    past _HARD_FLOW_DEPTH.
    """
    depth = 0
    worst = 0
    where = 0
    for m in _FLOW_CHARS.finditer(text):
        if m.group() in "[{":
            depth += 1
            if depth > worst:
                worst, where = depth, m.start()
                if worst > _HARD_FLOW_DEPTH:
                    break
        elif depth:
            depth -= 1
    return worst, where


def _confirm_depth(text: str) -> tuple[int, int] | None:
    """Exact nesting check from the event stream of PyYAML's pure-Python parser.

    Not libyaml's: its limits and wording change between versions. The Python parser keeps
    its own stack (no recursion), builds no nodes and stops at the first level too deep.
    """
    loader = yaml.SafeLoader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return (mark.line + 1, mark.column + 1) if mark else (1, 1)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # composing will report the syntax error with its position
    finally:
        loader.dispose()
    return None


def _syntax_error(e: yaml.MarkedYAMLError, text: str, fail: Callable[..., ParsedYaml]) -> None:
    """Report a YAML syntax error in plain words where we can, with its source line."""
    found = diagnose(e, text)
    if found is not None:
        message, hint, line, column = found.message, found.suggestion, found.line, found.column
    else:
        mark = e.problem_mark or e.context_mark
        message = f"YAML syntax error: {e.problem or e.context or 'cannot parse'}"
        if e.context and e.problem:
            message += f" ({e.context})"
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        hint = _syntax_hint(e, text)
    fail(message, hint, line, column, _shown_line(text, line))


def _shown_line(text: str, line: int) -> str:
    """Line `line` (1-based) of the text, as an error shows it under the message."""
    lines = text.split("\n", line)
    source = lines[line - 1] if line <= len(lines) else ""
    # Tabs are kept so the caret lines up under them; other control characters are shown.
    return "\t".join(printable(part) for part in source.rstrip("\r").split("\t"))


def _syntax_hint(e: yaml.MarkedYAMLError, text: str) -> str | None:
    problem = (e.problem or "") + " " + (e.context or "")
    mark = e.problem_mark
    if mark is not None:
        lines = text.split("\n", mark.line + 1)
        if mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
            return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "put quotes around text that contains ': '"
    if "expected a single document" in problem:
        return "a lesson file holds one document: remove the extra '---'"
    if "found undefined alias" in problem:
        return "define the anchor (&name) before using the alias (*name)"
    return None


def _size(n: int) -> str:
    if n >= 1 << 20:
        return f"{n / (1 << 20):.1f} MiB".replace(".0 MiB", " MiB")
    if n >= 1024:
        return f"{n / 1024:.0f} KiB"
    return f"{n} bytes"
