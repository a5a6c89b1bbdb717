"""Tests for factx.dates: finding and normalising German time expressions."""

import pytest

from factx.dates import Anchor, find_timexes, parse_anchor

DAY = "2024-10-23T16:03"  # a Wednesday
MONTH = "2024-10"
YEAR = "2024"


def _find(text: str, anchor: str | None, **kwargs):
    return find_timexes(text, parse_anchor(anchor) if anchor else None, **kwargs)


# (sentence, anchor, expression as found, value, granularity, type)
# fmt: off
POSITIVE = [
    # absolute dates
    ("Die Sitzung fand am 23.10.2024 statt.", DAY, "am 23.10.2024", "2024-10-23", "day", "date"),
    ("Der Vertrag wurde am 23. Oktober 2024 unterzeichnet.",
     DAY, "am 23. Oktober 2024", "2024-10-23", "day", "date"),
    ("Am 12. März begann die Übung.", DAY, "Am 12. März", "2024-03-12", "day", "date"),
    ("Im Oktober 2024 wurden Truppen verlegt.", DAY, "Im Oktober 2024", "2024-10", "month", "date"),
    ("Die Armee soll im Jahr 2027 einsatzbereit sein.",
     DAY, "im Jahr 2027", "2027", "year", "date"),
    ("Bis 2027 will das Land aufrüsten.", DAY, "Bis 2027", "2027", "year", "date"),
    ("Im Jänner kamen die ersten Einheiten an.", MONTH, "Im Jänner", "2024-01", "month", "date"),
    ("Die Übung endete am 3. Sept. 2023.", DAY, "am 3. Sept. 2023", "2023-09-03", "day", "date"),
    ("Die Übung begann Anfang Oktober.", DAY, "Anfang Oktober", "2024-10", "month", "date"),
    ("Mitte Juni kehrten die Soldaten zurück.",
     "2023-12", "Mitte Juni", "2023-06", "month", "date"),
    ("Die Brigade soll Ende Oktober verlegt werden.",
     DAY, "Ende Oktober", "2024-10", "month", "date"),
    ("Ende 2024 waren noch 500 Soldaten im Land.", "2025-06", "Ende 2024", "2024", "year", "date"),
    ("Der Abzug ist im Frühjahr 2025 geplant.",
     DAY, "im Frühjahr 2025", "2025-SP", "season", "date"),
    ("Im vierten Quartal stiegen die Ausgaben.",
     DAY, "Im vierten Quartal", "2024-Q4", "quarter", "date"),
    ("In den 1990er Jahren wurde die Truppe verkleinert.",
     DAY, "In den 1990er Jahren", "199", "decade", "date"),
    ("Zum Stichtag 31. Dezember 2023 dienten 181.000 Soldaten.",
     "2024-02", "Zum Stichtag 31. Dezember 2023", "2023-12-31", "day", "date"),
    ("Die Zahl soll bis zum Jahr 2031 wachsen.",
     "2024-02", "bis zum Jahr 2031", "2031", "year", "date"),
    ("Im Jahr 2023 dienten weniger Frauen.", "2024-02", "Im Jahr 2023", "2023", "year", "date"),
    ("Seit April sind die Einheiten im Einsatz.",
     "2025-04", "Seit April", "2025-04", "month", "date"),
    ("Im Januar übernahm das Afrika-Korps.", "2025-06", "Im Januar", "2025-01", "month", "date"),
    ("Das Foto entstand am 4.8.2024 in Moskau.",
     "2025-06", "am 4.8.2024", "2024-08-04", "day", "date"),
    ("Das Abkommen stammt aus dem Jahr 1990.", DAY, "dem Jahr 1990", "1990", "year", "date"),
    ("Der Krieg begann 1914 und endete 1918.", DAY, "1914", "1914", "year", "date"),
    ("Der Krieg begann 1914 und endete 1918.", DAY, "1918", "1918", "year", "date"),
    ("Die Stadt wurde im 20. Jahrhundert zerstört.",
     DAY, "im 20. Jahrhundert", "19", "century", "date"),
    ("Die Schlacht fand 480 v. Chr. statt.", DAY, "480 v. Chr.", "BC0480", "year", "date"),
    ("Im zweiten Halbjahr 2025 soll die Brigade stehen.",
     DAY, "Im zweiten Halbjahr 2025", "2025-H2", "half", "date"),
    ("Das Treffen ist für Dienstag, 5. November 2024 angesetzt.",
     DAY, "für Dienstag, 5. November 2024", "2024-11-05", "day", "date"),
    ("Im Sommer 2022 begann die Gegenoffensive.",
     DAY, "Im Sommer 2022", "2022-SU", "season", "date"),
    ("Seit Mai 2023 sind die Truppen dort.", DAY, "Seit Mai 2023", "2023-05", "month", "date"),
    ("Ab dem 1. Januar 2025 gilt das Mandat.",
     DAY, "Ab dem 1. Januar 2025", "2025-01-01", "day", "date"),
    ("Die Waffenruhe galt vom 24. bis 26. Dezember.",
     "2023-12-27", "vom 24.", "2023-12-24", "day", "date"),
    ("Die Waffenruhe galt vom 24. bis 26. Dezember.",
     "2023-12-27", "bis 26. Dezember", "2023-12-26", "day", "date"),
    ("Zwischen Mai und Juni 1940 fiel Frankreich.", DAY, "Mai", "1940-05", "month", "date"),
    ("Die Regierung tagte am 8. Mai desselben Jahres.",
     DAY, "am 8. Mai desselben Jahres", "2024-05-08", "day", "date"),
    ("Im Herbst vergangenen Jahres wurde die Einheit aufgestellt.",
     DAY, "Im Herbst vergangenen Jahres", "2023-FA", "season", "date"),
    # relative to the anchor
    ("Heute beginnt das Manöver.", DAY, "Heute", "2024-10-23", "day", "date"),
    ("Das Ministerium bestätigte gestern die Zahl.", DAY, "gestern", "2024-10-22", "day", "date"),
    ("Vorgestern landeten die Maschinen.", DAY, "Vorgestern", "2024-10-21", "day", "date"),
    ("Die Truppen sollen morgen eintreffen.", DAY, "morgen", "2024-10-24", "day", "date"),
    ("Übermorgen tagt der Rat.", DAY, "Übermorgen", "2024-10-25", "day", "date"),
    ("Das bestätigte der Sprecher am Freitag.", DAY, "am Freitag", "2024-10-18", "day", "date"),
    ("Am vergangenen Freitag berichtete der Geheimdienst davon.",
     DAY, "Am vergangenen Freitag", "2024-10-18", "day", "date"),
    ("Letzten Freitag trafen sich die Minister.",
     DAY, "Letzten Freitag", "2024-10-18", "day", "date"),
    ("Am vergangenen Mittwoch gab es Angriffe.",
     DAY, "Am vergangenen Mittwoch", "2024-10-16", "day", "date"),
    ("Der Rat tagt am kommenden Montag.", DAY, "am kommenden Montag", "2024-10-28", "day", "date"),
    ("Der Geheimdienst berichtete vergangene Woche davon.",
     DAY, "vergangene Woche", "2024-W42", "week", "date"),
    ("In der vergangenen Woche kamen 400 Soldaten an.",
     DAY, "In der vergangenen Woche", "2024-W42", "week", "date"),
    ("Diese Woche beginnt die Verlegung.", DAY, "Diese Woche", "2024-W43", "week", "date"),
    ("Anfang dieser Woche wurden die Zahlen bestätigt.",
     DAY, "Anfang dieser Woche", "2024-W43", "week", "date"),
    ("Die Entscheidung fällt nächste Woche.", DAY, "nächste Woche", "2024-W44", "week", "date"),
    ("Erst im Juni unterzeichneten beide Staaten einen Vertrag.",
     DAY, "im Juni", "2024-06", "month", "date"),
    ("Im Dezember trafen die ersten Soldaten ein.", DAY, "Im Dezember", "2023-12", "month", "date"),
    ("Im Dezember wird die Brigade verlegt.", DAY, "Im Dezember", "2024-12", "month", "date"),
    ("Der Bericht erschien vor zwei Wochen.", DAY, "vor zwei Wochen", "2024-W41", "week", "date"),
    ("Vor drei Jahren begann der Einsatz.", DAY, "Vor drei Jahren", "2021", "year", "date"),
    ("Vor zwei Tagen fiel die Stadt.", DAY, "Vor zwei Tagen", "2024-10-21", "day", "date"),
    ("Im vergangenen Jahr dienten mehr Soldaten.",
     "2024-02", "Im vergangenen Jahr", "2023", "year", "date"),
    ("Ende vergangenen Jahres waren es noch 2000.",
     DAY, "Ende vergangenen Jahres", "2023", "year", "date"),
    ("Im vergangenen Monat wurden Truppen verlegt.",
     DAY, "Im vergangenen Monat", "2024-09", "month", "date"),
    ("Im Vorjahr waren es weniger.", DAY, "Im Vorjahr", "2023", "year", "date"),
    ("Derzeit sind 1.500 Soldaten im Land.", DAY, "Derzeit", "2024-10-23", "day", "date"),
    ("Aktuell sind 500 Soldaten stationiert.", "2025-06", "Aktuell", "2025-06", "month", "date"),
    ("Zurzeit dienen dort 800 Soldaten.", DAY, "Zurzeit", "2024-10-23", "day", "date"),
    ("Er habe dies am Wochenende angeordnet.", DAY, "am Wochenende", "2024-W42-WE", "week", "date"),
    ("Die Soldaten kamen am Mittwoch an.", DAY, "am Mittwoch", "2024-10-23", "day", "date"),
    ("Am Montag erklärte der Generalsekretär die Lage.",
     DAY, "Am Montag", "2024-10-21", "day", "date"),
    ("Am Freitag sollte die Maschine landen.", "2023-12", "Am Freitag", None, "day", "date"),
    ("In der vergangenen Woche gab es Gefechte.",
     "2023-08", "In der vergangenen Woche", None, "week", "date"),
    ("Anfang dieser Woche räumten beide Staaten den Einsatz ein.",
     "2025-04", "Anfang dieser Woche", None, "week", "date"),
    # relative to the anchor
    ("Heute beginnt das Manöver.", None, "Heute", None, "day", "date"),
    ("Seit Freitag ist die Gruppe abgezogen.", "2025-06", "Seit Freitag", None, "day", "date"),
    ("Am Mittwochabend landete die Maschine.",
     DAY, "Am Mittwochabend", "2024-10-23TEV", "datetime", "time"),
    # times
    ("Die Meldung kam um 16:03 Uhr.", DAY, "um 16:03 Uhr", "2024-10-23T16:03", "datetime", "time"),
    ("Stand: 23.10.2024 16:03 Uhr",
     DAY, "23.10.2024 16:03 Uhr", "2024-10-23T16:03", "datetime", "time"),
    ("Der Angriff begann gegen 5 Uhr.", DAY, "gegen 5 Uhr", "2024-10-23T05:00", "datetime", "time"),
    # durations and sets
    ("Seit drei Tagen wird gekämpft.", DAY, "Seit drei Tagen", "P3D", None, "duration"),
    ("Die Belagerung dauerte zwei Jahre lang.", DAY, "zwei Jahre lang", "P2Y", None, "duration"),
    ("Das Ultimatum lief 48 Stunden.", DAY, "48 Stunden", "PT48H", None, "duration"),
    ("Die Offensive dauerte drei Monate.", DAY, "drei Monate", "P3M", None, "duration"),
    ("Nach einer halben Stunde war alles vorbei.",
     DAY, "einer halben Stunde", "PT30M", None, "duration"),
    ("Die Soldaten blieben anderthalb Jahre.", DAY, "anderthalb Jahre", "P1Y6M", None, "duration"),
    ("Seit Jahren schrumpft die Truppe.", DAY, "Seit Jahren", "PXY", None, "duration"),
    ("Nach der achttägigen Schlacht zogen sie ab.", DAY, "achttägigen", "P8D", None, "duration"),
    ("In den nächsten Tagen sollen weitere folgen.",
     DAY, "In den nächsten Tagen", "PXD", None, "duration"),
    ("Jeden Montag trifft sich der Krisenstab.", DAY, "Jeden Montag", "XXXX-WXX-1", None, "set"),
    ("Die Patrouille fährt täglich.", DAY, "täglich", "XXXX-XX-XX", None, "set"),
    ("Montags ist das Büro geschlossen.", DAY, "Montags", "XXXX-WXX-1", None, "set"),
    ("Jede Woche kommen neue Rekruten.", DAY, "Jede Woche", "XXXX-WXX", None, "set"),
]
# fmt: on

