"""Normalisers: the ISO value of each kind of expression, against the anchor or the text."""

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

from factx.dates.anchor import Anchor
from factx.dates.arithmetic import (
    SEASON_START,
    Point,
    format_point,
    format_year,
    granularity_of,
    iso_week,
    shift_point,
    weekday_near,
)
from factx.dates.lexicon import alternation, load_lexicon, surfaces_of

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
_DIGITS = re.compile(r"\d+")
_TWO_DIGITS = re.compile(r"\d{2}")
_HALF = re.compile(r"\bhalbe[snr]?\b")
_SENTENCE_END = re.compile(r"[.!?:]\s+(?=[A-ZÄÖÜ\"„])|\n")


@lru_cache(maxsize=1)
def _future_re() -> "re.Pattern[str]":
    """A future marker as a word: ``\\b(?:wird|soll|...)\\b``, written so that each
    alternative starts with its first letter (a pattern starting with ``\\b`` makes ``re``
    try every position); ``(?<!\\w.)`` after that letter is the ``\\b`` before it."""
    markers = load_lexicon().cues["future_marker"]
    return re.compile(
        "|".join(re.escape(m[0]) + r"(?<!\w.)" + re.escape(m[1:]) + r"\b" for m in markers)
    )


class Context:
    """What a normaliser needs: the text, the anchor and the moving reference time."""

    def __init__(self, text: str, anchor: Anchor | None, narrative: bool) -> None:
        self.text = text
        self.narrative = narrative
        self.anchor: Point | None = (
            (anchor.year, anchor.month, anchor.day) if anchor is not None else None
        )
        self.ref: Point | None = None
        self.lex = load_lexicon()
        self._future = _future_re()
        self._future_in: dict[tuple[int, int], bool] = {}  # by sentence span

    def deictic(self) -> Point | None:
        """Base for expressions relative to 'now' (gestern, vergangene Woche)."""
        if self.narrative and self.ref is not None:
            return self.ref
        return self.anchor

    def anaphoric(self) -> Point | None:
        """Base for expressions relative to the last mentioned time (am selben Tag)."""
        return self.ref if self.ref is not None else self.anchor

    def future(self, pos: int) -> bool:
        """Whether the sentence around pos speaks of the future (decides 'im Juni')."""
        start = max(0, pos - 200)
        for end in _SENTENCE_END.finditer(self.text, start, pos):
            start = end.end()
        right = _SENTENCE_END.search(self.text, pos, pos + 200)
        stop = right.start() if right else min(len(self.text), pos + 200)
        found = self._future_in.get((start, stop))
        if found is None:
            found = self._future_in[start, stop] = bool(self._future.search(self.text, start, stop))
        return found

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


_Result = tuple[str | None, str | None, str, "Point | None"]  # value, granularity, type, new ref


def _year_of(raw: str) -> int:
    digits = int(_DIGITS.match(raw).group())  # type: ignore[union-attr]
    return -digits if "v" in raw else digits


def _rel_year(ctx: Context, ry: str) -> int | None:
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


def _explicit_year(ctx: Context, m: "re.Match[str]") -> int | None:
    g = m.groupdict()
    if g.get("y"):
        raw = g["y"]
        if _TWO_DIGITS.fullmatch(raw):
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


def _day_part(ctx: Context, m: "re.Match[str]") -> str | None:
    g = m.groupdict()
    for name, cat in (("dp", "day_part"), ("dpa", "day_part_adverb"), ("dpc", "day_part")):
        if g.get(name):
            surface = g[name] if name != "dpc" else g[name].capitalize()
            key = ctx.lex.lookup[cat].get(surface.lower())
            if key:
                return f"T{key}"
    return None


def _with_time(point: Point | None, m: "re.Match[str]", ctx: Context) -> _Result:
    if point is None:
        return None, None, "date", None
    clock = _clock(m) or _day_part(ctx, m)
    if clock and point[2] is not None:
        return format_point(point) + clock, "datetime", "time", point
    return format_point(point), granularity_of(point), "date", point


def _n_numeric(m: "re.Match[str]", ctx: Context) -> _Result:
    day, month = int(m["d"]), int(m["m"])
    year = _explicit_year(ctx, m) if m["y"] else ctx.year_for(month, day, m.start())
    if year is None:
        return None, "day", "date", None
    return _with_time((year, month, day), m, ctx)


def _n_iso(m: "re.Match[str]", ctx: Context) -> _Result:
    point = (int(m["y"]), int(m["m"]), int(m["d"]) if m["d"] else None)
    return _with_time(point, m, ctx)


