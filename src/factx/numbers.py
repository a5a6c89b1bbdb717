"""German numbers and quantity qualifiers: ``1.500``, ``2,5 Mio.``, ``zwölftausend``, ``rund``.

Pure functions, no spaCy. The vocabulary lives in ``data/de/numbers.json``.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib.resources import files


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    """The number vocabulary table (number words, multipliers, vague quantities, qualifiers)."""
    return json.loads((files("factx") / "data" / "de" / "numbers.json").read_text("utf-8"))


# Digit groups: 1.500 / 10 000 (normal, no-break or thin space) / 10'000 (Swiss) / 4800 / 2,5
_SEP = "[.\u00a0\u202f\u2009 '\u2019]"
DIGITS = rf"\d{{1,3}}(?:{_SEP}\d{{3}})+(?![\d])|\d+(?:,\d+)?(?![\d.,]\d)"


def parse_word(word: str) -> int | None:
    """The value of a German number word: 'zwölftausend' -> 12000, 'dreissig' -> 30.

    Returns None when ``word`` is not a number word.
    """
    w = word.lower().replace("ß", "ss")
    if not w or w in {"und", "ein", "eine"}:
        return None
    voc = vocabulary()
    total, rest = 0, w
    if "tausend" in rest:
        head, _, rest = rest.partition("tausend")
        if head:
            h = _below_thousand(head, voc)
            if h is None:
                return None
        else:
            h = 1
        total += h * 1000
    if rest:
        r = _below_thousand(rest, voc)
        if r is None:
            return None
        total += r
    return total or None


def _below_thousand(w: str, voc: dict) -> int | None:
    total = 0
    if "hundert" in w:
        head, _, w = w.partition("hundert")
        h = _small(head, voc) if head else 1
        if h is None or h > 9:
            return None
        total += h * 100
    if w:
        s = _small(w, voc)
        if s is None:
            return None
        total += s
    return total


def _small(w: str, voc: dict) -> int | None:
    """1..99: 'fünfundzwanzig', 'zwölf', 'zwanzig'."""
    w = w.replace("ß", "ss")
    units = {k.replace("ß", "ss"): v for k, v in voc["units"].items()}
    tens = {k.replace("ß", "ss"): v for k, v in voc["tens"].items()}
    if w in units:
        return units[w]
    if w in tens:
        return tens[w]
    if "und" in w:
        u, _, t = w.partition("und")
        if u in units and units[u] < 10 and t in tens:
            return units[u] + tens[t]
    return None


def parse_digits(text: str) -> int | None:
    """'1.500' -> 1500, '10 000' -> 10000, "10'000" -> 10000, '2,5' -> None (not whole)."""
    t = re.sub(_SEP, "", text)
    if "," in t:
        return None
    return int(t) if t.isdigit() else None


def parse_number(text: str) -> int | None:
    """A number phrase with an optional multiplier: '2,5 Mio.' -> 2500000, 'eine Million'."""
    voc = vocabulary()
    parts = text.split()
    mult = 1
    if len(parts) > 1:
        m = voc["multipliers"].get(parts[-1].lower().rstrip("."))
        if m is None:
            m = voc["multipliers"].get(parts[-1].lower())
        if m is not None:
            mult = m
            parts = parts[:-1]
    head = " ".join(parts)
    lowered = head.lower()
    fractions = voc.get("fractions", {})
    if mult > 1 and lowered.split()[-1:] and lowered.split()[-1] in fractions:
        return round(fractions[lowered.split()[-1]] * mult)  # "eine halbe Million"
    if re.fullmatch(r"\d+,\d+", head):
        if mult == 1:
            return None  # "2,5 Soldaten" is not a head count
        whole, frac = head.split(",")
        return round(float(f"{whole}.{frac}") * mult)
    if head and head[0].isdigit():
        n = parse_digits(head)
        return None if n is None else n * mult
    if head.lower() in {"ein", "eine", "einer"} and mult > 1:
        return mult
    n = parse_word(head)
    return None if n is None else n * mult


def qualifier_kind(word: str) -> str | None:
    """The approx kind of a German qualifier ('rund' -> 'approx', 'bis zu' -> 'at_most')."""
    key = " ".join(word.lower().split())
    return vocabulary()["qualifiers"].get(key)


def vague_floor(text: str) -> int | None:
    """ACLED-style floor for a vague quantity: 'Tausende' -> 1000, 'mehrere hundert' -> 100."""
    key = " ".join(text.lower().split())
    voc = vocabulary()["vague"]
    if key in voc:
        return voc[key]
    # "mehrere/einige/ein paar hundert/tausend": the floor is the multiplier
    words = key.split()
    if len(words) == 2 and words[0].rstrip("nr") in {"mehrere", "einige", "etliche", "wenige"}:
        return voc.get(words[1])
    return None