# narrative texts resolve against the last date they mention (anchor: the document date)
# fmt: off
NARRATIVE = [
    ("Am 1. September 1939 begann der Krieg. Zwei Tage später erklärten beide den Krieg.",
     None, "Zwei Tage später", "1939-09-03", "day", "date"),
    ("Am 1. September 1939 begann der Krieg. Am selben Tag fiel die Stadt.",
     None, "Am selben Tag", "1939-09-01", "day", "date"),
    ("Am 1. September 1939 begann der Krieg. Am folgenden Tag fiel die Stadt.",
     None, "Am folgenden Tag", "1939-09-02", "day", "date"),
    ("Am 1. September 1939 begann der Krieg. Am 3. Oktober fiel die Stadt.",
     None, "Am 3. Oktober", "1939-10-03", "day", "date"),
]
# fmt: on


@pytest.mark.parametrize(
    "text,anchor,found,value,granularity,kind,narrative",
    [(*case, False) for case in POSITIVE] + [(*case, True) for case in NARRATIVE],
)
def test_positive(text, anchor, found, value, granularity, kind, narrative):
    timexes = _find(text, anchor, narrative=narrative)
    match = [t for t in timexes if t.text == found]
    assert match, f"{found!r} not in {[t.text for t in timexes]}"
    t = match[0]
    assert (t.value, t.granularity, t.type) == (value, granularity, kind)
    assert text[t.start : t.end] == t.text