def _month_no(ctx: Context, surface: str) -> int:
    return ctx.lex.month_no[ctx.lex.key("month", surface)]


def _n_daymonth(m: "re.Match[str]", ctx: Context) -> _Result:
    day, month = int(m["d"]), _month_no(ctx, m["mon"])
    year = _explicit_year(ctx, m)
    if year is None:
        year = ctx.year_for(month, day, m.start())
    if year is None:
        return None, "day", "date", None
    return _with_time((year, month, day), m, ctx)


def _n_coordday(m: "re.Match[str]", ctx: Context) -> _Result:
    month = _month_no(ctx, m["mon2"])
    year = _year_of(m["y2"]) if m["y2"] else ctx.year_for(month, int(m["d"]), m.start())
    if year is None:
        return None, "day", "date", None
    return _with_time((year, month, int(m["d"])), m, ctx)


def _n_bareday(m: "re.Match[str]", ctx: Context) -> _Result:
    base = ctx.anaphoric()
    if base is None or base[1] is None:
        return None, "day", "date", None
    return (
        format_point((base[0], base[1], int(m["d"]))),
        "day",
        "date",
        (base[0], base[1], int(m["d"])),
    )


_COORD_YEAR = None


def _n_month(m: "re.Match[str]", ctx: Context) -> _Result:
    month = _month_no(ctx, m["mon"])
    year = _explicit_year(ctx, m)
    if year is None:
        global _COORD_YEAR
        if _COORD_YEAR is None:
            months = alternation(surfaces_of("month"))
            _COORD_YEAR = re.compile(rf"\s*(?:/|–|-|und|bis|oder)\s*{months}\s+(\d{{4}})(?!\d)")
        coord = _COORD_YEAR.match(ctx.text, m.end())
        year = int(coord[1]) if coord else ctx.year_for(month, None, m.start())
    if year is None:
        return None, "month", "date", None
    return format_point((year, month, None)), "month", "date", (year, month, None)


_WEAK_YEAR_BEFORE = re.compile(
    r"(?:[(–/-]\s*|\b(?:seit|bis|ab|von|zwischen|und|oder|wie|schon|bereits|Jahrgangs?|nach|vor)\s+)$"
)
_WEAK_YEAR_AFTER = re.compile(r"\s*(?:/\d|–|-\d|\))")


def _n_year(m: "re.Match[str]", ctx: Context) -> _Result:
    year = _year_of(m["y"])
    # Background years ("seit 1916", "(1908)", "von 1856") do not move the narrative on.
    weak = not (m["jahr"] or m["part"]) and (
        _WEAK_YEAR_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start())
        or _WEAK_YEAR_AFTER.match(ctx.text, m.end())
    )
    return format_year(year), "year", "date", None if weak else (year, None, None)


def _n_season(m: "re.Match[str]", ctx: Context) -> _Result:
    season = ctx.lex.lookup["season"].get(m["season"].lower()) or ctx.lex.key(
        "season_compound", m["season"]
    )
    year = _explicit_year(ctx, m)
    if year is None:
        year = ctx.year_for(SEASON_START[season], None, m.start())
    if year is None:
        return None, "season", "date", None
    return f"{format_year(year)}-{season}", "season", "date", (year, None, None)


def _n_yearpart(m: "re.Match[str]", ctx: Context) -> _Result:
    year = _explicit_year(ctx, m)
    if year is None:
        base = ctx.anaphoric() if ctx.narrative else ctx.deictic()
        year = base[0] if base else None
    if year is None:
        return None, "year", "date", None
    return format_year(year), "year", "date", (year, None, None)


def _n_decade(m: "re.Match[str]", ctx: Context) -> _Result:
    dec = m["dec"]
    if len(dec) == 2:
        dec = ("20" if dec in ("00", "10") else "19") + dec
    return dec[:3], "decade", "date", None


def _n_century(m: "re.Match[str]", ctx: Context) -> _Result:
    n = int(m["c"])
    if m["bc"]:
        return f"BC{n - 1:02d}", "century", "date", None
    return f"{n - 1:02d}", "century", "date", None


def _n_quarter(m: "re.Match[str]", ctx: Context) -> _Result:
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
    return f"{format_year(year)}-Q{q}", "quarter", "date", (year, None, None)


def _n_half(m: "re.Match[str]", ctx: Context) -> _Result:
    h = 1 if m["h"].startswith(("e", "1")) else 2
    year = _explicit_year(ctx, m)
    if year is None:
        base = ctx.anaphoric() if ctx.narrative else ctx.deictic()
        year = base[0] if base else None
    if year is None:
        return None, "half", "date", None
    return f"{format_year(year)}-H{h}", "half", "date", (year, None, None)


