"""German time expressions: find dates, times, durations and sets and normalise them to ISO."""

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Literal

__all__ = ["Anchor", "Timex", "find_timexes", "parse_anchor"]

Extent = Literal["news", "timex2"]


@dataclass(frozen=True)
class Anchor:
    """The publication date a text is resolved against, at the precision it is known."""

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None

    @property
    def granularity(self) -> str:
        """`"year"`, `"month"`, `"day"` or `"datetime"`."""
        if self.month is None:
            return "year"
        if self.day is None:
            return "month"
        return "day" if self.hour is None else "datetime"

    def iso(self) -> str:
        """ISO 8601 at the anchor's own precision, e.g. `"2024-10"` or `"2024-10-23T16:03"`."""
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
            if self.day is not None:
                out += f"-{self.day:02d}"
                if self.hour is not None:
                    out += f"T{self.hour:02d}:{self.minute or 0:02d}"
        return out


_ANCHOR_RE = re.compile(
    r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?)?)?"
)


def parse_anchor(value: str) -> Anchor:
    """Parse a publication date given as `2024`, `2024-10`, `2024-10-23` or an ISO datetime.

    A German calendar date with a year (`23.10.2024`, `23. Oktober 2024`, `Oktober 2024`) is
    also accepted, read by `dateparser`; relative words (`gestern`) are not.

    Args:
        value: The date, e.g. `"2024-10-23T16:03:00+02:00"`; seconds and offset are dropped.

    Returns:
        The anchor at the precision given.

    Raises:
        ValueError: If the value is not such a date or names an impossible day.
    """
    m = _ANCHOR_RE.fullmatch(value.strip())
    if not m:
        return _parse_german_anchor(value)
    year, month, day, hour, minute = (int(g) if g else None for g in m.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"no month {month} in {value!r}")
    if day is not None:
        dt.date(year, month or 1, day)  # raises ValueError for 2024-02-30
    if hour is not None and (hour > 23 or (minute or 0) > 59):
        raise ValueError(f"no time {hour}:{minute} in {value!r}")
    return Anchor(year, month, day, hour, minute)