# (sentence, anchor, text that must not be (part of) a time expression)
# fmt: off
NEGATIVE = [
    ("Nordkorea hat 2000 Soldaten geschickt.", DAY, "2000"),
    ("Es sind mindestens 2000 im Land.", DAY, "2000"),
    ("Weitere 2000 sollen folgen.", DAY, "2000"),
    ("Der Sicherheitsrat verabschiedete Resolution 1441 einstimmig.", DAY, "1441"),
    ("Das Regiment hat 1500 Mann.", DAY, "1500"),
    ("Die Kosten stiegen auf 1800 Euro.", DAY, "1800"),
    ("Insgesamt 1200 Fahrzeuge wurden gezählt.", DAY, "1200"),
    ("Die Strecke ist 1900 km lang.", DAY, "1900"),
    ("Rund 1.500 Soldaten wurden verlegt.", DAY, "1.500"),
    ("Die Soldaten sind mit der Lage zufrieden.", DAY, "mit"),
    ("Die Entscheidung fiel, so die Sprecherin.", DAY, "die"),
    ("Er sprach mit dem Minister über die Lage.", DAY, "die"),
    ("Der Kaiser August der Starke regierte Sachsen.", DAY, "August"),
    ("Der Platz ist 2024 Meter hoch.", DAY, "2024"),
    ("Die Ortschaft liegt an der Straße Nr. 1945.", DAY, "1945"),
    ("Er erreichte den Morgen nicht mehr.", DAY, "Morgen"),
    ("Ein Sprecher nannte 3000 als Obergrenze.", DAY, "3000"),
]
# fmt: on