def _n_deictic(m: "re.Match[str]", ctx: Context) -> _Result:
    word = m["deix"].lower()
    if ctx.narrative and word == "heute":
        return "PRESENT_REF", None, "date", None
    base = ctx.deictic()
    shift = int(ctx.lex.key("deictic_day", word))
    if shift == 0 and base is not None and base[2] is None:
        return (
            format_point(base),
            granularity_of(base),
            "date",
            None,
        )  # "heute" with a month anchor: the month
    point = shift_point(base, shift, "D") if base is not None else None
    if point is None:
        return None, "day", "date", None
    return _with_time(point, m, ctx)


def _n_weekday(m: "re.Match[str]", ctx: Context) -> _Result:
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
    point = weekday_near(base, weekday, mode)
    if point is None:
        return None, "day", "date", None
    return _with_time(point, m, ctx)


def _unit_key(ctx: Context, surface: str) -> str:
    return ctx.lex.key("unit", surface)


def _shifted(base: Point | None, shift: int, unit: str, m, ctx: Context) -> _Result:
    """Value of the unit (day, week, month, year, ...) shift units away from base."""
    gran = {"D": "day", "W": "week", "M": "month", "Y": "year", "Q": "quarter"}.get(unit)
    if base is None:
        return None, gran, "date", None
    if unit == "W":
        return iso_week(base, 7 * shift), "week", "date", None
    if unit == "WE":
        week = iso_week(base, 7 * shift)
        return (week + "-WE" if week else None), "week", "date", None
    if unit == "Q":
        if base[1] is None:
            return None, gran, "date", None
        quarters = base[0] * 4 + (base[1] - 1) // 3 + shift
        return f"{format_year(quarters // 4)}-Q{quarters % 4 + 1}", gran, "date", None
    if unit == "DE":
        return f"{format_year(base[0] + 10 * shift)[:3]}", "decade", "date", None
    point = shift_point(base, shift, unit)
    if point is None:
        return None, gran, "date", None
    point = {
        "Y": (point[0], None, None),
        "M": (point[0], point[1], None),
    }.get(unit, point)
    return _with_time(point, m, ctx) if unit == "D" else (format_point(point), gran, "date", point)


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


def _n_relunit(m: "re.Match[str]", ctx: Context) -> _Result:
    rel = m["rel"].lower()
    shift = int(ctx.lex.lookup["relative"][rel])
    base = ctx.anaphoric() if rel in _ANAPHORIC else ctx.deictic()
    return _shifted(base, shift, _UNIT_OF[m["unit"].lower()], m, ctx)


def _n_partunit(m: "re.Match[str]", ctx: Context) -> _Result:
    if m["y"]:
        year = _year_of(m["y"])
        return format_year(year), "year", "date", (year, None, None)
    base = ctx.anaphoric() if ctx.narrative else ctx.deictic()
    return _shifted(base, 0, _UNIT_OF[m["unit"].lower()], m, ctx)


def _n_compound(m: "re.Match[str]", ctx: Context) -> _Result:
    key = ctx.lex.key("unit_compound", m["comp"])
    unit, shift = key[0], int(key[1:])
    base = ctx.anaphoric() if shift > 0 or unit == "D" else ctx.deictic()
    return _shifted(base, shift, unit, m, ctx)


def _n_weekend(m: "re.Match[str]", ctx: Context) -> _Result:
    base = ctx.deictic()
    if base is None or base[2] is None:
        return None, "week", "date", None
    weekday = dt.date(*base).isoweekday()  # type: ignore[arg-type]
    if ctx.future(m.start()):
        shift = 0
    else:
        shift = 0 if weekday >= 6 else -1
    return _shifted(base, shift, "WE", m, ctx)


def _number(ctx: Context, raw: str | None) -> float | None:
    """1, 2.5 … for digits and number words; None for vague or missing quantities."""
    if raw is None:
        return None
    if raw.isdigit():
        return float(raw)
    key = ctx.lex.lookup["number"].get(raw.lower())
    return float(key) if key is not None else None


def _n_ago(m: "re.Match[str]", ctx: Context) -> _Result:
    n = _number(ctx, m["n"]) if m["n"] else None
    unit = _unit_key(ctx, m["unit"])
    if n is None or unit not in ("Y", "M", "W", "D") or n != int(n):
        return "PAST_REF", None, "date", None
    return _shifted(ctx.deictic(), -int(n), unit, m, ctx)


