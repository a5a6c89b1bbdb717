"""Find quantity phrases in German text: qualifier, number, modifiers and the counted noun.

``"rund 12.000 nordkoreanische Soldaten"`` → qualifier ``rund``, number 12000, modifier
``nordkoreanische``, noun ``Soldaten``. This module only reads the phrase; deciding whether it
counts troops (the noun's class, elided nouns, context) is the ``factx_counts`` component's job.
Pure functions, no spaCy; the unit vocabulary is ``data/de/units.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from factx.numbers import DIGITS, parse_number, qualifier_kind, vague_floor, vocabulary

# Words that may stand between the number and the noun: adjectives and participles
# ("nordkoreanische", "weitere", "stationierten"), but not articles, pronouns or verbs.
_FUNCTION_WORDS = (
    "der die das den dem des ein eine einer einen einem eines und oder sowie aber von vom zu zur "
    "zum mit nach aus in im an am auf bei für gegen über unter vor hinter seine seiner seinen "
    "seinem ihre ihrer ihren ihrem unsere deren dessen diese dieser diesen diesem jene welche "
    "sind seien waren wären werden wurden würden haben hatten hätten habe sollen sollten "
    "könnte könnten müssen wollen wird wurde ist war sei hat hatte soll will kann muss bis je "
    "pro als wie etwa rund nur noch schon bereits mehr weniger insgesamt jeweils alle allein "
    "sie er es wir ihr man dass ob wenn weil denn nicht keine kein keinen davon darunter "
    "jahre jahren jahr stunden tage tagen wochen monate monaten prozent euro dollar"
).split()

_MOD = (
    # a place phrase inside the modifiers: "28.500 in Südkorea stationierte US-Soldaten"
    r"(?:(?:in|im|aus|an|am|auf|nach)\s+(?:(?:der|den|dem|die)\s+)?[A-ZÄÖÜ][\w\-]+"
    r"(?=\s+[a-zäöüß]\w*e[nrsm]?\s)"
    r"|(?!(?:" + "|".join(_FUNCTION_WORDS) + r")\b)"
    r"(?:[a-zäöüß][\w\-]*?(?:e|en|er|es|em)|[A-ZÄÖÜ]{2,}-[a-zäöüß]+(?:e|en|er|es|em)"
    r"|ukrainische[nrsm]?|\([^()\s]{1,20}\)))"
)
_NOUN = (
    r"[A-ZÄÖÜ]\w*(?:-\w+)*(?:-\s+(?:und|oder)\s+[A-ZÄÖÜ]\w*(?:-\w+)*)?"
    r"(?::innen|\*innen|_innen|/innen)?"
)
_QUAL = (
    r"(?i:weit\s+mehr\s+als|deutlich\s+mehr\s+als|nicht\s+mehr\s+als|mehr\s+als|weniger\s+als|"
    r"weit\s+über|über|gut|knapp|fast|beinahe|rund|etwa|ca\.|circa|zirka|ungefähr|"
    r"schätzungsweise|geschätzte?|mindestens|wenigstens|bis\s+zu|maximal|höchstens|annähernd|nahezu|eher|"
    r"an\s+die)"
)
_MULT = r"(?:Millionen|Million|Mio\.|Milliarden|Mrd\.|[Tt]ausend)"
_VAGUE = (
    r"(?i:(?:mehrere[nr]?|einige[nr]?|etliche[nr]?|wenige[nr]?|ein\s+paar)\s+"
    r"(?:hundert|tausend|zehntausend|dutzend)"
    r"|dutzende[n]?|hunderttausende[nr]?|zehntausende[nr]?|hunderte[n]?|tausende[n]?"
    r"|zigtausende[n]?|zigtausend|zig)"
)


_VERB_UEBER = re.compile(r"\bverf[üu]g\w*\s+$")


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    voc = vocabulary()
    atoms = sorted(
        {w.replace("ß", s) for w in (*voc["units"], *voc["tens"]) for s in ("ß", "ss")}
        | {"hundert", "tausend", "und"},
        key=len,
        reverse=True,
    )
    word = r"(?i:(?!(?:und|ein|eins)\b)(?:" + "|".join(atoms) + r")+)"
    num = (
        rf"(?:(?:{DIGITS})(?:\s*{_MULT})?(?![\w])|(?i:eine?)\s+(?:Million|Millionen|Dutzend)"
        rf"|(?i:(?:eine\s+)?halbe|anderthalb|eineinhalb|zweieinhalb|dreieinhalb)\s+"
        rf"(?:Million|Millionen|[Tt]ausend)"
        rf"|{word}(?:\s*(?:{_MULT}|Dutzend))?)"
    )
    return re.compile(
        rf"(?<![\w.,:/\-'’\u00a0\u202f])"
        rf"(?:(?P<between>(?i:zwischen))\s+|(?P<qual>{_QUAL})\s+)?"
        rf"(?P<more>(?i:weitere[n]?|zusätzliche[n]?)\s+)?"
        rf"(?:(?P<vague>{_VAGUE})|(?P<num>{num})"
        rf"(?:\s*(?P<rsep>-?\s*bis|–|—|-|und)\s*(?P<num2>{num}))?)"
        rf"(?![\w:\-])"
        rf"(?P<tail>(?P<mods>(?:[^\S\n]+{_MOD}){{0,4}})[^\S\n]+(?P<noun>{_NOUN})"
        rf"(?P<more_nouns>(?:\s+(?:und|sowie|oder)\s+(?:{_NOUN}))?)"
        rf"(?P<after>\s+(?:der|des)\s+{_NOUN})?)?"
    )


@lru_cache(maxsize=1)
def units() -> dict:
    """The unit vocabulary table."""
    return json.loads((files("factx") / "data" / "de" / "units.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _unit_index() -> tuple[dict[str, tuple[str, str]], list[tuple[str, str]], frozenset[str]]:
    table = units()
    index: dict[str, tuple[str, str]] = {}
    for cls in ("military", "casualties", "needs_force_context"):
        for canon, forms in table[cls].items():
            for form in forms:
                index[form] = (canon, cls)
    for form, canon in table["personnel_context"].items():
        index[form] = (canon, "personnel")
    suffixes = sorted(table["compound_suffixes"].items(), key=lambda kv: -len(kv[0]))
    return index, suffixes, frozenset(table["compound_exclude"])


def classify_noun(noun: str) -> tuple[str, str] | None:
    """``(canonical unit, class)`` for a counted noun, class in military/casualties/personnel."""
    index, suffixes, exclude = _unit_index()
    if noun in index:
        return index[noun]
    noun = noun.split()[-1]  # "Zeit- und Berufssoldaten" -> "Berufssoldaten"
    if noun in index:
        return index[noun]
    if noun in exclude:
        return None
    low = noun.lower()
    for suffix, canon in suffixes:
        if low.endswith(suffix) and len(low) > len(suffix):
            return canon, "military"
    return None


@dataclass
class QuantityMatch:
    """A number phrase with the noun that follows it (if any)."""

    start: int  # start of the qualifier or number
    end: int  # end of the number phrase (qualifier + number [+ range])
    value: int | None
    min: int | None
    max: int | None
    approx: str | bool
    qualifier: str | None
    additional: bool  # "weitere 2000", "2000 weitere"
    noun: str | None  # the word after the number phrase and its modifiers
    noun_start: int | None
    noun_end: int | None
    mods: str  # the words between number and noun
    phrase_end: int  # end of the whole phrase including the noun (and "und Grenzschützern")


@lru_cache(maxsize=1)
def _anchors() -> re.Pattern[str]:
    """Where a number phrase can be: digits and number words (a cheap scan first)."""
    voc = vocabulary()
    words = {w.replace("ß", s) for w in (*voc["units"], *voc["tens"]) for s in ("ß", "ss")}
    words -= {"ein", "eins"}  # "eine Million" is found by "Million"
    words |= {"hundert", "tausend", "dutzend", "zig", "million", "millionen"}
    alt = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(rf"\d+|(?i:\b(?:{alt}|zehntausend|hunderttausend))")


# A number phrase starts at most this far before its first digit or number word
# ("deutlich mehr als 2000"), and ends at most this far after it (modifiers and noun).
_BEFORE, _AFTER = 40, 200


def find_quantities(text: str) -> list[QuantityMatch]:
    """Every number phrase in ``text`` with its qualifier and following noun.

    The full pattern is tried only around digits and number words, not at every character.
    """
    pattern = _pattern()
    out = []
    pos = 0
    for a in _anchors().finditer(text):
        if a.start() < pos:
            continue
        end = text.find(" ", a.end() + _AFTER)
        m = pattern.search(text, max(pos, a.start() - _BEFORE), len(text) if end < 0 else end)
        if m is None:
            continue
        q = _build(m)
        if q is None and m.start() < a.start():
            # something number-like before the anchor that is no number: retry at the anchor
            m = pattern.search(text, a.start(), len(text) if end < 0 else end)
            if m is None:
                continue
            q = _build(m)
        pos = m.end()
        if q is not None:
            out.append(q)
    return out


def _build(m: re.Match[str]) -> QuantityMatch | None:
    qual = m.group("qual")
    between = m.group("between")
    approx: str | bool = False
    value = lo = hi = None
    if m.group("vague"):
        floor = vague_floor(m.group("vague"))
        if floor is None:
            return None
        approx, lo = "vague", floor
        end = m.end("vague")
    else:
        value = parse_number(m.group("num"))
        if value is None:
            return None
        end = m.end("num")
        lo = hi = value
        if m.group("num2"):
            sep = m.group("rsep")
            v2 = parse_number(m.group("num2"))
            if v2 is not None and (sep != "und" or between):
                # "60- bis 70.000": the first number borrows the magnitude of the second
                if v2 > value and value < 1000 <= v2 and v2 % 1000 == 0 and value * 1000 <= v2:
                    value *= 1000
                if v2 > value:
                    lo, hi, approx, end = value, v2, "range", m.end("num2")
        if between and approx != "range":
            return None
    mods = m.group("mods") or ""
    noun = m.group("noun")
    if qual and qual.lower() == "über" and _VERB_UEBER.search(m.string, 0, m.start("qual")):
        qual = None  # "verfügt über 2,5 Mio. Soldaten": the verb's particle, not a qualifier
    if qual and approx is False:
        approx = qualifier_kind(qual) or "approx"
        if approx == "at_least":
            hi = None
        elif approx == "at_most":
            lo = None
    number_start = m.start("vague") if m.group("vague") else m.start("num")
    start = m.start("between") if between else m.start("qual") if qual else number_start
    additional = bool(m.group("more")) or bool(re.match(r"\s+(?:weitere|zusätzliche)", mods))
    phrase_end = end
    if noun:
        phrase_end = m.end("noun")
        if m.group("more_nouns"):
            phrase_end = m.end("more_nouns")
    return QuantityMatch(
        start=start,
        end=end,
        value=value,
        min=lo,
        max=hi,
        approx=approx,
        qualifier=" ".join(qual.split()) if qual else ("zwischen" if between else None),
        additional=additional,
        noun=noun,
        noun_start=m.start("noun") if noun else None,
        noun_end=m.end("noun") if noun else None,
        mods=mods.strip(),
        phrase_end=phrase_end,
    )


__all__ = ["QuantityMatch", "classify_noun", "find_quantities", "units"]
