"""Where the date rules run: numpy n-gram filters that give exactly the regex scans' matches.

The reference semantics (``patterns.py``) are: every key regex is run with ``finditer`` over
the text, windows are cut around its hits, and the rule regex runs with ``finditer`` in each
window. Thirty-odd scans of every article are slow, and most rule attempts fail at the first
letter. Here the text becomes an array of character codes once; a hash of the first n
characters at each position looks up which keys (and, at word starts, which rules) can match
there, and the regexes are tried only at those positions, in order, skipping positions inside
the previous match: that is what ``finditer`` does, so the matches are the same.

The filters are derived from the regexes themselves (their parse trees), never written by
hand, so a rule edit cannot make them stale. The derivation ships precomputed
(``data/de/dates/filters.json``, made by ``scripts/build_date_filters.py``) with a fingerprint
of the regexes; where that does not match, the filters are derived at start-up. A regex the
analysis does not understand, or a text with characters outside the Basic Multilingual Plane,
takes the plain scan.
"""

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import numpy as np

from factx.dates.patterns import _AFTER, _BEFORE, key_windows, rule_patterns, windows_around

try:  # the parser behind re.compile; only read, to derive filters (see module docstring)
    from re import _constants as _sc
    from re import _parser as _sp
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sc  # type: ignore[no-redef]
    import sre_parse as _sp  # type: ignore[no-redef]

# Head lengths hashed (measured: longer heads save fewer regex attempts than they cost).
_KEY_SIZES = (3, 4, 6)  # keys: the first size also picks the positions looked at at all
_RULE_SIZES = (2, 3, 4, 6)  # rules, at word starts
_MAX_N = max(_KEY_SIZES + _RULE_SIZES)
_FULL_N = 4  # hashes up to this length are computed at every position, longer ones on demand
_HASH = 40503  # odd multiplier of the 16-bit polynomial hash
_REPEATS = {_sc.MAX_REPEAT, _sc.MIN_REPEAT} | (
    {_sc.POSSESSIVE_REPEAT} if hasattr(_sc, "POSSESSIVE_REPEAT") else set()
)
_ZERO_WIDTH = {_sc.AT, _sc.ASSERT, _sc.ASSERT_NOT}
_MAX_PREFIXES = 50_000
_MAX_FILTERED = 62  # regexes per filter: their bits, summed over windows, fit an int64


class _Opaque(Exception):
    """A construct the prefix analysis does not model: the regex takes the plain scan."""


# Character classes by folded code, chosen so that the difference of two neighbours is
# _WORD_START exactly where a \w character follows a character that is neither \w nor ".".
_OTHER, _DOT, _WORD_START = 0, 2, 3


