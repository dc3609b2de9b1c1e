"""Lesson rules beyond types: unique ids, existing source references, sane questions.

They run on the plain data the walker produced (even when it found type errors, so an
author sees everything at once) and skip any part the walker already marked invalid.
Errors are reported at the node of the offending value, via the walker's path map.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from ketatui.content.model import text_id
from ketatui.content.walker import Path_, Walker, close_match


def _dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """(index, item) for the items of a list that came through as mappings."""
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def check_lesson(w: Walker, lesson: dict[str, Any]) -> None:
    """Report every rule a structurally-parsed lesson breaks."""
    sources = lesson.get("sources")
    source_ids = _unique_ids(w, sources, ("sources",), "source")
    # Check references only against a source list that parsed cleanly: a broken source
    # entry is already reported, and would make every reference to it look dangling.
    known: set[str] | None = source_ids
    if ("sources",) in w.keys and not (
        isinstance(sources, list)
        and all(isinstance(s, dict) and isinstance(s.get("id"), str) for s in sources)
    ):
        known = None

    for i, source in _dicts(sources):
        url = source.get("url")
        if isinstance(url, str) and url:
            _check_url(w, url, ("sources", i, "url"))

    pages = lesson.get("pages")
    if isinstance(pages, list) and not pages:
        w.error_at(
            ("pages",),
            "a lesson needs at least one page",
            "add a page with a title and a body",
            key=True,
        )
    for i, page in _dicts(pages):
        path = ("pages", i)
        body = page.get("body", "")
        has_body = isinstance(body, str) and bool(body.strip())
        has_file = page.get("body_file") is not None
        if has_body and has_file:
            w.error_at(
                path,
                "a page has both 'body' and 'body_file'",
                "keep one: the text inline in 'body', or in the file named by 'body_file'",
            )
        elif not has_body and not has_file and not _dropped(w, page, path, "body"):
            w.error_at(path, "a page needs a 'body' or a 'body_file'", "write the page's text")
        _check_refs(w, page.get("sources"), (*path, "sources"), known)

    quiz = lesson.get("quiz")
    if isinstance(quiz, dict):
        questions = quiz.get("questions")
        _unique_ids(w, questions, ("quiz", "questions"), "question")
        for i, q in _dicts(questions):
            qpath = ("quiz", "questions", i)
            _check_question(w, q, qpath)
            _check_refs(w, q.get("sources"), (*qpath, "sources"), known)
            # Pages that failed to parse still count: the page exists, only its content is
            # wrong, and renumbering would make every later `teaches` look wrong too.
            if isinstance(pages, list) and pages:
                _check_teaches(w, q.get("teaches"), (*qpath, "teaches"), len(pages))


def _dropped(w: Walker, data: dict[str, Any], path: Path_, key: str) -> bool:
    """Whether `key` was in the YAML at `path` but its value was invalid (already reported)."""
    return key not in data and (*path, key) in w.keys


def _unique_ids(w: Walker, items: Any, path: Path_, what: str) -> set[str]:
    """Report repeated ids among list items; return the ids seen."""
    first: dict[str, int] = {}
    for i, item in _dicts(items):
        item_id = item.get("id")
        if not isinstance(item_id, str):
            continue
        if item_id in first:
            earlier = w.nodes[(*path, first[item_id], "id")].start_mark.line + 1
            w.error_at(
                (*path, i, "id"),
                f"duplicate {what} id '{item_id}' (first used at line {earlier})",
                f"each {what} in a lesson needs its own id",
            )
        else:
            first[item_id] = i
    return set(first)


def _check_refs(w: Walker, refs: Any, path: Path_, known: set[str] | None) -> None:
    """Every id in a `sources:` list must name one of the lesson's sources."""
    if known is None or not isinstance(refs, list):
        return
    for j, ref in enumerate(refs):
        if isinstance(ref, str) and ref not in known:
            match = close_match(ref, sorted(known))
            if match:
                hint = f"did you mean '{match}'?"
            elif known:
                hint = "the lesson's sources are: " + ", ".join(sorted(known))
            else:
                hint = "add it to the lesson's 'sources:' list"
            w.error_at((*path, j), f"unknown source '{ref}'", hint)


