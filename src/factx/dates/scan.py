"""Where the date rules run: numpy n-gram filters that give exactly the regex scans' matches.

The reference semantics (``patterns.py``) are: every key regex is run with ``finditer`` over
the text, windows are cut around its hits, and the rule regex runs with ``finditer`` in each
window. Thirty-odd scans of every article are slow, and most rule attempts fail at the first
letter. Here the text becomes an array of character codes once; a hash of the first n
characters at each position looks up which keys (and, at word starts, which rules) can match
there, and the regexes are tried only at those positions, in order, skipping positions inside
the previous match: that is what ``finditer`` does, so the matches are the same.

The filters are derived from the regexes themselves (their parse trees), never written by
hand, so a rule edit cannot make them stale. A regex the analysis does not understand, or a
text with characters outside the Basic Multilingual Plane, takes the plain scan.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from factx.dates.patterns import key_windows, rule_patterns, windows_around

try:  # the parser behind re.compile; only read, to derive filters (see module docstring)
    from re import _constants as _sc
    from re import _parser as _sp
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sc  # type: ignore[no-redef]
    import sre_parse as _sp  # type: ignore[no-redef]

_MAX_N = 4  # characters hashed per position
_HASH = 40503  # odd multiplier of the 16-bit polynomial hash
_REPEATS = {_sc.MAX_REPEAT, _sc.MIN_REPEAT} | (
    {_sc.POSSESSIVE_REPEAT} if hasattr(_sc, "POSSESSIVE_REPEAT") else set()
)
_ZERO_WIDTH = {_sc.AT, _sc.ASSERT, _sc.ASSERT_NOT}
_MAX_PREFIXES = 50_000


class _Opaque(Exception):
    """A construct the prefix analysis does not model: the regex takes the plain scan."""


@dataclass(frozen=True)
class _Tables:
    fold: np.ndarray  # uint16 code -> code with every \d as "0" and every \s as " "
    boundary: np.ndarray  # bool, by folded code: a character \w or "." (no rule starts after it)
    word: np.ndarray  # bool, by folded code: a \w character


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    bmp = "".join(map(chr, range(0x10000)))
    fold = np.arange(0x10000, dtype=np.uint16)
    fold[[m.start() for m in re.finditer(r"\d", bmp)]] = ord("0")
    fold[[m.start() for m in re.finditer(r"\s", bmp)]] = ord(" ")
    word = np.zeros(0x10000, dtype=bool)
    word[[m.start() for m in re.finditer(r"\w", bmp)]] = True
    boundary = word.copy()
    boundary[ord(".")] = True
    return _Tables(fold, boundary, word)


def _fold(ch: str) -> str:
    return chr(_tables().fold[ord(ch)]) if ord(ch) < 0x10000 else ch


def _hash(s: str) -> int:
    """The hash ``_codes_hashes`` computes with numpy, for one folded string."""
    h = 0
    for ch in s:
        h = (h * _HASH + ord(ch)) & 0xFFFF
    return h


def _chars(op, av) -> set[str]:
    if op is _sc.LITERAL:
        return {_fold(chr(av))}
    if op is not _sc.IN:
        raise _Opaque(op)
    out: set[str] = set()
    for o, a in av:
        if o is _sc.LITERAL:
            out.add(_fold(chr(a)))
        elif o is _sc.RANGE and a[1] - a[0] < 512:
            out.update(_fold(chr(c)) for c in range(a[0], a[1] + 1))
        elif o is _sc.CATEGORY and a is _sc.CATEGORY_DIGIT:
            out.add("0")
        elif o is _sc.CATEGORY and a is _sc.CATEGORY_SPACE:
            out.add(" ")
        else:
            raise _Opaque(o)
    return out


def _extend(items, heads: set[str], n: int) -> set[str]:
    """The folded heads (first n characters) after matching ``items`` from each head."""
    for op, av in items:
        if all(len(h) >= n for h in heads):
            return heads
        if op in _ZERO_WIDTH:
            continue  # an assertion consumes nothing; ignoring it only widens the filter
        if op is _sc.LITERAL or op is _sc.IN:
            chars = _chars(op, av)
            heads = {h if len(h) >= n else h + c for h in heads for c in chars}
        elif op is _sc.SUBPATTERN:
            if av[1] or av[2]:
                raise _Opaque("flags")
            heads = _extend(av[3], heads, n)
        elif op is _sc.BRANCH:
            heads = set().union(*(_extend(alt, heads, n) for alt in av[1]))
        elif op in _REPEATS:
            low, high, body = av
            out = set(heads) if low == 0 else set()
            current, count = heads, 0
            while high == _sc.MAXREPEAT or count < high:
                grown = _extend(body, current, n)
                count += 1
                if count >= low:
                    out |= grown
                if grown == current and count >= low:
                    break  # further repeats add nothing (all heads full, or empty body)
                current = grown
            heads = out
        else:
            raise _Opaque(op)
        if len(heads) > _MAX_PREFIXES:
            raise _Opaque("too many prefixes")
    return heads


def heads_of(pattern: "re.Pattern[str]", n: int) -> frozenset[str] | None:
    """The folded first n characters of every match of ``pattern``, or None if unknown.

    A match shorter than n would escape the filter, so n must not exceed the shortest match.
    """
    if pattern.flags & ~re.UNICODE:
        return None
    tree = _sp.parse(pattern.pattern, pattern.flags)
    if tree.getwidth()[0] < n:
        return None
    try:
        heads = _extend(tree, {""}, n)
    except _Opaque:
        return None
    return frozenset(heads) if all(len(h) == n for h in heads) else None


def starts_after_boundary(pattern: "re.Pattern[str]") -> bool:
    """Whether every match provably starts at 0 or after a character that is not \\w or "."."""

    def lookbehind(op, av) -> set[str] | None:
        # the characters the one character before the match may not be / must be
        if op in (_sc.ASSERT, _sc.ASSERT_NOT) and av[0] == -1 and av[1].data:
            last_op, last_av = av[1].data[-1]
            if last_op is _sc.IN:
                return {str(o) + str(a) for o, a in last_av}
        return None

    word = f"{_sc.CATEGORY}{_sc.CATEGORY_WORD}"
    dot = f"{_sc.LITERAL}{ord('.')}"
    space = f"{_sc.CATEGORY}{_sc.CATEGORY_SPACE}"

    def first_ok(items) -> bool:
        if not items:
            return False
        op, av = items[0]
        cls = lookbehind(op, av)
        if op is _sc.ASSERT_NOT and cls is not None and len(av[1].data) == 1:
            return word in cls and dot in cls
        if op is _sc.ASSERT and cls == {space}:
            return True
        if op is _sc.SUBPATTERN and not av[1] and not av[2]:
            return first_ok(av[3].data)
        if op is _sc.BRANCH:
            return all(first_ok(alt.data) for alt in av[1])
        return False

    return first_ok(_sp.parse(pattern.pattern, pattern.flags).data)


@dataclass(frozen=True)
class _Plan:
    rules: tuple[tuple[str, "re.Pattern[str]"], ...]
    rule_key: tuple[int, ...]  # index into keys
    keys: tuple["re.Pattern[str]", ...]
    key_tables: dict[int, np.ndarray]  # n -> uint64 bit mask of keys by hash
    slow_keys: tuple[int, ...]
    rule_tables: dict[int, np.ndarray]  # n -> uint64 bit mask of rules by hash
    slow_rules: tuple[int, ...]


def _table(entries: list[tuple[int, frozenset[str]]]) -> np.ndarray:
    table = np.zeros(0x10000, dtype=np.uint64)
    for bit, heads in entries:
        for head in heads:
            table[_hash(head)] |= np.uint64(1 << bit)
    return table


def _filters(patterns, at_word_start: bool) -> tuple[dict[int, np.ndarray], tuple[int, ...]]:
    """Hash tables (by n) of the patterns' heads, and the patterns left to the plain scan."""
    word = _tables().word
    by_n: dict[int, list[tuple[int, frozenset[str]]]] = {}
    slow = []
    for i, rx in enumerate(patterns):
        n = min(_MAX_N, _sp.parse(rx.pattern, rx.flags).getwidth()[0])
        heads = heads_of(rx, n) if n >= 2 and i < 64 else None
        if heads is not None and at_word_start:
            # tried only at word starts: every match must begin with a \w character there
            if not starts_after_boundary(rx) or not all(
                ord(h[0]) < 0x10000 and word[ord(h[0])] for h in heads
            ):
                heads = None
        if heads is None:
            slow.append(i)
        else:
            by_n.setdefault(n, []).append((i, heads))
    return {n: _table(entries) for n, entries in by_n.items()}, tuple(slow)