def _parse_german_anchor(value: str) -> Anchor:
    if not re.search(r"(?<!\d)\d{4}(?!\d)", value):
        raise ValueError(f"not a date with a year: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    from dateparser.date import DateDataParser  # slow to import: only for non-ISO input

    data = DateDataParser(languages=["de"]).get_date_data(value.strip())
    when = data.date_obj
    if when is None:
        raise ValueError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    if data.period == "year":
        return Anchor(when.year)
    if data.period == "month":
        return Anchor(when.year, when.month)
    if re.search(r"\d:\d\d", value):
        return Anchor(when.year, when.month, when.day, when.hour, when.minute)
    return Anchor(when.year, when.month, when.day)


@dataclass(frozen=True)
class Timex:
    """A time expression found in a text, with its normalised value."""

    start: int
    end: int
    text: str
    value: str | None
    granularity: str | None
    type: str


# --- data -------------------------------------------------------------------------------------


def _load(name: str) -> dict:
    path = files("factx") / "data" / "de" / "dates" / name
    return json.loads(path.read_text(encoding="utf-8"))


def _alt(surfaces, *, word: bool = True) -> str:
    """A regex alternation of surfaces, longest first so that `Sept.` beats `Sep.`."""
    body = "|".join(
        re.escape(s).replace(r"\ ", r"\s+") for s in sorted(set(surfaces), key=len)[::-1]
    )
    return f"(?:{body})"


@dataclass(frozen=True)
class _Lexicon:
    lookup: dict[str, dict[str, str]]  # category -> surface (lower-cased) -> key
    month_no: dict[str, int]
    weekday_no: dict[str, int]
    duration_fmt: dict[str, str]
    set_unit: dict[str, str]
    frequency_set: dict[str, str]
    cues: dict[str, list[str]]

    def key(self, category: str, surface: str) -> str:
        return self.lookup[category][re.sub(r"\s+", " ", surface).lower()]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    vocab = _load("vocabulary.json")
    norm = _load("normalisation.json")
    lookup = {
        cat: {s.lower(): key for key, surfaces in groups.items() for s in surfaces}
        for cat, groups in vocab.items()
    }
    return _Lexicon(
        lookup=lookup,
        month_no=norm["month"],
        weekday_no=norm["weekday"],
        duration_fmt=norm["unit_duration"],
        set_unit=norm["set_unit"],
        frequency_set=norm["frequency_set"],
        cues=_load("cues.json"),
    )


def _surfaces(category: str, *, capitalised: bool = False) -> list[str]:
    """All surface forms of a vocabulary category, optionally also sentence-initial ones."""
    out = [s for surfaces in _load("vocabulary.json")[category].values() for s in surfaces]
    return out + [s[:1].upper() + s[1:] for s in out] if capitalised else out


# --- patterns ---------------------------------------------------------------------------------

_B = r"(?<![\w.])"  # left word boundary that also refuses "1.500" and "z.B."
_E = r"(?![\w])"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, tuple["re.Pattern[str]", "re.Pattern[str]"]]:
    lex = _lexicon()
    month_full = [s for s in _surfaces("month") if not s.endswith(".")]
    month = _alt(_surfaces("month"))
    weekday = _alt(_surfaces("weekday"))
    num = r"(?:\d{1,3}|" + _alt(_surfaces("number", capitalised=True)) + ")"
    vague_num = _alt(_surfaces("vague_number", capitalised=True))
    season = _alt(_surfaces("season"))
    season_c = _alt(_surfaces("season_compound"))
    part = _alt(_surfaces("part"))
    rel = _alt(_surfaces("relative", capitalised=True))
    day_part = _alt(_surfaces("day_part"))
    day_part_adv = _alt(_surfaces("day_part_adverb"))
    ordinal = _alt(_surfaces("ordinal"))
    unit = _alt(_surfaces("unit"))
    year_x = r"(?:\d{1,4}\s?v\.\s?Chr\.|\d{1,4}\s?n\.\s?Chr\.|\d{3,4}(?!\d|[.,]\d))"
    rel_year = rf"(?P<ry>(?:des\s+)?(?:{rel}\s+)?Jahres|desselben\s+Jahres)"
    part_pre = rf"(?:(?P<part>{part})\s+(?:(?:des|der|dem)\s+)?)?"
    tz = (
        r"(?:\s+(?:mitteleuropäischer|MEZ|MESZ|Ortszeit|osteuropäischer|Moskauer)"
        r"(?:\s+(?:Sommer)?[Zz]eit)?)?"
    )
    year_part_c = _alt(_surfaces("year_part_compound"))
    frequency = _alt(_surfaces("frequency") + _surfaces("weekday_adverb", capitalised=True))
    approx = r"(?:(?:etwa|rund|knapp|fast|gut|ungefähr)\s+)?"
    clock = rf"(?P<hh>[01]?\d|2[0-4])(?:[:.](?P<mm>[0-5]\d))?\s*Uhr(?:\s+(?P<mm2>[0-5]\d))?{tz}"
    day = r"(?P<d>0?[1-9]|[12]\d|3[01])\."
    wd_pre = rf"(?:(?P<wd>{weekday}),?\s+(?:(?:den|dem)\s+)?)?"
    dp_pre = rf"(?:(?:(?:frühen|späten)\s+)?(?P<dp>{day_part})\s+(?:des|vom)\s+)?"
    p = {
        "numeric": rf"{_B}{wd_pre}(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?P<y>\d{{4}}|\d{{2}})?(?!\d)"
        rf"(?:(?:,|\s+-|\s+um)?\s+(?P<hh>[01]?\d|2[0-3])[:.](?P<mm>[0-5]\d)(?:\s*Uhr)?{_E})?",
        "iso": r"(?<![\w.-])(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2})"
        r"(?:T(?P<hh>\d{2}):(?P<mm>\d{2})(?::\d{2})?)?)?(?![\w-])",
        "daymonth": rf"{_B}{dp_pre}{part_pre}{wd_pre}{day}\s*(?P<mon>{month})"
        rf"(?:,?\s+(?P<y>{year_x})|\s+{rel_year})?(?![\w-])"
        rf"(?:,?\s+{clock}|\s+(?P<dpa>{day_part_adv}){_E})?",
        "coordday": rf"{_B}(?:(?P<dp>Nacht)\s+vom\s+)?{day}(?=\s*(?:und|bis|oder|–|-|/|,|auf\s+den)"
        rf"\s*(?:zum\s+|zur\s+|den\s+)?(?P<d2>\d{{1,2}})\.\s*(?P<mon2>{month})"
        rf"(?:\s+(?P<y2>{year_x}))?)",
        "bareday": rf"(?:(?<=\b[Aa]m\s)|(?<=\b[Vv]om\s)|(?<=\bzum\s)){day}(?!\s*(?:\d|[A-ZÄÖÜ]))",
        "month": rf"{_B}{part_pre}(?P<mon>{month})(?:\s*(?:/|–|-)\s*(?P<mon2>{month}))?"
        rf"(?:,?\s+(?P<y>{year_x})|\s+{rel_year})?(?![\w-])",
        "year": rf"{_B}{part_pre}(?P<jahr>(?:(?:das|dem)\s+)?Jahr(?:e|es)?\s+)?(?P<y>{year_x})"
        rf"(?![\w-]|\.\d|,\d)",
        "season": rf"{_B}{part_pre}(?:(?:späten|frühen)\s+)?(?P<season>{season}|{season_c})"
        rf"(?:\s+(?:des\s+Jahres\s+)?(?P<y>{year_x})|\s+{rel_year})?{_E}",
        "yearpart": rf"{_B}(?P<ypc>{year_part_c})(?:\s+(?P<y>{year_x}))?{_E}",
        "decade": rf"{_B}(?:(?P<part>Anfang|Mitte|Ende)\s+)?(?:(?:den|die|der)\s+)?"
        rf"(?P<dec>(?:1\d|20)?\d0)er(?:\s*-\s*|\s+)?Jahren?{_E}",
        "century": rf"{_B}{part_pre}(?:(?:des|dem|das)\s+)?(?P<c>\d{{1,2}})\.\s*"
        rf"(?:Jahrhunderts?|Jh\.)"
        rf"(?:\s+(?P<bc>v\.\s?Chr\.)|\s+n\.\s?Chr\.)?",
        "quarter": rf"{_B}(?P<q>{ordinal})\s+(?:Quartal|Quartals|Vierteljahr|Vierteljahres)"
        rf"(?:\s+(?P<y>{year_x})|\s+{rel_year})?{_E}",
        "half": rf"{_B}(?P<h>ersten|erste|zweiten|zweite|1\.|2\.)\s+(?:Jahreshälfte|Halbjahr|"
        rf"Halbjahres|Hälfte\s+des\s+Jahres)(?:\s+(?P<y>{year_x})|\s+{rel_year})?{_E}",
        "deictic": rf"{_B}(?P<deix>heute|Heute|gestern|Gestern|vorgestern|Vorgestern|morgen|"
        rf"übermorgen|Übermorgen)(?:\s+(?P<dp>{day_part}|früh))?{_E}",
        "weekday": rf"{_B}(?:(?P<rel>{rel})\s+)?(?P<wd>{weekday})(?P<dpc>morgen|vormittag|mittag|"
        rf"nachmittag|abend|nacht)?(?:\s+(?P<dpa>{day_part_adv}))?{_E}",
        "relunit": rf"{_B}{part_pre}(?:(?:der|die|dem|den|des|das)\s+)?(?P<rel>{rel})\s+"
        rf"(?P<unit>Woche|Wochenende|Monat|Monats|Jahr|Jahres|Jahrzehnt|Jahrzehnts|Tag|Tages|"
        rf"Quartal|Quartals)(?:\s+(?P<dp>{day_part}))?{_E}",
        "partunit": rf"{_B}(?P<part>{part})\s+(?:des|der|dem)\s+(?P<unit>Jahres|Monats|Tages|Woche)"
        rf"(?:\s+(?P<y>{year_x}))?{_E}",
        "compound": rf"{_B}(?P<comp>{_alt(_surfaces('unit_compound'))}){_E}",
        "weekend": rf"(?:(?<=\b[Aa]m\s)|(?<=\b[Üü]bers\s))(?P<we>Wochenende){_E}",
        "ago": rf"{_B}(?P<ago>[Vv]or)\s+(?:(?P<n>{num}|{vague_num})\s+)?(?P<unit>{unit}){_E}",
        "offset": rf"{_B}{approx}(?:(?P<n>{num}|{vague_num})\s+)?"
        rf"(?:(?:halbes|halben)\s+)?(?P<unit>{unit})\s+(?P<dir>später|danach|darauf|zuvor|vorher|"
        rf"früher|davor){_E}",
        "after": rf"{_B}(?P<nach>[Nn]ach)\s+{approx}"
        rf"(?P<n>{num}|{vague_num})\s+(?P<unit>{unit}){_E}",
        "duration": rf"{_B}(?:(?P<mod>etwa|rund|knapp|fast|mehr\s+als|über|weniger\s+als|gut|"
        rf"mindestens|ungefähr|ca\.|Etwa|Rund|Knapp|Fast|Mehr\s+als|Über|Gut|Mindestens)\s+)?"
        rf"(?P<n>{num}|{vague_num}|anderthalb|eineinhalb)\s+(?:(?:halbes|halben|halbe|"
        rf"aufeinanderfolgenden|ganzen|ganze|ganzes|vollen|volle|langen)\s+)?(?P<unit>{unit})"
        rf"(?:\s+und\s+(?P<n2>{num})\s+(?P<unit2>{unit}))?(?P<lang>\s+lang)?{_E}",
        "relplural": rf"{_B}(?:(?:den|die|der)\s+)?(?P<rel>{rel})\s+(?:(?P<n>{num}|beiden)\s+)?"
        rf"(?P<unit>Tage|Tagen|Wochen|Monate|Monaten|Jahre|Jahren|Jahrzehnte|Jahrzehnten)"
        rf"{_E}",
        "since": rf"(?<=\b[Ss]eit\s)(?P<unit>Tagen|Wochen|Monaten|Jahren|Jahrzehnten){_E}",
        "unitadj": rf"{_B}(?P<n>\d+-|{_alt(_surfaces('number'))}|mehr|viel)"
        rf"(?P<adj>tägig|wöchig|monatig|jährig|stündig)(?:e|en|er|es){_E}",
        "clock": rf"{_B}(?:(?:knapp|gegen|etwa|kurz\s+nach|kurz\s+vor)\s+)?{clock}"
        rf"(?:\s+(?P<dpa>{day_part_adv}))?{_E}",
        "clockum": r"(?<=\b[Uu]m\s)(?P<hh>[01]?\d|2[0-3])[:.](?P<mm>[0-5]\d)(?![\d.,])",
        "daypart": rf"{_B}(?:(?P<rel>{rel})\s+|(?:frühen|späten)\s+|(?<=\b[Aa]m\s)"
        rf"|(?<=\b[Gg]egen\s)|(?<=\bder\s)|(?=\w+\s+(?:darauf|danach|des|dieses|desselben)\s))(?P<dp>{day_part})"
        rf"(?:\s+(?P<dir>darauf|danach|(?:des|dieses|desselben)\s+Tages))?{_E}",
        "set": rf"{_B}(?:[Jj]ede[nrs]?|[Pp]ro)\s+(?P<sunit>{weekday}|Tag|Woche|Monat|Jahr|"
        rf"Wochenende|Morgen|Abend|Nacht){_E}",
        "setadv": rf"{_B}(?P<freq>{frequency}){_E}",
        "present": rf"{_B}(?P<present>{_alt(_surfaces('present', capitalised=True))}){_E}",
        "vague": rf"{_B}(?P<vague>{_alt(_surfaces('vague', capitalised=True))}){_E}",
    }
    # A word every match of the rule contains: rules run only in windows around these.
    keys = {
        "numeric": r"\d\.\d",
        "iso": r"\d{4}-\d",
        "daymonth": month,
        "coordday": month,
        "bareday": r"\b(?:[Aa]m|[Vv]om|zum)\s\d",
        "month": month,
        "year": r"\d{3}",
        "season": f"{season}|{season_c}",
        "yearpart": year_part_c,
        "decade": r"\der",
        "century": r"Jahrhundert|Jh\.",
        "quarter": r"Quartal|Vierteljahr",
        "half": r"Halbjahr|[Hh]älfte",
        "deictic": r"[Hh]eute|[Gg]estern|[Vv]orgestern|morgen|[Üü]bermorgen",
        "weekday": weekday,
        "relunit": r"Woche|Monat|Jahr|Tag|Quartal",
        "partunit": part,
        "compound": _alt(_surfaces("unit_compound")),
        "weekend": r"Wochenende",
        "ago": r"\b[Vv]or\s",
        "offset": r"später|danach|darauf|zuvor|vorher|früher|davor",
        "after": r"\b[Nn]ach\s",
        "duration": unit,
        "relplural": r"Tage|Wochen|Monate|Jahre|Jahrzehnte",
        "since": r"\b[Ss]eit\s",
        "unitadj": r"tägig|wöchig|monatig|jährig|stündig",
        "clock": r"Uhr",
        "clockum": r"\b[Uu]m\s\d",
        "daypart": day_part,
        "set": r"\b(?:[Jj]ede|[Pp]ro\s)",
        "setadv": frequency,
        "present": _alt(_surfaces("present", capitalised=True)),
        "vague": _alt(_surfaces("vague", capitalised=True)),
    }
    del lex, month_full
    return {name: (re.compile(rx), re.compile(keys[name])) for name, rx in p.items()}


