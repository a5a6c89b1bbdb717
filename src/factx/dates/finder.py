"""Finding time expressions in a text: candidates, acceptance, overlaps, normalisation."""

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from factx.dates.anchor import Anchor
from factx.dates.arithmetic import valid_day
from factx.dates.lexicon import alternation, load_lexicon
from factx.dates.resolve import NORMALISERS, Context
from factx.dates.scan import rule_matches

Extent = Literal["news", "timex2"]


@dataclass(frozen=True)
class Timex:
    """A time expression found in a text, with its normalised value."""

    start: int
    end: int
    text: str
    value: str | None
    granularity: str | None
    type: str


@lru_cache(maxsize=1)
def _cue_sets() -> dict[str, frozenset[str]]:
    return {name: frozenset(words) for name, words in load_lexicon().cues.items()}


@lru_cache(maxsize=1)
def _preposition_re() -> "re.Pattern[str]":
    """A preposition right before the end: ``(?<![\\w.])(?:am|im|...)(?:\\s+der)?\\s+$``.

    Written as one branch per first letter, with the lookbehind after that letter, so that
    ``re`` skips to candidate letters (a leading lookbehind makes it try every position); the
    positions where it matches are the same.
    """
    rests: dict[str, list[str]] = {}
    for prep in load_lexicon().cues["preposition"]:
        rests.setdefault(prep[0], []).append(prep[1:])
    branches = "|".join(
        re.escape(first) + r"(?<![\w.].)" + alternation(words) for first, words in rests.items()
    )
    return re.compile(rf"(?:{branches})(?:\s+(?:dem|der|den))?\s+$")


_ADJECTIVE_NOUN = re.compile(
    r"[ \t]+(?:weitere|[a-zäöüß]\w*(?:ische|ische[nmrs]|e[nrs]?))\s+[A-ZÄÖÜ]\w*(?:en|er|e|n)\b"
)


def _bare_year_ok(text: str, start: int, end: int) -> bool:
    """A bare four-digit number is a year only with evidence (see module README)."""
    year = int(text[start:end])
    if not 1000 <= year <= 2100:
        return False
    cues = _cue_sets()
    words = text[max(0, start - 40) : start].split()
    prev = words[-1] if words else ""
    prev2 = " ".join(words[-2:])
    after = text[end : end + 40]
    following = after.split()
    nxt = following[0] if following and after[:1].isspace() else ""
    nxt_word = nxt.rstrip(".,;:!?)")
    if prev in cues["reference_noun"] or prev.rstrip(":") in cues["reference_noun"]:
        return False
    if prev.lower() in cues["quantity_before"] or prev2.lower() in cues["quantity_before"]:
        return False
    if nxt_word in cues["unit_after"] or after[:1] in ("%", "€", "$"):
        return False
    if prev in cues["year_before"]:
        return True
    noun_next = nxt_word[:1].isupper() and "\n" not in after[: after.find(nxt_word)]
    if _ADJECTIVE_NOUN.match(after):
        return False  # "1200 russische Soldaten": a count with its adjective and noun
    if prev in cues["article_before"]:
        return bool(nxt_word) and nxt_word[:1].islower()
    return not noun_next


_AFTER_FOR_BARE = frozenset(
    {
        "im",
        "Im",
        "seit",
        "Seit",
        "bis",
        "Bis",
        "ab",
        "Ab",
        "vom",
        "zum",
        "den",
        "des",
        "und",
        "oder",
        "/",
        "Anfang",
        "Mitte",
        "Ende",
        "Sommer",
        "Herbst",
        "Winter",
        "Frühjahr",
        "Frühling",
    }
)
_EINES_TAGES = re.compile(r"[Ee]ine[sr]\s+Tages")
# The rules _accept checks; every other rule's matches are accepted as they are.
_CHECKED = frozenset({"numeric", "iso", "year", "month", "season", "duration"})


def _accept(name: str, m: "re.Match[str]", text: str) -> bool:
    """Checks a regex cannot express: ranges, and evidence for ambiguous forms."""
    if name not in _CHECKED:
        return True
    g = m.groupdict()
    if name == "numeric":
        day, month = int(g["d"]), int(g["m"])
        year = int(g["y"]) if g["y"] and len(g["y"]) == 4 else 2000
        return 1 <= month <= 12 and valid_day(year, month, day)
    if name == "iso":
        return 1 <= int(g["m"]) <= 12 and (
            not g["d"] or valid_day(int(g["y"]), int(g["m"]), int(g["d"]))
        )
    if name == "year":
        if g["jahr"] or g["part"] or "Chr" in g["y"]:
            return True
        return len(g["y"]) == 4 and _bare_year_ok(text, m.start("y"), m.end("y"))
    if name in ("month", "season"):
        if g.get("y") or g.get("ry") or g.get("part") or g.get("mon2"):
            return True
        surface = g.get("mon") or g.get("season") or ""
        if surface.endswith("."):
            return False
        words = text[max(0, m.start() - 20) : m.start()].split()
        prev = words[-1] if words else ""
        if name == "season" or surface == "August":
            return prev in _AFTER_FOR_BARE
        return True
    return not _EINES_TAGES.match(m.group())  # duration


# Years reached by counting from the reference do not move it (a wrong step would carry on).
_RELATIVE_RULES = frozenset({"relunit", "compound", "partunit", "yearpart", "offset", "after"})


def find_timexes(
    text: str,
    anchor: Anchor | None = None,
    *,
    narrative: bool = False,
    extent: Extent = "news",
) -> list[Timex]:
    """Find the time expressions in a German text and normalise them.

    Args:
        text: The text.
        anchor: The publication date relative expressions resolve against; without it they
            get value None.
        narrative: Move the reference time along the absolute dates the text mentions (for
            histories and reports of past events); news text resolves against the anchor.
        extent: `"news"` includes a leading preposition (`am vergangenen Freitag`, `Seit
            April`); `"timex2"` follows the TIMEX2 guidelines and leaves it out.

    Returns:
        Non-overlapping expressions sorted by offset; `text[t.start:t.end] == t.text`.
    """
    candidates = [
        (m.start() - m.end(), priority, m.start(), name, m)
        for priority, name, m in rule_matches(text)
        if m.end() > m.start() and _accept(name, m, text)
    ]
    candidates.sort(key=lambda c: c[:3])
    taken = bytearray(len(text))  # 1 where a chosen expression lies
    chosen = []
    for _, _, start, name, m in candidates:
        end = m.end()
        if taken.find(1, start, end) >= 0:
            continue
        taken[start:end] = b"\1" * (end - start)
        chosen.append((start, name, m))
    chosen.sort(key=lambda c: c[0])

    ctx = Context(text, anchor, narrative)
    preposition = _preposition_re()
    out: list[Timex] = []
    last_end = 0
    for start, name, m in chosen:
        value, granularity, kind, ref = NORMALISERS[name](m, ctx)
        if ref is not None and name not in _RELATIVE_RULES:
            ctx.ref = ref
        if extent == "news":
            window_start = max(last_end, start - 25)
            pre = preposition.search(text, window_start, start)
            if pre:
                start = pre.start()
        end = m.end()
        out.append(Timex(start, end, text[start:end], value, granularity, kind))
        last_end = end
    return out
