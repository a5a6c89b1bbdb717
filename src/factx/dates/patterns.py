"""The date rules: one regular expression per kind of expression, with a cheap key."""

import re
from collections.abc import Iterable
from functools import lru_cache

from factx.dates.lexicon import alternation, load_lexicon, surfaces_of
from factx.precompiled import compile_all

_B = r"(?<![\w.])"  # left word boundary that also refuses "1.500" and "z.B."
_E = r"(?![\w])"


#: The compiled rules and keys shipped as data (see ``factx.precompiled``).
COMPILED = "dates/rules.compiled.json"


@lru_cache(maxsize=1)
def rule_patterns() -> dict[str, tuple["re.Pattern[str]", "re.Pattern[str]"]]:
    """Each rule's regex and key regex, compiled, in priority order."""
    sources = rule_sources()
    compiled = iter(compile_all([p for pair in sources.values() for p in pair], COMPILED))
    return {name: (next(compiled), next(compiled)) for name in sources}


@lru_cache(maxsize=1)
def rule_sources() -> dict[str, tuple[str, str]]:
    """Each rule's regex and key regex as pattern text, in priority order."""
    lex = load_lexicon()
    month_full = [s for s in surfaces_of("month") if not s.endswith(".")]
    month = alternation(surfaces_of("month"))
    weekday = alternation(surfaces_of("weekday"))
    num = r"(?:\d{1,3}|" + alternation(surfaces_of("number", capitalised=True)) + ")"
    vague_num = alternation(surfaces_of("vague_number", capitalised=True))
    season = alternation(surfaces_of("season"))
    season_c = alternation(surfaces_of("season_compound"))
    part = alternation(surfaces_of("part"))
    rel = alternation(surfaces_of("relative", capitalised=True))
    day_part = alternation(surfaces_of("day_part"))
    day_part_adv = alternation(surfaces_of("day_part_adverb"))
    ordinal = alternation(surfaces_of("ordinal"))
    unit = alternation(surfaces_of("unit"))
    year_x = r"(?:\d{1,4}\s?v\.\s?Chr\.|\d{1,4}\s?n\.\s?Chr\.|\d{3,4}(?!\d|[.,]\d))"
    rel_year = rf"(?P<ry>(?:des\s+)?(?:{rel}\s+)?Jahres|desselben\s+Jahres)"
    part_pre = rf"(?:(?P<part>{part})\s+(?:(?:des|der|dem)\s+)?)?"
    tz = (
        r"(?:\s+(?:mitteleuropäischer|MEZ|MESZ|Ortszeit|osteuropäischer|Moskauer)"
        r"(?:\s+(?:Sommer)?[Zz]eit)?)?"
    )
    year_part_c = alternation(surfaces_of("year_part_compound"))
    frequency = alternation(
        surfaces_of("frequency") + surfaces_of("weekday_adverb", capitalised=True)
    )
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
        "compound": rf"{_B}(?P<comp>{alternation(surfaces_of('unit_compound'))}){_E}",
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
        "unitadj": rf"{_B}(?P<n>\d+-|{alternation(surfaces_of('number'))}|mehr|viel)"
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
        "present": rf"{_B}(?P<present>{alternation(surfaces_of('present', capitalised=True))}){_E}",
        "vague": rf"{_B}(?P<vague>{alternation(surfaces_of('vague', capitalised=True))}){_E}",
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
        "compound": alternation(surfaces_of("unit_compound")),
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
        "present": alternation(surfaces_of("present", capitalised=True)),
        "vague": alternation(surfaces_of("vague", capitalised=True)),
    }
    del lex, month_full
    return {name: (rx, keys[name]) for name, rx in p.items()}


_BEFORE, _AFTER = 80, 100  # window around a key: longer than any rule's prefix and suffix


def key_windows(key: "re.Pattern[str]", text: str) -> list[tuple[int, int]]:
    """Merged spans around the key's occurrences; each ends at a space or the text end."""
    return windows_around((k.span() for k in key.finditer(text)), text)


def windows_around(hits: "Iterable[tuple[int, int]]", text: str) -> list[tuple[int, int]]:
    """Merged spans around key hits (sorted ``(start, end)``), as ``key_windows`` cuts them."""
    out: list[tuple[int, int]] = []
    for k_start, k_end in hits:
        start = max(0, k_start - _BEFORE)
        end = text.find(" ", k_end + _AFTER)
        end = len(text) if end < 0 else end
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