_BEFORE, _AFTER = 80, 100  # window around a key: longer than any rule's prefix and suffix


def _windows(key: "re.Pattern[str]", text: str) -> list[tuple[int, int]]:
    """Merged spans around the key's occurrences; each ends at whitespace or the text end."""
    out: list[tuple[int, int]] = []
    for k in key.finditer(text):
        start = max(0, k.start() - _BEFORE)
        end = text.find(" ", k.end() + _AFTER)
        end = len(text) if end < 0 else end
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


# --- calendar arithmetic ----------------------------------------------------------------------

_Point = tuple[int, int | None, int | None]  # year (negative = BC), month, day
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _fmt_year(year: int) -> str:
    return f"BC{-year:04d}" if year < 0 else f"{year:04d}"


def _fmt(point: _Point) -> str:
    year, month, day = point
    out = _fmt_year(year)
    if month is not None:
        out += f"-{month:02d}"
        if day is not None:
            out += f"-{day:02d}"
    return out


def _gran(point: _Point) -> str:
    return "year" if point[1] is None else "month" if point[2] is None else "day"


def _valid_day(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return year <= 0 and 1 <= month <= 12 and 1 <= day <= 31
    return True


def _shift(point: _Point, n: int, unit: str) -> _Point | None:
    """Move a point by n units (Y, M, W, D); None when the point is too coarse for the unit."""
    year, month, day = point
    if unit == "Y":
        return (year + n, month, day if month != 2 or day != 29 else 28)
    if month is None:
        return None
    if unit == "M":
        months = year * 12 + month - 1 + n
        return (months // 12, months % 12 + 1, None if day is None else min(day, 28))
    if day is None or year < 1:
        return None
    days = n * 7 if unit == "W" else n
    try:
        date = dt.date(year, month, day) + dt.timedelta(days=days)
    except OverflowError:
        return None
    return (date.year, date.month, date.day)


def _week(point: _Point, shift_days: int = 0) -> str | None:
    year, month, day = point
    if month is None or day is None or year < 1:
        return None
    iso = (dt.date(year, month, day) + dt.timedelta(days=shift_days)).isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def _weekday_near(point: _Point, weekday: int, mode: int) -> _Point | None:
    """The weekday nearest to point: mode -1 strictly before, 0 not after, 1 strictly after,
    2 not before, 3 in the same ISO week."""
    year, month, day = point
    if month is None or day is None or year < 1:
        return None
    base = dt.date(year, month, day)
    diff = weekday - base.isoweekday()
    if mode == -1:
        delta = diff - 7 if diff >= 0 else diff
    elif mode == 0:
        delta = diff - 7 if diff > 0 else diff
    elif mode == 1:
        delta = diff + 7 if diff <= 0 else diff
    elif mode == 2:
        delta = diff + 7 if diff < 0 else diff
    else:
        delta = diff
    date = base + dt.timedelta(days=delta)
    return (date.year, date.month, date.day)


# --- resolution -------------------------------------------------------------------------------

_ANAPHORIC = {
    "selben",
    "gleichen",
    "desselben",
    "demselben",
    "derselben",
    "ebendiesem",
    "folgenden",
    "folgende",
    "folgender",
    "folgendes",
    "darauffolgenden",
    "darauf folgenden",
    "anschließenden",
    "vorangegangenen",
    "vorhergehenden",
    "neuen",
}
_SENTENCE_END = re.compile(r"[.!?:]\s+(?=[A-ZÄÖÜ\"„])|\n")


class _Context:
    """What a normaliser needs: the text, the anchor and the moving reference time."""

    def __init__(self, text: str, anchor: Anchor | None, narrative: bool) -> None:
        self.text = text
        self.narrative = narrative
        self.anchor: _Point | None = (
            (anchor.year, anchor.month, anchor.day) if anchor is not None else None
        )
        self.ref: _Point | None = None
        self.lex = _lexicon()
        self._future = re.compile(
            r"\b(?:" + "|".join(map(re.escape, self.lex.cues["future_marker"])) + r")\b"
        )

    def deictic(self) -> _Point | None:
        """Base for expressions relative to 'now' (gestern, vergangene Woche)."""
        if self.narrative and self.ref is not None:
            return self.ref
        return self.anchor

    def anaphoric(self) -> _Point | None:
        """Base for expressions relative to the last mentioned time (am selben Tag)."""
        return self.ref if self.ref is not None else self.anchor

    def future(self, pos: int) -> bool:
        """Whether the sentence around pos speaks of the future (decides 'im Juni')."""
        start = max(0, pos - 200)
        left = self.text[start:pos]
        ends = list(_SENTENCE_END.finditer(left))
        if ends:
            start += ends[-1].end()
        right = _SENTENCE_END.search(self.text, pos, pos + 200)
        stop = right.start() if right else min(len(self.text), pos + 200)
        return bool(self._future.search(self.text, start, stop))

    def year_for(self, month: int, day: int | None, pos: int) -> int | None:
        """The year of a month (and day) stated without one."""
        if self.narrative and self.ref is not None:
            return self.ref[0]
        if self.anchor is None:
            return None
        year, a_month, a_day = self.anchor
        if a_month is None:
            return year
        later = (month, day or 1) > (a_month, a_day or 31)
        earlier = (month, day or 31) < (a_month, a_day or 1)
        if self.future(pos):
            return year + 1 if earlier and (a_month - month) % 12 >= 3 else year
        return year - 1 if later else year


_Result = tuple[str | None, str | None, str, "_Point | None"]  # value, granularity, type, new ref


def _year_of(raw: str) -> int:
    digits = int(re.match(r"\d+", raw).group())  # type: ignore[union-attr]
    return -digits if "v" in raw else digits


def _rel_year(ctx: _Context, ry: str) -> int | None:
    """Year of 'des folgenden Jahres' / 'desselben Jahres' / 'vergangenen Jahres'."""
    words = ry.split()
    shift = 0
    for w in words[:-1]:
        key = ctx.lex.lookup["relative"].get(w.lower())
        if key is not None:
            shift = int(key)
    anaphoric = any(w.lower() in _ANAPHORIC for w in words) or words[0] == "des"
    base = ctx.anaphoric() if anaphoric else ctx.deictic()
    return None if base is None else base[0] + shift


def _explicit_year(ctx: _Context, m: "re.Match[str]") -> int | None:
    g = m.groupdict()
    if g.get("y"):
        raw = g["y"]
        if re.fullmatch(r"\d{2}", raw):
            base = ctx.anaphoric()
            century = (base[0] // 100) * 100 if base else 1900
            year = century + int(raw)
            return year - 100 if base and year > base[0] + 20 else year
        return _year_of(raw)
    if g.get("ry"):
        return _rel_year(ctx, g["ry"])
    return None


def _clock(m: "re.Match[str]") -> str | None:
    g = m.groupdict()
    if g.get("hh") is None:
        return None
    hour = int(g["hh"])
    minute = int(g.get("mm") or g.get("mm2") or 0)
    return f"T{hour:02d}:{minute:02d}"


def _day_part(ctx: _Context, m: "re.Match[str]") -> str | None:
    g = m.groupdict()
    for name, cat in (("dp", "day_part"), ("dpa", "day_part_adverb"), ("dpc", "day_part")):
        if g.get(name):
            surface = g[name] if name != "dpc" else g[name].capitalize()
            key = ctx.lex.lookup[cat].get(surface.lower())
            if key:
                return f"T{key}"
    return None


def _with_time(point: _Point | None, m: "re.Match[str]", ctx: _Context) -> _Result:
    if point is None:
        return None, None, "date", None
    clock = _clock(m) or _day_part(ctx, m)
    if clock and point[2] is not None:
        return _fmt(point) + clock, "datetime", "time", point
    return _fmt(point), _gran(point), "date", point


def _n_numeric(m: "re.Match[str]", ctx: _Context) -> _Result:
    day, month = int(m["d"]), int(m["m"])
    year = _explicit_year(ctx, m) if m["y"] else ctx.year_for(month, day, m.start())
    if year is None:
        return None, "day", "date", None
    return _with_time((year, month, day), m, ctx)


def _n_iso(m: "re.Match[str]", ctx: _Context) -> _Result:
    point = (int(m["y"]), int(m["m"]), int(m["d"]) if m["d"] else None)
    return _with_time(point, m, ctx)


def _month_no(ctx: _Context, surface: str) -> int:
    return ctx.lex.month_no[ctx.lex.key("month", surface)]


def _n_daymonth(m: "re.Match[str]", ctx: _Context) -> _Result:
    day, month = int(m["d"]), _month_no(ctx, m["mon"])
    year = _explicit_year(ctx, m)
    if year is None:
        year = ctx.year_for(month, day, m.start())
    if year is None:
        return None, "day", "date", None
    return _with_time((year, month, day), m, ctx)


def _n_coordday(m: "re.Match[str]", ctx: _Context) -> _Result:
    month = _month_no(ctx, m["mon2"])
    year = _year_of(m["y2"]) if m["y2"] else ctx.year_for(month, int(m["d"]), m.start())
    if year is None:
        return None, "day", "date", None
    return _with_time((year, month, int(m["d"])), m, ctx)


def _n_bareday(m: "re.Match[str]", ctx: _Context) -> _Result:
    base = ctx.anaphoric()
    if base is None or base[1] is None:
        return None, "day", "date", None
    return _fmt((base[0], base[1], int(m["d"]))), "day", "date", (base[0], base[1], int(m["d"]))


_COORD_YEAR = None


def _n_month(m: "re.Match[str]", ctx: _Context) -> _Result:
    month = _month_no(ctx, m["mon"])
    year = _explicit_year(ctx, m)
    if year is None:
        global _COORD_YEAR
        if _COORD_YEAR is None:
            months = _alt(_surfaces("month"))
            _COORD_YEAR = re.compile(rf"\s*(?:/|–|-|und|bis|oder)\s*{months}\s+(\d{{4}})(?!\d)")
        coord = _COORD_YEAR.match(ctx.text, m.end())
        year = int(coord[1]) if coord else ctx.year_for(month, None, m.start())
    if year is None:
        return None, "month", "date", None
    return _fmt((year, month, None)), "month", "date", (year, month, None)


_WEAK_YEAR_BEFORE = re.compile(
    r"(?:[(–/-]\s*|\b(?:seit|bis|ab|von|zwischen|und|oder|wie|schon|bereits|Jahrgangs?|nach|vor)\s+)$"
)
_WEAK_YEAR_AFTER = re.compile(r"\s*(?:/\d|–|-\d|\))")


def _n_year(m: "re.Match[str]", ctx: _Context) -> _Result:
    year = _year_of(m["y"])
    # Background years ("seit 1916", "(1908)", "von 1856") do not move the narrative on.
    weak = not (m["jahr"] or m["part"]) and (
        _WEAK_YEAR_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start())
        or _WEAK_YEAR_AFTER.match(ctx.text, m.end())
    )
    return _fmt_year(year), "year", "date", None if weak else (year, None, None)


def _n_season(m: "re.Match[str]", ctx: _Context) -> _Result:
    season = ctx.lex.lookup["season"].get(m["season"].lower()) or ctx.lex.key(
        "season_compound", m["season"]
    )
    year = _explicit_year(ctx, m)
    if year is None:
        year = ctx.year_for(_SEASON_START[season], None, m.start())
    if year is None:
        return None, "season", "date", None
    return f"{_fmt_year(year)}-{season}", "season", "date", (year, None, None)


def _n_yearpart(m: "re.Match[str]", ctx: _Context) -> _Result:
    year = _explicit_year(ctx, m)
    if year is None:
        base = ctx.anaphoric() if ctx.narrative else ctx.deictic()
        year = base[0] if base else None
    if year is None:
        return None, "year", "date", None
    return _fmt_year(year), "year", "date", (year, None, None)


def _n_decade(m: "re.Match[str]", ctx: _Context) -> _Result:
    dec = m["dec"]
    if len(dec) == 2:
        dec = ("20" if dec in ("00", "10") else "19") + dec
    return dec[:3], "decade", "date", None


def _n_century(m: "re.Match[str]", ctx: _Context) -> _Result:
    n = int(m["c"])
    if m["bc"]:
        return f"BC{n - 1:02d}", "century", "date", None
    return f"{n - 1:02d}", "century", "date", None


def _n_quarter(m: "re.Match[str]", ctx: _Context) -> _Result:
    q = int(ctx.lex.key("ordinal", m["q"]))
    year = _explicit_year(ctx, m)
    base = ctx.deictic()
    if q == -1:
        if year is not None:
            q = 4
        elif base is not None and base[1] is not None:
            q = (base[1] - 1) // 3
            year = base[0] if q else base[0] - 1
            q = q or 4
    if year is None:
        year = base[0] if base else None
    if year is None or q < 1:
        return None, "quarter", "date", None
    return f"{_fmt_year(year)}-Q{q}", "quarter", "date", (year, None, None)


def _n_half(m: "re.Match[str]", ctx: _Context) -> _Result:
    h = 1 if m["h"].startswith(("e", "1")) else 2
    year = _explicit_year(ctx, m)
    if year is None:
        base = ctx.anaphoric() if ctx.narrative else ctx.deictic()
        year = base[0] if base else None
    if year is None:
        return None, "half", "date", None
    return f"{_fmt_year(year)}-H{h}", "half", "date", (year, None, None)


def _n_deictic(m: "re.Match[str]", ctx: _Context) -> _Result:
    word = m["deix"].lower()
    if ctx.narrative and word == "heute":
        return "PRESENT_REF", None, "date", None
    base = ctx.deictic()
    shift = int(ctx.lex.key("deictic_day", word))
    if shift == 0 and base is not None and base[2] is None:
        return _fmt(base), _gran(base), "date", None  # "heute" with a month anchor: the month
    point = _shift(base, shift, "D") if base is not None else None
    if point is None:
        return None, "day", "date", None
    return _with_time(point, m, ctx)


def _n_weekday(m: "re.Match[str]", ctx: _Context) -> _Result:
    weekday = ctx.lex.weekday_no[ctx.lex.key("weekday", m["wd"])]
    rel = m["rel"]
    shift = int(ctx.lex.lookup["relative"][rel.lower()]) if rel else None
    anaphoric = rel is not None and rel.lower() in _ANAPHORIC
    base = ctx.anaphoric() if anaphoric else ctx.deictic()
    if base is None:
        return None, "day", "date", None
    if shift is None:
        mode = 2 if ctx.future(m.start()) or ctx.narrative and ctx.ref else 0
    else:
        mode = {-1: -1, 0: 3, 1: 1}[shift]
    point = _weekday_near(base, weekday, mode)
    if point is None:
        return None, "day", "date", None
    return _with_time(point, m, ctx)


def _unit_key(ctx: _Context, surface: str) -> str:
    return ctx.lex.key("unit", surface)


def _shifted(base: _Point | None, shift: int, unit: str, m, ctx: _Context) -> _Result:
    """Value of the unit (day, week, month, year, ...) shift units away from base."""
    gran = {"D": "day", "W": "week", "M": "month", "Y": "year", "Q": "quarter"}.get(unit)
    if base is None:
        return None, gran, "date", None
    if unit == "W":
        return _week(base, 7 * shift), "week", "date", None
    if unit == "WE":
        week = _week(base, 7 * shift)
        return (week + "-WE" if week else None), "week", "date", None
    if unit == "Q":
        if base[1] is None:
            return None, gran, "date", None
        quarters = base[0] * 4 + (base[1] - 1) // 3 + shift
        return f"{_fmt_year(quarters // 4)}-Q{quarters % 4 + 1}", gran, "date", None
    if unit == "DE":
        return f"{_fmt_year(base[0] + 10 * shift)[:3]}", "decade", "date", None
    point = _shift(base, shift, unit)
    if point is None:
        return None, gran, "date", None
    point = {
        "Y": (point[0], None, None),
        "M": (point[0], point[1], None),
    }.get(unit, point)
    return _with_time(point, m, ctx) if unit == "D" else (_fmt(point), gran, "date", point)


_UNIT_OF = {
    "woche": "W",
    "wochenende": "WE",
    "monat": "M",
    "monats": "M",
    "jahr": "Y",
    "jahres": "Y",
    "jahrzehnt": "DE",
    "jahrzehnts": "DE",
    "tag": "D",
    "tages": "D",
    "quartal": "Q",
    "quartals": "Q",
}


def _n_relunit(m: "re.Match[str]", ctx: _Context) -> _Result:
    rel = m["rel"].lower()
    shift = int(ctx.lex.lookup["relative"][rel])
    base = ctx.anaphoric() if rel in _ANAPHORIC else ctx.deictic()
    return _shifted(base, shift, _UNIT_OF[m["unit"].lower()], m, ctx)


def _n_partunit(m: "re.Match[str]", ctx: _Context) -> _Result:
    if m["y"]:
        year = _year_of(m["y"])
        return _fmt_year(year), "year", "date", (year, None, None)
    base = ctx.anaphoric() if ctx.narrative else ctx.deictic()
    return _shifted(base, 0, _UNIT_OF[m["unit"].lower()], m, ctx)


def _n_compound(m: "re.Match[str]", ctx: _Context) -> _Result:
    key = ctx.lex.key("unit_compound", m["comp"])
    unit, shift = key[0], int(key[1:])
    base = ctx.anaphoric() if shift > 0 or unit == "D" else ctx.deictic()
    return _shifted(base, shift, unit, m, ctx)


def _n_weekend(m: "re.Match[str]", ctx: _Context) -> _Result:
    base = ctx.deictic()
    if base is None or base[2] is None:
        return None, "week", "date", None
    weekday = dt.date(*base).isoweekday()  # type: ignore[arg-type]
    if ctx.future(m.start()):
        shift = 0
    else:
        shift = 0 if weekday >= 6 else -1
    return _shifted(base, shift, "WE", m, ctx)


def _number(ctx: _Context, raw: str | None) -> float | None:
    """1, 2.5 … for digits and number words; None for vague or missing quantities."""
    if raw is None:
        return None
    if raw.isdigit():
        return float(raw)
    key = ctx.lex.lookup["number"].get(raw.lower())
    return float(key) if key is not None else None


def _n_ago(m: "re.Match[str]", ctx: _Context) -> _Result:
    n = _number(ctx, m["n"]) if m["n"] else None
    unit = _unit_key(ctx, m["unit"])
    if n is None or unit not in ("Y", "M", "W", "D") or n != int(n):
        return "PAST_REF", None, "date", None
    return _shifted(ctx.deictic(), -int(n), unit, m, ctx)


def _n_offset(m: "re.Match[str]", ctx: _Context) -> _Result:
    sign = 1 if m["dir"] in ("später", "danach", "darauf") else -1
    unit = _unit_key(ctx, m["unit"])
    n = _number(ctx, m["n"]) if m["n"] else (1.0 if not m["unit"].endswith("n") else None)
    if m["n"] and n is None or n is None:
        return ("FUTURE_REF" if sign > 0 else "PAST_REF"), None, "date", None
    if "halb" in m.group():
        n = n * 0.5 if n != 0.5 else n
    if n != int(n) and unit == "Y":
        n, unit = n * 12, "M"
    if unit not in ("Y", "M", "W", "D") or n != int(n):
        return ("FUTURE_REF" if sign > 0 else "PAST_REF"), None, "date", None
    base = ctx.anaphoric()
    if base is None:
        return None, None, "date", None
    if unit == "M" and base[2] is None and base[1] is not None:
        base = (base[0], base[1], None)
    if unit in ("D", "W") and base[2] is None:
        return None, "day", "date", None
    point = _shift(base, sign * int(n), unit)
    if point is None:
        return None, None, "date", None
    if unit == "Y":
        point = (point[0], None, None)
    return _fmt(point), _gran(point), "date", point


def _n_after(m: "re.Match[str]", ctx: _Context) -> _Result:
    n = _number(ctx, m["n"])
    unit = _unit_key(ctx, m["unit"])
    if n is None or n != int(n) or unit not in ("Y", "M", "W", "D"):
        return _duration(ctx, m["n"], unit), None, "duration", None
    base = ctx.anaphoric()
    if base is None or unit in ("D", "W") and base[2] is None:
        return _duration(ctx, m["n"], unit), None, "duration", None
    point = _shift(base, int(n), unit)
    if point is None:
        return None, None, "date", None
    if unit == "Y":
        point = (point[0], None, None)
    return _fmt(point), _gran(point), "date", point


def _duration(ctx: _Context, raw: str | None, unit: str, half: bool = False) -> str:
    n = _number(ctx, raw) if raw else (1.0 if not half else None)
    if half:
        n = 0.5 * (n if n and n != 0.5 else 1.0)
    fmt = ctx.lex.duration_fmt[unit]
    if n is None:
        return fmt.format(n="X")
    if n != int(n):
        smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60)}
        if unit in smaller:
            sub, factor = smaller[unit]
            whole = int(n)
            rest = ctx.lex.duration_fmt[sub].format(n=int(round((n - whole) * factor)))
            if not whole:
                return rest
            head = fmt.format(n=whole)
            return head + (rest[2:] if rest.startswith("PT") and "T" not in head else rest[1:])
        return fmt.format(n=n)
    return fmt.format(n=int(n))