def _n_offset(m: "re.Match[str]", ctx: Context) -> _Result:
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
    point = shift_point(base, sign * int(n), unit)
    if point is None:
        return None, None, "date", None
    if unit == "Y":
        point = (point[0], None, None)
    return format_point(point), granularity_of(point), "date", point


def _n_after(m: "re.Match[str]", ctx: Context) -> _Result:
    n = _number(ctx, m["n"])
    unit = _unit_key(ctx, m["unit"])
    if n is None or n != int(n) or unit not in ("Y", "M", "W", "D"):
        return _duration(ctx, m["n"], unit), None, "duration", None
    base = ctx.anaphoric()
    if base is None or unit in ("D", "W") and base[2] is None:
        return _duration(ctx, m["n"], unit), None, "duration", None
    point = shift_point(base, int(n), unit)
    if point is None:
        return None, None, "date", None
    if unit == "Y":
        point = (point[0], None, None)
    return format_point(point), granularity_of(point), "date", point


def _duration(ctx: Context, raw: str | None, unit: str, half: bool = False) -> str:
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


def _n_duration(m: "re.Match[str]", ctx: Context) -> _Result:
    unit = _unit_key(ctx, m["unit"])
    half = bool(_HALF.search(m.group()))
    value = _duration(ctx, m["n"], unit, half)
    if m["n2"] and m["unit2"]:
        unit2 = _unit_key(ctx, m["unit2"])
        n1, n2 = _number(ctx, m["n"]), _number(ctx, m["n2"])
        days = {"W": 7, "D": 1}
        if n1 is not None and n2 is not None and unit in days and unit2 in days:
            value = f"P{int(n1 * days[unit] + n2 * days[unit2])}D"
    return value, None, "duration", None


def _n_relplural(m: "re.Match[str]", ctx: Context) -> _Result:
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


def _n_since(m: "re.Match[str]", ctx: Context) -> _Result:
    return ctx.lex.duration_fmt[_unit_key(ctx, m["unit"])].format(n="X"), None, "duration", None


def _n_unitadj(m: "re.Match[str]", ctx: Context) -> _Result:
    unit = {"tägig": "D", "wöchig": "W", "monatig": "M", "jährig": "Y", "stündig": "H"}[m["adj"]]
    raw = m["n"].rstrip("-")
    if raw in ("mehr", "viel"):
        raw = None
        return ctx.lex.duration_fmt[unit].format(n="X"), None, "duration", None
    return _duration(ctx, raw, unit), None, "duration", None


def _n_clock(m: "re.Match[str]", ctx: Context) -> _Result:
    base = ctx.anaphoric()
    clock = _clock(m) or ""
    if base is None:
        return "XXXX-XX-XX" + clock, "datetime", "time", None
    year, month, day = base
    date = (
        format_year(year)
        + (f"-{month:02d}" if month else "-XX")
        + (f"-{day:02d}" if day else "-XX")
    )
    return date + clock, "datetime", "time", None


def _n_daypart(m: "re.Match[str]", ctx: Context) -> _Result:
    base = ctx.anaphoric()
    rel = m["rel"]
    shift = int(ctx.lex.lookup["relative"][rel.lower()]) if rel else 0
    if m["dir"] and m["dir"] in ("darauf", "danach"):
        shift = 1
    point = shift_point(base, shift, "D") if base is not None else None
    part = _day_part(ctx, m)
    if point is None or part is None:
        return None, "datetime", "time", None
    return format_point(point) + part, "datetime", "time", point


def _n_set(m: "re.Match[str]", ctx: Context) -> _Result:
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


def _n_setadv(m: "re.Match[str]", ctx: Context) -> _Result:
    word = m["freq"].lower()
    wd = ctx.lex.lookup["weekday_adverb"].get(word)
    if wd:
        return f"XXXX-WXX-{ctx.lex.weekday_no[wd]}", None, "set", None
    return ctx.lex.frequency_set[ctx.lex.key("frequency", word)], None, "set", None


def _n_present(m: "re.Match[str]", ctx: Context) -> _Result:
    if ctx.narrative or ctx.anchor is None:
        return "PRESENT_REF", None, "date", None
    return format_point(ctx.anchor), granularity_of(ctx.anchor), "date", None


def _n_vague(m: "re.Match[str]", ctx: Context) -> _Result:
    return ctx.lex.key("vague", m["vague"]), None, "date", None


NORMALISERS: dict[str, Callable[["re.Match[str]", Context], _Result]] = {
    name[3:]: fn for name, fn in globals().items() if name.startswith("_n_")
}
NORMALISERS["clockum"] = _n_clock