@dataclass(frozen=True)
class _Tables:
    fold: np.ndarray  # uint16 code -> code with every \d as "0" and every \s as " "
    kind: np.ndarray  # uint8 by folded code: 3 for \w, 2 for ".", 0 otherwise
    word: np.ndarray  # bool by folded code: \w


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    # every code point up to U+FFFF once, in order (lone surrogates included)
    bmp = np.arange(0x10000, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")
    fold = np.arange(0x10000, dtype=np.uint16)
    fold[[m.start() for m in re.finditer(r"\d", bmp)]] = ord("0")
    fold[[m.start() for m in re.finditer(r"\s", bmp)]] = ord(" ")
    # every non-word character (and U+0000 itself) becomes U+0000: nonzero codes are \w
    marked = re.sub(r"\W", "\0", bmp).encode("utf-16-le", "surrogatepass")
    word = np.frombuffer(marked, dtype="<u2") != 0
    kind = np.where(word, np.uint8(_WORD_START), np.uint8(_OTHER))
    kind[ord(".")] = _DOT
    return _Tables(fold, kind, word)


def _fold(ch: str) -> str:
    return chr(_tables().fold[ord(ch)]) if ord(ch) < 0x10000 else ch


def _hash(s: str) -> int:
    """The 16-bit hash ``rule_matches`` computes with numpy, for one folded string: the
    polynomial sum(c_i * _HASH**(n-1-i)) mod 2**16, so that the hash of n = a + b characters
    is hash(first a) * _HASH**b + hash(last b)."""
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


def _extend(items, heads: set[str], n: int) -> tuple[set[str], set[str]]:
    """Match ``items`` from each of the (shorter than n) heads: the heads that are still
    shorter than n afterwards, and those that reached n characters on the way."""
    full: set[str] = set()
    for op, av in items:
        if not heads:
            break
        if op in _ZERO_WIDTH:
            continue  # an assertion consumes nothing; ignoring it only widens the filter
        if op is _sc.LITERAL or op is _sc.IN:
            chars = _chars(op, av)
            grown = {h + c for h in heads for c in chars}
            heads = {h for h in grown if len(h) < n}
            full |= grown - heads
        elif op is _sc.SUBPATTERN:
            if av[1] or av[2]:
                raise _Opaque("flags")
            heads, done = _extend(av[3], heads, n)
            full |= done
        elif op is _sc.BRANCH:
            after: set[str] = set()
            for alt in av[1]:
                still, done = _extend(alt, heads, n)
                after |= still
                full |= done
            heads = after
        elif op in _REPEATS:
            low, high, body = av
            after = set(heads) if low == 0 else set()
            count = 0
            while heads and (high == _sc.MAXREPEAT or count < high):
                still, done = _extend(body, heads, n)
                full |= done
                count += 1
                if count >= low:
                    after |= still
                    if still <= heads:
                        break  # a further repeat adds no head
                heads = still
            heads = after
        else:
            raise _Opaque(op)
        if len(heads) + len(full) > _MAX_PREFIXES:
            raise _Opaque("too many prefixes")
    return heads, full


def _parse(pattern: "re.Pattern[str]"):
    """The parse tree of a pattern, or None for flags the analysis does not model."""
    if pattern.flags & ~re.UNICODE:
        return None
    return _sp.parse(pattern.pattern, pattern.flags)


def _heads(tree, n: int) -> frozenset[str] | None:
    try:
        shorter, full = _extend(tree, {""}, n)
    except _Opaque:
        return None
    return frozenset(shorter | full)


def heads_of(pattern: "re.Pattern[str]", n: int) -> frozenset[str] | None:
    """The folded heads of every match of ``pattern``, or None if the analysis gives up.

    A head is the first n characters of a match, or the whole match if it is shorter.
    """
    tree = _parse(pattern)
    return None if tree is None else _heads(tree, n)


def starts_after_boundary(pattern: "re.Pattern[str]") -> bool:
    """Whether every match provably starts at 0 or after a character that is not \\w or "."."""
    tree = _parse(pattern)
    return tree is not None and _after_boundary(tree.data)


def _lookbehind_class(op, av) -> set[str] | None:
    """The class a one-character lookbehind ends with, as strings of its items."""
    if op in (_sc.ASSERT, _sc.ASSERT_NOT) and av[0] == -1 and av[1].data:
        last_op, last_av = av[1].data[-1]
        if last_op is _sc.IN:
            return {str(o) + str(a) for o, a in last_av}
    return None


_WORD_ITEM = f"{_sc.CATEGORY}{_sc.CATEGORY_WORD}"
_DOT_ITEM = f"{_sc.LITERAL}{ord('.')}"
_SPACE_ITEM = f"{_sc.CATEGORY}{_sc.CATEGORY_SPACE}"


def _after_boundary(items) -> bool:
    if not items:
        return False
    op, av = items[0]
    cls = _lookbehind_class(op, av)
    if op is _sc.ASSERT_NOT and cls is not None and len(av[1].data) == 1:
        return _WORD_ITEM in cls and _DOT_ITEM in cls  # (?<![\w.]) or a wider class
    if op is _sc.ASSERT and cls == {_SPACE_ITEM}:
        return True  # (?<=...\s)
    if op is _sc.SUBPATTERN and not av[1] and not av[2]:
        return _after_boundary(av[3].data)
    if op is _sc.BRANCH:
        return all(_after_boundary(alt.data) for alt in av[1])
    return False


@dataclass(frozen=True)
class _Filter:
    """Which regexes (up to _MAX_FILTERED) may match at a position, by the hash of its head."""

    table: np.ndarray  # uint64 by hash of a head (of any length): bit i for regex i
    lengths: tuple[tuple[int, int], ...]  # (head length, bits of the regexes with such heads)
    bits: int  # the regexes in the table
    slow: tuple[int, ...]  # regexes left to the plain scan
    first: np.ndarray  # bool by hash of the first min(sizes) characters of some head (keys)


def _filter(patterns, sizes: tuple[int, ...], at_word_start: bool) -> _Filter:
    """The patterns' heads, each cut to the longest of ``sizes`` it reaches (a head shorter
    than the smallest size leaves the pattern to the plain scan)."""
    word = _tables().word
    table = np.zeros(0x10000, dtype=np.uint64)
    first = np.zeros(0x10000, dtype=bool)
    lengths: dict[int, int] = {}
    bits, slow = 0, []
    for i, rx in enumerate(patterns):
        tree = _parse(rx) if i < _MAX_FILTERED else None
        heads = _heads(tree, max(sizes)) if tree is not None else None
        if heads is not None and min(map(len, heads)) < min(sizes):
            heads = None  # the positions of too short matches are not tested
        if heads is not None and at_word_start:
            # tried only at word starts: every match must begin with a \w character there
            if not _after_boundary(tree.data) or not all(
                ord(h[0]) < 0x10000 and word[ord(h[0])] for h in heads
            ):
                heads = None
        if heads is None:
            slow.append(i)
            continue
        bits |= 1 << i
        for head in heads:
            n = max(size for size in sizes if size <= len(head))
            table[_hash(head[:n])] |= np.uint64(1 << i)
            lengths[n] = lengths.get(n, 0) | 1 << i
            first[_hash(head[: min(sizes)])] = True
    return _Filter(table, tuple(sorted(lengths.items())), bits, tuple(slow), first)


@dataclass(frozen=True)
class _Plan:
    rules: tuple[tuple[str, "re.Pattern[str]"], ...]
    rule_key: tuple[int, ...]  # index into keys
    rule_bits_of_key: tuple[int, ...]  # bit r set for the rules r with that key
    rule_names: tuple[str, ...]
    rule_matchers: tuple[Callable[..., "re.Match[str] | None"], ...]
    keys: tuple["re.Pattern[str]", ...]
    key_matchers: tuple[Callable[..., "re.Match[str] | None"], ...]
    key_filter: _Filter
    rule_filter: _Filter


def _regexes() -> tuple[tuple[tuple[str, "re.Pattern[str]"], ...], tuple["re.Pattern[str]", ...]]:
    """The rules ``(name, regex)`` in priority order, and their distinct keys."""
    rules = tuple((name, rx) for name, (rx, _) in rule_patterns().items())
    keys: dict[str, re.Pattern[str]] = {}
    for _, key in rule_patterns().values():
        keys.setdefault(key.pattern, key)
    return rules, tuple(keys.values())


def fingerprint() -> str:
    """What the filters are derived from: the regexes, the hash settings, Python's Unicode.

    Shipped filters (``data/de/dates/filters.json``) are used only where this matches.
    """
    rules, keys = _regexes()
    digest = hashlib.sha256()
    for rx in (*keys, *(rx for _, rx in rules)):
        digest.update(f"{rx.flags}:{len(rx.pattern)}:{rx.pattern}".encode())
    settings = (_KEY_SIZES, _RULE_SIZES, _HASH, _MAX_PREFIXES, _MAX_FILTERED)
    digest.update(repr((settings, unicodedata.unidata_version)).encode())
    return digest.hexdigest()


def derive_filters() -> dict:
    """The key and rule filters, derived from the regexes now, as JSON-able data.

    ``scripts/build_date_filters.py`` ships this as ``data/de/dates/filters.json``, so that a
    start-up reads it instead of analysing ~60 regexes (~40 ms).
    """
    rules, keys = _regexes()
    return {
        "fingerprint": fingerprint(),
        # also part of the fingerprint; kept apart so that a test can tell a table made on
        # another Python (whose Unicode tables differ) from a stale one
        "unicode": unicodedata.unidata_version,
        "keys": _filter_data(_filter(keys, _KEY_SIZES, at_word_start=False)),
        "rules": _filter_data(_filter([rx for _, rx in rules], _RULE_SIZES, at_word_start=True)),
    }


def _filter_data(flt: _Filter) -> dict:
    hashes = np.flatnonzero(flt.table)
    return {
        "table": [hashes.tolist(), flt.table.take(hashes).tolist()],
        "lengths": [list(pair) for pair in flt.lengths],
        "bits": flt.bits,
        "slow": list(flt.slow),
        "first": np.flatnonzero(flt.first).tolist(),
    }


def _filter_of(data: dict) -> _Filter:
    table = np.zeros(0x10000, dtype=np.uint64)
    hashes, bits = data["table"]
    table[hashes] = np.array(bits, dtype=np.uint64)
    first = np.zeros(0x10000, dtype=bool)
    first[data["first"]] = True
    return _Filter(
        table, tuple(map(tuple, data["lengths"])), data["bits"], tuple(data["slow"]), first
    )


def shipped_filters() -> dict | None:
    """The filters in ``data/de/dates/filters.json``, or None if they are not for these regexes."""
    source = files("factx") / "data" / "de" / "dates" / "filters.json"
    try:
        data = json.loads(source.read_text("utf-8"))
    except FileNotFoundError:
        return None
    return data if data.get("fingerprint") == fingerprint() else None


@lru_cache(maxsize=1)
def _plan() -> _Plan:
    rules, key_list = _regexes()
    patterns = [key.pattern for key in key_list]
    rule_key = tuple(patterns.index(key.pattern) for _, key in rule_patterns().values())
    bits_of_key = [0] * len(key_list)
    for r, k in enumerate(rule_key):
        bits_of_key[k] |= 1 << r
    # derived anew (and identical: tests/test_dates_filters.py) when the regexes have changed
    filters = shipped_filters() or derive_filters()
    return _Plan(
        rules,
        rule_key,
        tuple(bits_of_key),
        tuple(name for name, _ in rules),
        tuple(rx.match for _, rx in rules),
        key_list,
        tuple(rx.match for rx in key_list),
        _filter_of(filters["keys"]),
        _filter_of(filters["rules"]),
    )


def _masks_at(
    flt: _Filter, hashes: list[np.ndarray], positions: np.ndarray, wanted: int = -1
) -> np.ndarray:
    """uint64 masks of the regexes (of those in ``wanted``) one of whose heads hashes like
    the text at each of ``positions``."""
    mask = None
    longest = len(hashes) - 1  # hashes[n] covers every position for n <= longest
    at = {}  # n -> hashes of the n characters at positions
    for n, bits in flt.lengths:
        if not bits & wanted:
            continue
        if n <= longest:
            h = at[n] = hashes[n].take(positions)
        else:  # a longer head: hash of its first `longest` characters, then of the rest
            head = at.get(longest)
            if head is None:
                head = at[longest] = hashes[longest].take(positions)
            h = head * np.uint16(pow(_HASH, n - longest, 0x10000))
            h += hashes[n - longest][longest:].take(positions)
        found = flt.table.take(h)
        mask = found if mask is None else mask | found
    return np.zeros(len(positions), dtype=np.uint64) if mask is None else mask


_BITS: dict[int, tuple[int, ...]] = {}


def _bits(mask: int) -> tuple[int, ...]:
    """The indices of the set bits of mask (memoised: few distinct masks occur)."""
    bits = _BITS.get(mask)
    if bits is None:
        bits = _BITS[mask] = tuple(i for i in range(mask.bit_length()) if mask >> i & 1)
    return bits


def prepare() -> None:
    """Compile the rules and build the filters now rather than at the first text."""
    _plan()


def reference_matches(text: str) -> list[tuple[int, str, "re.Match[str]"]]:
    """(priority, rule, match) for every rule match: the plain scans, the specification."""
    out = []
    for priority, (name, (rx, key)) in enumerate(rule_patterns().items()):
        for start, end in key_windows(key, text):
            out.extend((priority, name, m) for m in rx.finditer(text, start, end))
    return out


def rule_matches(text: str) -> list[tuple[int, str, "re.Match[str]"]]:
    """The matches of ``reference_matches`` (in another order), found by trying the regexes
    only where the n-gram filters let them."""
    if not text:
        return []
    codes = np.frombuffer((text + "\0" * _MAX_N).encode("utf-16-le", "surrogatepass"), "<u2")
    if len(codes) != len(text) + _MAX_N:
        return reference_matches(text)  # characters beyond U+FFFF: code units are not chars
    plan, tables = _plan(), _tables()
    size = len(text)
    folded = tables.fold.take(codes)
    hashes = [folded, folded]  # hashes[n]: hash of the n characters from each position
    for n in range(2, _FULL_N + 1):
        hashes.append(hashes[n - 1][:-1] * np.uint16(_HASH) + folded[n - 1 :])
    windows = _key_windows(text, plan, hashes, size)
    active = 0
    for k, wins in enumerate(windows):
        if wins:
            active |= plan.rule_bits_of_key[k]

    out: list[tuple[int, str, re.Match[str]]] = []
    for r in plan.rule_filter.slow:
        name, rx = plan.rules[r]
        for start, end in windows[plan.rule_key[r]]:
            out.extend((r, name, m) for m in rx.finditer(text, start, end))
    active &= plan.rule_filter.bits
    if not active:
        return out

    # rules: word starts inside the rule's windows where the text fits one of its heads
    kind = tables.kind.take(folded[:size])
    starts = ((kind[1:] - kind[:-1]) == _WORD_START).nonzero()[0] + 1
    if text[0] == "_" or text[0].isalnum():  # \w, where a rule may start too
        starts = np.concatenate(([0], starts))
    rule_mask = _masks_at(plan.rule_filter, hashes, starts, active)
    # bit r is set where rule r's windows cover a position: +bit at each window start, -bit
    # at its end, summed (a rule's windows are disjoint, so no bit carries into another;
    # the rules of one key share its windows)
    edge: dict[int, int] = {}
    rule_windows: list[list[tuple[int, int]]] = [[] for _ in plan.rules]
    for k, wins in enumerate(windows):
        bits = plan.rule_bits_of_key[k] & active
        if bits:
            for r in _bits(bits):
                rule_windows[r] = wins
            for start, end in wins:
                edge[start] = edge.get(start, 0) + bits
                edge[end] = edge.get(end, 0) - bits
    edges = np.zeros(size + 1, dtype=np.int64)  # the sums stay below 2**(rules + 1)
    edges[list(edge)] = list(edge.values())
    rule_mask &= np.cumsum(edges).view(np.uint64).take(starts)
    chosen = rule_mask.nonzero()[0]
    nxt = [0] * len(plan.rules)
    last = [0] * len(plan.rules)
    names, matchers = plan.rule_names, plan.rule_matchers
    positions, masks = starts.take(chosen).tolist(), rule_mask.take(chosen).tolist()
    for pos, mask in zip(positions, masks, strict=True):
        for r in _BITS.get(mask) or _bits(mask):
            if pos < last[r]:
                continue  # inside the rule's previous match, as finditer would skip it
            wins, i = rule_windows[r], nxt[r]
            while wins[i][1] <= pos:
                i += 1
            nxt[r] = i
            m = matchers[r](text, pos, wins[i][1])
            if m is not None:
                last[r] = m.end()
                out.append((r, names[r], m))
    return out


def _key_windows(text: str, plan: _Plan, hashes: list[np.ndarray], size: int) -> list[list]:
    """Each key's windows: ``windows_around`` its ``finditer`` spans over the whole text."""
    windows: list[list[tuple[int, int]]] = [[] for _ in plan.keys]
    # positions where the first characters start some head, then the full test there
    found = plan.key_filter.first.take(hashes[_KEY_SIZES[0]][:size]).nonzero()[0]
    key_mask = _masks_at(plan.key_filter, hashes, found)
    chosen = key_mask.nonzero()[0]
    last = [0] * len(plan.keys)
    matchers = plan.key_matchers
    find = text.find
    positions, masks = found.take(chosen).tolist(), key_mask.take(chosen).tolist()
    for pos, mask in zip(positions, masks, strict=True):
        for k in _BITS.get(mask) or _bits(mask):
            if pos < last[k]:
                continue  # inside the key's previous hit, as finditer would skip it
            m = matchers[k](text, pos)
            if m is not None:
                last[k] = hit_end = m.end()
                # windows_around, inline: the window of this hit, merged into the last one
                # (whose end is a space: if the hit's reach is before it, nothing changes)
                start = pos - _BEFORE if pos > _BEFORE else 0
                wins = windows[k]
                if wins and start <= wins[-1][1] and hit_end + _AFTER <= wins[-1][1]:
                    continue
                end = find(" ", hit_end + _AFTER)
                if end < 0:
                    end = size
                if wins and start <= wins[-1][1]:
                    if end > wins[-1][1]:
                        wins[-1] = (wins[-1][0], end)
                else:
                    wins.append((start, end))
    for k in plan.key_filter.slow:
        windows[k] = windows_around((m.span() for m in plan.keys[k].finditer(text)), text)
    return windows