def _n_duration(m: "re.Match[str]", ctx: _Context) -> _Result:
    unit = _unit_key(ctx, m["unit"])
    half = bool(re.search(r"\bhalbe[snr]?\b", m.group()))
    value = _duration(ctx, m["n"], unit, half)
    if m["n2"] and m["unit2"]:
        unit2 = _unit_key(ctx, m["unit2"])
        n1, n2 = _number(ctx, m["n"]), _number(ctx, m["n2"])
        days = {"W": 7, "D": 1}
        if n1 is not None and n2 is not None and unit in days and unit2 in days:
            value = f"P{int(n1 * days[unit] + n2 * days[unit2])}D"
    return value, None, "duration", None


def _n_relplural(m: "re.Match[str]", ctx: _Context) -> _Result:
    unit = _unit_key(ctx, m["unit"])
    raw = m["n"]
    if raw == "beiden":
        raw = "2"
    return (
        _duration(ctx, raw, unit) if raw else ctx.lex.duration_fmt[unit].format(n="X"),
        None,
        "duration",
        None,
    )


def _n_since(m: "re.Match[str]", ctx: _Context) -> _Result:
    return ctx.lex.duration_fmt[_unit_key(ctx, m["unit"])].format(n="X"), None, "duration", None


def _n_unitadj(m: "re.Match[str]", ctx: _Context) -> _Result:
    unit = {"tägig": "D", "wöchig": "W", "monatig": "M", "jährig": "Y", "stündig": "H"}[m["adj"]]
    raw = m["n"].rstrip("-")
    if raw in ("mehr", "viel"):
        raw = None
        return ctx.lex.duration_fmt[unit].format(n="X"), None, "duration", None
    return _duration(ctx, raw, unit), None, "duration", None