@lru_cache(maxsize=1)
def _plan() -> _Plan:
    rules = tuple((name, rx) for name, (rx, _) in rule_patterns().items())
    keys: dict[str, re.Pattern[str]] = {}
    for _, key in rule_patterns().values():
        keys.setdefault(key.pattern, key)
    key_list = tuple(keys.values())
    rule_key = tuple(list(keys).index(key.pattern) for _, key in rule_patterns().values())
    key_tables, slow_keys = _filters(key_list, at_word_start=False)
    rule_tables, slow_rules = _filters([rx for _, rx in rules], at_word_start=True)
    return _Plan(rules, rule_key, key_list, key_tables, slow_keys, rule_tables, slow_rules)


@lru_cache(maxsize=4096)
def _bits(mask: int) -> tuple[int, ...]:
    return tuple(i for i in range(mask.bit_length()) if mask >> i & 1)


def reference_matches(text: str) -> list[tuple[int, str, "re.Match[str]"]]:
    """(priority, rule, match) for every rule match: the plain scans, the specification."""
    out = []
    for priority, (name, (rx, key)) in enumerate(rule_patterns().items()):
        for start, end in key_windows(key, text):
            out.extend((priority, name, m) for m in rx.finditer(text, start, end))
    return out


def rule_matches(text: str) -> list[tuple[int, str, "re.Match[str]"]]:
    """The same matches as ``reference_matches``, found by trying the regexes only where
    the n-gram filters allow (order of the list may differ)."""
    if not text:
        return []
    codes = np.frombuffer((text + "\0" * _MAX_N).encode("utf-16-le", "surrogatepass"), "<u2")
    if len(codes) != len(text) + _MAX_N:
        return reference_matches(text)  # characters beyond U+FFFF: code units are not chars
    plan, tables = _plan(), _tables()
    size = len(text)
    folded = tables.fold[codes]
    hashes = {1: folded}
    for n in range(2, _MAX_N + 1):
        prev = hashes[n - 1]
        hashes[n] = prev[:-1] * np.uint16(_HASH) + folded[n - 1 :]

    # keys: every position whose first n characters hash into a key's heads
    key_mask = np.zeros(size, dtype=np.uint64)
    for n, table in plan.key_tables.items():
        key_mask |= table[hashes[n][:size]]
    hits: list[list[tuple[int, int]]] = [[] for _ in plan.keys]
    last = [0] * len(plan.keys)
    found = np.flatnonzero(key_mask)
    matchers = [k.match for k in plan.keys]
    for pos, mask in zip(found.tolist(), key_mask[found].tolist(), strict=True):
        for k in _bits(mask):
            if pos >= last[k]:
                m = matchers[k](text, pos)
                if m is not None:
                    last[k] = m.end()
                    hits[k].append((pos, last[k]))
    for k in plan.slow_keys:
        hits[k] = [m.span() for m in plan.keys[k].finditer(text)]
    key_windows = [windows_around(h, text) for h in hits]

    out: list[tuple[int, str, re.Match[str]]] = []
    for r in plan.slow_rules:
        name, rx = plan.rules[r]
        for start, end in key_windows[plan.rule_key[r]]:
            out.extend((r, name, m) for m in rx.finditer(text, start, end))

    # rules: word starts inside the rule's windows whose first n characters fit the rule
    bounds = tables.boundary[folded[: size - 1]]
    starts = np.flatnonzero(~bounds & tables.word[folded[1:size]]) + 1
    if tables.word[folded[0]]:
        starts = np.concatenate(([0], starts))
    if not len(starts):
        return out
    rule_mask = np.zeros(len(starts), dtype=np.uint64)
    for n, table in plan.rule_tables.items():
        rule_mask |= table[hashes[n][starts]]
    # bit r set where rule r's windows cover a position: +bit at each window start, -bit at
    # its end, summed (a rule's windows are disjoint, so bits never carry)
    slow = set(plan.slow_rules)
    rule_windows = []
    edge: dict[int, int] = {}
    for r in range(len(plan.rules)):
        wins = key_windows[plan.rule_key[r]] if r not in slow else []
        rule_windows.append(wins)
        for start, end in wins:
            edge[start] = (edge.get(start, 0) + (1 << r)) % 2**64
            edge[end] = (edge.get(end, 0) - (1 << r)) % 2**64
    edges = np.zeros(size + 1, dtype=np.uint64)
    edges[list(edge)] = list(edge.values())
    rule_mask &= np.cumsum(edges, dtype=np.uint64)[starts]
    chosen = np.flatnonzero(rule_mask)
    nxt = [0] * len(plan.rules)
    last = [0] * len(plan.rules)
    for pos, mask in zip(starts[chosen].tolist(), rule_mask[chosen].tolist(), strict=True):
        for r in _bits(mask):
            if pos < last[r]:
                continue
            wins, i = rule_windows[r], nxt[r]
            while wins[i][1] <= pos:
                i += 1
            nxt[r] = i
            name, rx = plan.rules[r]
            m = rx.match(text, pos, wins[i][1])
            if m is not None:
                last[r] = m.end()
                out.append((r, name, m))
    return out