@pytest.mark.parametrize("text,anchor,word", NEGATIVE)
def test_negative(text, anchor, word):
    start = text.index(word)
    end = start + len(word)
    for t in _find(text, anchor):
        assert not (t.start < end and start < t.end), f"{t.text!r} read as {t.value}"


@pytest.mark.parametrize(
    "text,extent,expected",
    [
        ("Im Jahr 1914 begann der Krieg.", "timex2", "Jahr 1914"),
        ("Im Jahr 1914 begann der Krieg.", "news", "Im Jahr 1914"),
        ("Das geschah am vergangenen Freitag.", "timex2", "vergangenen Freitag"),
        ("Das geschah am vergangenen Freitag.", "news", "am vergangenen Freitag"),
        ("Im selben Monat fiel die Stadt.", "timex2", "selben Monat"),
        ("Seit drei Tagen wird gekämpft.", "timex2", "drei Tagen"),
    ],
)
def test_extent_conventions(text, extent, expected):
    found = find_timexes(text, parse_anchor(DAY), extent=extent)
    assert [t.text for t in found] == [expected]


def test_weekday_needs_a_day_anchor():
    for anchor in (MONTH, YEAR):
        (t,) = _find("Am Mittwoch tagte der Rat.", anchor)
        assert t.value is None


def test_narrative_reference_moves_along_dates():
    text = (
        "Im Mai 1940 griff Deutschland an. Am 14. Juni fiel Paris. "
        "Im Juni 1941 folgte Russland. Am 22. Juni begann der Angriff."
    )
    values = [t.value for t in _find(text, "2011-02-16", narrative=True)]
    assert values == ["1940-05", "1940-06-14", "1941-06", "1941-06-22"]


def test_output_is_sorted_and_non_overlapping():
    text = "Am 1. September 1939 um 4:45 Uhr, zwei Tage später und am 3. September 1939."
    found = find_timexes(text, Anchor(2011, 2, 16), narrative=True)
    ends = [0] + [t.end for t in found]
    assert all(t.start >= e for t, e in zip(found, ends, strict=False))
    assert all(text[t.start : t.end] == t.text for t in found)