def _n_clock(m: "re.Match[str]", ctx: _Context) -> _Result:
    base = ctx.anaphoric()
    clock = _clock(m) or ""
    if base is None:
        return "XXXX-XX-XX" + clock, "datetime", "time", None
    year, month, day = base
    date = (
        _fmt_year(year) + (f"-{month:02d}" if month else "-XX") + (f"-{day:02d}" if day else "-XX")
    )
    return date + clock, "datetime", "time", None


def _n_daypart(m: "re.Match[str]", ctx: _Context) -> _Result:
    base = ctx.anaphoric()
    rel = m["rel"]
    shift = int(ctx.lex.lookup["relative"][rel.lower()]) if rel else 0
    if m["dir"] and m["dir"] in ("darauf", "danach"):
        shift = 1
    point = _shift(base, shift, "D") if base is not None else None
    part = _day_part(ctx, m)
    if point is None or part is None:
        return None, "datetime", "time", None
    return _fmt(point) + part, "datetime", "time", point


def _n_set(m: "re.Match[str]", ctx: _Context) -> _Result:
    unit = m["sunit"]
    wd = ctx.lex.lookup["weekday"].get(unit.lower())
    if wd:
        return f"XXXX-WXX-{ctx.lex.weekday_no[wd]}", None, "set", None
    part = ctx.lex.lookup["day_part"].get(unit.lower())
    if part:
        return f"XXXX-XX-XXT{part}", None, "set", None
    if unit == "Wochenende":
        return "XXXX-WXX-WE", None, "set", None
    return ctx.lex.set_unit[_unit_key(ctx, unit)], None, "set", None


