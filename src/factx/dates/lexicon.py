"""Date vocabulary and normalisation tables (``data/de/dates/*.json``), loaded once."""

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files


def _load(name: str) -> dict:
    path = files("factx") / "data" / "de" / "dates" / name
    return json.loads(path.read_text(encoding="utf-8"))


def alternation(surfaces, *, word: bool = True) -> str:
    """A regex alternation of surfaces, longest first so that `Sept.` beats `Sep.`.

    Surfaces of one length come in alphabetical order, so that the regex is the same in every
    process (``data/de/dates/filters.json`` is made for it). Their order changes no match: two
    surfaces of one length never both match at one position (their words, and so their
    lengths, would have to be the same).
    """
    body = "|".join(
        re.escape(s).replace(r"\ ", r"\s+")
        for s in sorted(set(surfaces), key=lambda s: (-len(s), s))
    )
    return f"(?:{body})"


@dataclass(frozen=True)
class Lexicon:
    lookup: dict[str, dict[str, str]]  # category -> surface (lower-cased) -> key
    month_no: dict[str, int]
    weekday_no: dict[str, int]
    duration_fmt: dict[str, str]
    set_unit: dict[str, str]
    frequency_set: dict[str, str]
    cues: dict[str, list[str]]

    def key(self, category: str, surface: str) -> str:
        if not surface.isalpha():  # only then can it hold whitespace to collapse
            surface = _SPACES.sub(" ", surface)
        return self.lookup[category][surface.lower()]


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    vocab = _load("vocabulary.json")
    norm = _load("normalisation.json")
    lookup = {
        cat: {s.lower(): key for key, surfaces in groups.items() for s in surfaces}
        for cat, groups in vocab.items()
    }
    return Lexicon(
        lookup=lookup,
        month_no=norm["month"],
        weekday_no=norm["weekday"],
        duration_fmt=norm["unit_duration"],
        set_unit=norm["set_unit"],
        frequency_set=norm["frequency_set"],
        cues=_load("cues.json"),
    )


def surfaces_of(category: str, *, capitalised: bool = False) -> list[str]:
    """All surface forms of a vocabulary category, optionally also sentence-initial ones."""
    out = [s for surfaces in _load("vocabulary.json")[category].values() for s in surfaces]
    return out + [s[:1].upper() + s[1:] for s in out] if capitalised else out
