"""Faster, identical affix searches for spaCy's tokenizer, split by a word's edge character.

spaCy finds a word's prefix with one regular expression of ~150 alternatives, each anchored by
``^``, and its suffix with one of ~80 alternatives, each anchored by ``$``. Python's ``re``
tries every alternative at every position of the word, so on the 10kGNAD benchmark corpus the
suffix search alone took half of the tokenizer's first-sight time (0.4 of 0.8 s). A suffix
match ends with the word's last character, a prefix match starts with its first: grouping the
alternatives by the characters they can end (start) with, in their original order, gives a
small expression per character that finds exactly the match the whole expression finds (the
same leftmost start, the same alternative, the same span). The URL match needs a ``.``
(every host it accepts has one), so a word without one is no URL.

:func:`speed_up` puts these searches into a tokenizer; the patterns stay spaCy's own (also in
what ``nlp.to_disk`` writes), only how they are searched changes. A pattern of another shape
(a custom tokenizer, another spaCy version) is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

try:  # the parser re itself uses (Python 3.11+; sre_parse before)
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - older Python
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

#: Flags under which a pattern's characters are not what they look like.
_UNSAFE_FLAGS = re.IGNORECASE | re.MULTILINE | re.VERBOSE
#: Items that match without consuming a character.
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT} | (
    {_c.POSSESSIVE_REPEAT} if hasattr(_c, "POSSESSIVE_REPEAT") else set()
)

#: What ``_edge`` returns: the characters a sequence can start (end) with, or None when that
#: can't be told (a category such as ``\w``, a negated class, a back-reference), and whether
#: the sequence can match the empty string.
Edge = tuple[frozenset[str] | None, bool]


def _edge(items: Iterable[tuple[Any, Any]], last: bool) -> Edge:
    """The characters a parsed sequence can start with (``last``: end with)."""
    items = list(items)
    chars: set[str] = set()
    for op, av in reversed(items) if last else items:
        if op in _ZERO_WIDTH:
            continue
        found, empty = _item_edge(op, av, last)
        if found is None:
            return None, False
        chars |= found
        if not empty:
            return frozenset(chars), False
    return frozenset(chars), True


def _item_edge(op: Any, av: Any, last: bool) -> Edge:
    if op is _c.LITERAL:
        return frozenset(chr(av)), False
    if op is _c.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is _c.LITERAL:
                chars.add(chr(value))
            elif kind is _c.RANGE:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:  # NEGATE, CATEGORY: no finite set worth writing out
                return None, False
        return frozenset(chars), False
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, body = av
        if add_flags & _UNSAFE_FLAGS:
            return None, False
        return _edge(body, last)
    if op in _REPEATS:
        low, _high, body = av
        found, empty = _edge(body, last)
        return found, empty or low == 0
    if op is _c.BRANCH:
        chars, empty = set(), False
        for branch in av[1]:
            found, branch_empty = _edge(branch, last)
            if found is None:
                return None, False
            chars |= found
            empty = empty or branch_empty
        return frozenset(chars), empty
    return None, False


def _alternatives(pattern: str) -> list[str] | None:
    """The pattern's top-level alternatives as source text, or None if it can't be split.

    Splitting the text keeps each alternative exactly as written; the split is checked by
    the caller (each part must compile, and the parts must be the parser's alternatives).
    """
    parts, depth, start, i = [], 0, 0, 0
    in_class = False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            # a "]" right after "[" or "[^" is a literal, not the end of the class
            if pattern[i + 1 : i + 2] == "^":
                i += 1
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts if depth == 0 and not in_class else None


class EdgeSearch:
    """``pattern.search`` for a pattern whose alternatives are all anchored at one edge.

    Attributes:
        pattern: The pattern's text (what spaCy's tokenizer writes to disk).
        flags: Its flags.
    """

    def __init__(self, pattern: re.Pattern[str], last: bool) -> None:
        self.pattern = pattern.pattern
        self.flags = pattern.flags
        self.last = last
        self._full = pattern.search
        parts = _alternatives(pattern.pattern)
        if parts is None or len(parts) < 2 or pattern.flags & _UNSAFE_FLAGS:
            raise ValueError("not an alternation this search can split")
        anchor = _c.AT_END if last else _c.AT_BEGINNING
        edges = []
        for part in parts:
            items = list(_p.parse(part, pattern.flags & ~re.UNICODE))
            at = items[-1] if last else items[0]
            if at != (_c.AT, anchor):
                raise ValueError(f"alternative not anchored at the word's edge: {part!r}")
            edges.append(_edge(items[:-1] if last else items[1:], last))
        self._parts = parts
        always = tuple(i for i, (chars, empty) in enumerate(edges) if chars is None or empty)
        by_char: dict[str, list[int]] = {}
        for i, (chars, empty) in enumerate(edges):
            if chars is not None and not empty:
                for ch in chars:
                    by_char.setdefault(ch, []).append(i)
        # Each character's alternatives, in the pattern's order; characters sharing a list
        # share one compiled expression (compiled on first use).
        self._keys: dict[str, tuple[int, ...]] = {
            ch: tuple(sorted(set(own) | set(always))) for ch, own in by_char.items()
        }
        self._default = always
        self._compiled: dict[tuple[int, ...], Callable[[str], re.Match[str] | None]] = {}

    def _search_for(self, key: tuple[int, ...]) -> Callable[[str], re.Match[str] | None]:
        search = self._compiled.get(key)
        if search is None:
            if key:
                expr = "|".join(self._parts[i] for i in key)
                search = re.compile(expr, self.flags).search
            else:
                search = _no_match
            self._compiled[key] = search
        return search

    def search(self, text: str) -> re.Match[str] | None:
        """The match ``pattern.search(text)`` returns."""
        # "$" also matches before a final newline; such rare texts take the whole pattern
        if not text or (self.last and text[-1] == "\n"):
            return self._full(text)
        key = self._keys.get(text[-1] if self.last else text[0], self._default)
        return self._search_for(key)(text)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (re.compile(self.pattern, self.flags), self.last))


class NeedsChars:
    """``pattern.match`` for a pattern every match of which contains certain characters."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern.pattern
        self.flags = pattern.flags
        self._full = pattern.match
        if pattern.flags & re.IGNORECASE:
            raise ValueError("characters differ under IGNORECASE")
        self.needed = sorted(_needed(_p.parse(pattern.pattern, pattern.flags & ~re.UNICODE)))
        if not self.needed:
            raise ValueError("no character every match contains")

    def match(self, text: str) -> re.Match[str] | None:
        """The match ``pattern.match(text)`` returns."""
        for ch in self.needed:
            if ch not in text:
                return None
        return self._full(text)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (re.compile(self.pattern, self.flags),))