def _n_setadv(m: "re.Match[str]", ctx: _Context) -> _Result:
    word = m["freq"].lower()
    wd = ctx.lex.lookup["weekday_adverb"].get(word)
    if wd:
        return f"XXXX-WXX-{ctx.lex.weekday_no[wd]}", None, "set", None
    return ctx.lex.frequency_set[ctx.lex.key("frequency", word)], None, "set", None


def _n_present(m: "re.Match[str]", ctx: _Context) -> _Result:
    if ctx.narrative or ctx.anchor is None:
        return "PRESENT_REF", None, "date", None
    return _fmt(ctx.anchor), _gran(ctx.anchor), "date", None


def _n_vague(m: "re.Match[str]", ctx: _Context) -> _Result:
    return ctx.lex.key("vague", m["vague"]), None, "date", None


_NORMALISERS: dict[str, Callable[["re.Match[str]", _Context], _Result]] = {
    name[3:]: fn for name, fn in globals().items() if name.startswith("_n_")
}
_NORMALISERS["clockum"] = _n_clock


# --- finding ----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _cue_sets() -> dict[str, frozenset[str]]:
    return {name: frozenset(words) for name, words in _lexicon().cues.items()}


@lru_cache(maxsize=1)
def _preposition_re() -> "re.Pattern[str]":
    preps = _alt(_lexicon().cues["preposition"])
    return re.compile(rf"(?<![\w.]){preps}(?:\s+(?:dem|der|den))?\s+$")


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


