"""Compiled regular expressions shipped as data, so that a start-up skips Python's regex parser.

``re.compile`` parses a pattern and turns it into the code its matching engine runs, both in
pure Python: the ~60 date rules cost ~18 ms of every start-up that way. A table made by
``scripts/build_precompiled.py`` holds that code for each pattern text; :func:`compile_all`
hands it to the engine (``_sre.compile``, what ``re.compile`` itself ends with), so the
pattern objects are the ones ``re.compile`` makes, equal to them (``tests/test_precompiled.py``
checks that). A pattern the table does not hold, or a table made on another Python version,
is compiled by ``re.compile``.
"""

import base64
import json
import re
import sys
import zlib
from array import array
from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import files

try:  # the internals re.compile runs; only where this Python is the one that made the table
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - not CPython
    _sre = _compiler = _parser = None  # type: ignore[assignment]


def _words() -> array:
    """An empty array of the engine's code words (``_sre.CODESIZE`` bytes each)."""
    return array(next(t for t in "IL" if array(t).itemsize == _sre.CODESIZE))


def engine() -> dict:
    """What the shipped code is valid for: this interpreter's regex engine version."""
    return {
        # the full version: a bug-fix release may change what the compiler makes of a pattern
        "python": f"{sys.implementation.name}-{'.'.join(map(str, sys.version_info[:3]))}",
        "magic": getattr(_sre, "MAGIC", None),
        "codesize": getattr(_sre, "CODESIZE", None),
        "byteorder": sys.byteorder,
    }


def entry(pattern: str) -> tuple[list, list[int]]:
    """What ``re.compile(pattern)`` hands the engine: ``[flags, groups, groupindex,
    indexgroup]`` and the code words, by the steps of ``re._compiler.compile``."""
    parsed = _parser.parse(pattern, 0)
    code = [int(word) for word in _compiler._code(parsed, 0)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return [parsed.state.flags, parsed.state.groups - 1, groupindex, indexgroup], code


def table(patterns: Sequence[str]) -> dict:
    """The table of ``patterns`` (what ``scripts/build_precompiled.py`` writes).

    ``patterns`` maps each pattern text to ``[flags, groups, groupindex, indexgroup, start,
    length]``: its code is ``length`` words from word ``start`` of ``code``, the code of all
    patterns (base64 of zlib of the words; the rules share most of their alternations, so
    this packs 210 kB into 11 kB).
    """
    words, entries = _words(), {}
    for pattern in dict.fromkeys(patterns):
        meta, code = entry(pattern)
        entries[pattern] = [*meta, len(words), len(code)]
        words.extend(code)
    packed = base64.b64encode(zlib.compress(words.tobytes(), 9)).decode("ascii")
    return {"engine": engine(), "patterns": entries, "code": packed}


@lru_cache(maxsize=8)
def shipped(name: str) -> tuple[dict[str, list], array]:
    """The entries and code words of ``data/de/<name>``; none when made for another engine."""
    path = files("factx") / "data" / "de" / name
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        data = None
    if _sre is None or data is None or data["engine"] != engine():
        return {}, array("I")
    words = _words()
    words.frombytes(zlib.decompress(base64.b64decode(data["code"])))
    return data["patterns"], words


def compile_all(patterns: Sequence[str], name: str) -> list["re.Pattern[str]"]:
    """``re.compile`` of each pattern: from the table ``data/de/<name>`` where it holds it."""
    known, words = shipped(name)
    out = []
    for pattern in patterns:
        found = known.get(pattern)
        if found is None:
            out.append(re.compile(pattern))
            continue
        flags, groups, groupindex, indexgroup, start, length = found
        code = words[start : start + length].tolist()
        out.append(_sre.compile(pattern, flags, code, groups, groupindex, tuple(indexgroup)))
    return out