def _needed(items: Iterable[tuple[Any, Any]]) -> set[str]:
    """Characters every match of a parsed sequence consumes."""
    needed: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            needed.add(chr(av))
        elif op is _c.IN and len(av) == 1 and av[0][0] is _c.LITERAL:
            needed.add(chr(av[0][1]))
        elif op is _c.SUBPATTERN and not av[1] & _UNSAFE_FLAGS:
            needed |= _needed(av[3])
        elif op in _REPEATS and av[0] >= 1:
            needed |= _needed(av[2])
        elif op is _c.BRANCH:
            needed |= set.intersection(*(_needed(branch) for branch in av[1]))
    return needed


def _no_match(text: str) -> None:
    return None


def speed_up(tokenizer: Any) -> list[str]:
    """Give ``tokenizer`` the faster searches for its prefix, suffix and URL patterns.

    Each is replaced only when its pattern has the shape the faster search relies on;
    returns the names of those replaced. Tokens are the same either way.
    """
    replaced = []
    for name, last in (("prefix_search", False), ("suffix_search", True)):
        search = getattr(tokenizer, name)
        if isinstance(getattr(search, "__self__", None), re.Pattern):
            try:
                setattr(tokenizer, name, EdgeSearch(search.__self__, last).search)
            except (ValueError, re.error):
                continue
            replaced.append(name)
    match = tokenizer.url_match
    if isinstance(getattr(match, "__self__", None), re.Pattern):
        try:
            tokenizer.url_match = NeedsChars(match.__self__).match
        except (ValueError, re.error):
            pass
        else:
            replaced.append("url_match")
    return replaced