def _accept(name: str, m: "re.Match[str]", text: str) -> bool:
    """Checks a regex cannot express: ranges, and evidence for ambiguous forms."""
    g = m.groupdict()
    if name == "numeric":
        day, month = int(g["d"]), int(g["m"])
        year = int(g["y"]) if g["y"] and len(g["y"]) == 4 else 2000
        return 1 <= month <= 12 and _valid_day(year, month, day)
    if name == "iso":
        return 1 <= int(g["m"]) <= 12 and (
            not g["d"] or _valid_day(int(g["y"]), int(g["m"]), int(g["d"]))
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
            return prev in {
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
        return True
    if name == "duration":
        return not re.match(r"[Ee]ine[sr]\s+Tages", m.group())
    if name == "year" and g["y"]:
        return True
    return True


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
    candidates = []
    for priority, (name, (rx, key)) in enumerate(_patterns().items()):
        for w_start, w_end in _windows(key, text):
            for m in rx.finditer(text, w_start, w_end):
                if m.end() > m.start() and _accept(name, m, text):
                    candidates.append((m.start() - m.end(), priority, m.start(), name, m))
    candidates.sort(key=lambda c: c[:3])
    taken: list[tuple[int, int]] = []
    chosen = []
    for _, _, start, name, m in candidates:
        end = m.end()
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        chosen.append((start, name, m))
    chosen.sort(key=lambda c: c[0])

    ctx = _Context(text, anchor, narrative)
    preposition = _preposition_re()
    out: list[Timex] = []
    last_end = 0
    for start, name, m in chosen:
        value, granularity, kind, ref = _NORMALISERS[name](m, ctx)
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