def _check_url(w: Walker, url: str, path: Path_) -> None:
    """A source's `url` must be an address a reader can open: http(s), with a host."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if (
        parts.scheme in ("http", "https")
        and "." in host
        and not any(c.isspace() for c in url)
        and not host.startswith(".")
        and not host.endswith(".")
    ):
        return
    if url.lower().startswith("doi:") or url.startswith("10."):
        doi = url[4:].strip() if url.lower().startswith("doi:") else url
        hint = f"write a DOI as a link: 'https://doi.org/{doi}'"
    elif url.lower().startswith("pmid:") or url.isdigit():
        hint = "write a PMID as a link: 'https://pubmed.ncbi.nlm.nih.gov/<number>/'"
    elif not parts.scheme and "." in url.split("/")[0]:
        hint = f"add the scheme: 'https://{url}'"
    else:
        hint = "give the full address, starting with 'https://', or leave 'url' out"
    w.error_at(path, f"'{url}' is not a well-formed http(s) URL", hint)


def _check_teaches(w: Walker, teaches: Any, path: Path_, n_pages: int) -> None:
    """`teaches:` must name a page of this lesson (the walker already checked it is >= 1)."""
    if isinstance(teaches, int) and not isinstance(teaches, bool) and teaches > n_pages:
        pages = "page" if n_pages == 1 else "pages"
        w.error_at(
            path,
            f"'teaches: {teaches}' names no page: the lesson has {n_pages} {pages}",
            f"use a page number from 1 to {n_pages}" if n_pages > 1 else "use 'teaches: 1'",
        )


def _check_choice_ids(w: Walker, choices: list[dict[str, Any]], where: Path_) -> None:
    """Two choices of one question with the same id (given, or derived from the same
    words): answer records could not tell them apart."""
    first: dict[str, int] = {}
    for i, choice in enumerate(choices):
        given, text = choice.get("id"), choice.get("text")
        if isinstance(given, str):
            key = given
        elif isinstance(text, str):
            key = text_id(text)
        else:
            continue
        if key not in first:
            first[key] = i
            continue
        w.error_at(
            (*where, i, "id" if isinstance(given, str) else "text"),
            f"choice {i + 1} has the same id as choice {first[key] + 1}"
            + ("" if isinstance(given, str) else " (the same words)"),
            "give each choice its own words, or its own 'id'",
        )


def _check_question(w: Walker, q: dict[str, Any], path: Path_) -> None:
    kind = q.get("type")
    if kind in ("single", "multiple"):
        choices = q.get("choices")
        if not isinstance(choices, list):
            return
        where = (*path, "choices")
        if len(choices) < 2:
            w.error_at(
                where,
                f"a choice question needs at least 2 choices, found {len(choices)}",
                "add another choice",
                key=True,
            )
        if not all(isinstance(c, dict) for c in choices) or any(
            _dropped(w, c, (*where, i), "correct") for i, c in enumerate(choices)
        ):
            return  # the walker already reported the broken choice; counting would mislead
        _check_choice_ids(w, choices, where)
        n_correct = sum(1 for c in choices if c.get("correct") is True)
        if kind == "single" and n_correct != 1:
            w.error_at(
                where,
                f"a 'single' question needs exactly one correct choice, found {n_correct}",
                "mark one choice 'correct: true'"
                if n_correct == 0
                else "keep one 'correct: true', or make it 'type: multiple'",
                key=True,
            )
        elif kind == "multiple" and n_correct == 0 and len(choices) >= 2:
            w.error_at(
                where,
                "a 'multiple' question needs at least one correct choice",
                "mark the right choices 'correct: true'",
                key=True,
            )
    elif kind == "order":
        items = q.get("items")
        if isinstance(items, list) and len(items) < 2:
            w.error_at(
                (*path, "items"),
                f"an 'order' question needs at least 2 items, found {len(items)}",
                "list the items in the right order",
                key=True,
            )
    elif kind == "short_answer":
        accepted = q.get("accepted")
        if isinstance(accepted, list) and not accepted:
            w.error_at(
                (*path, "accepted"),
                "a 'short_answer' question needs at least one accepted answer",
                "list the answers that count as right under 'accepted:'",
                key=True,
            )
