"""Troop counts through the whole pipeline: one German sentence per phenomenon.

Each row: sentence → the single count factx must find, as
(value, min, max, approx, kind, actor country, location country). ``None`` in the actor or
location column means "none found"; ``ANY`` skips a column the row does not test.
"""

import pytest

from factx.extensions import POSSESSIVE_QUANTIFIERS

ANY = object()

# fmt: off
COUNTS = [
    # --- number formats
    ("Nordkorea hat 1.500 Soldaten nach Russland entsandt.", (1500, 1500, 1500, False, "deployed", "KP", "RU")),
    ("Die USA haben 12.000 Soldaten in Polen stationiert.", (12000, 12000, 12000, False, "stationed", "US", "PL")),
    ("Frankreich schickt 10 000 Soldaten nach Rumänien.", (10000, 10000, 10000, False, "deployed", "FR", "RO")),
    ("Frankreich schickt 10\u202f000 Soldaten nach Rumänien.", (10000, 10000, 10000, False, "deployed", "FR", "RO")),
    ("Die Schweiz schickt 10'000 Soldaten an die Grenze.", (10000, 10000, 10000, False, "deployed", "CH", None)),
    ("Israel hat 4800 Reservisten einberufen.", (4800, 4800, 4800, False, "mobilized", "IL", None)),
    ("Russland hat 1,5 Millionen Soldaten unter Waffen.", (1500000, 1500000, 1500000, False, ANY, "RU", None)),
    ("China verfügt über 2,5 Mio. Soldaten.", (2500000, 2500000, 2500000, False, "strength", "CN", None)),
    ("Indien hat eine Million Soldaten mobilisiert.", (1000000, 1000000, 1000000, False, "mobilized", "IN", None)),
    ("Der Iran schickte zwanzig Offiziere nach Syrien.", (20, 20, 20, False, "deployed", "IR", "SY")),
    ("Die Türkei verlegt zweitausend Soldaten in den Irak.", (2000, 2000, 2000, False, "deployed", "TR", "IQ")),
    ("Pakistan entsendet zwölftausend Soldaten nach Saudi-Arabien.", (12000, 12000, 12000, False, "deployed", "PK", "SA")),
    ("Österreich stellt dreissig Soldaten für die Mission im Kosovo.", (30, 30, 30, False, ANY, "AT", "XK")),
    ("Kanada will einige hundert Soldaten nach Lettland verlegen.", (None, 100, None, "vague", "deployed", "CA", "LV")),
    ("Russland hat eine halbe Million Soldaten an der Front.", (500000, 500000, 500000, False, ANY, "RU", None)),
    ("Zwei Dutzend Soldaten wurden getötet.", (24, 24, 24, False, "killed", None, None)),
    # --- vague quantities
    ("Dutzende Soldaten wurden bei dem Angriff getötet.", (None, 12, None, "vague", "killed", None, None)),
    ("Hunderte Soldaten sind in der Stadt stationiert.", (None, 100, None, "vague", "stationed", None, None)),
    ("Tausende Soldaten marschierten an der Grenze auf.", (None, 1000, None, "vague", ANY, None, None)),
    ("Israel mobilisiert Zehntausende Reservisten.", (None, 10000, None, "vague", "mobilized", "IL", None)),
    ("Die Armee hat mehrere tausend Soldaten in den Süden verlegt.", (None, 1000, None, "vague", "deployed", None, None)),
    ("Russland hat zig Söldner nach Mali geschickt.", (None, 20, None, "vague", "deployed", "RU", "ML")),
    # --- qualifiers
    ("Nordkorea hat rund 12.000 Soldaten nach Russland geschickt.", (12000, 12000, 12000, "approx", "deployed", "KP", "RU")),
    ("Etwa 600 nordkoreanische Soldaten wurden getötet.", (600, 600, 600, "approx", "killed", "KP", None)),
    ("In Litauen sind ca. 900 deutsche Soldaten stationiert.", (900, 900, 900, "approx", "stationed", "DE", "LT")),
    ("Circa 300 Soldaten wurden verlegt.", (300, 300, 300, "approx", "deployed", None, None)),
    ("Ungefähr 2000 Soldaten sind im Einsatz.", (2000, 2000, 2000, "approx", "stationed", None, None)),
    ("Schätzungsweise 5000 Kämpfer halten die Stadt.", (5000, 5000, 5000, "approx", ANY, None, None)),
    ("Knapp 1000 Soldaten wurden aus Afghanistan abgezogen.", (1000, 1000, 1000, "approx", "withdrawn", None, "AF")),
    ("Fast 3000 ukrainische Soldaten wurden verwundet.", (3000, 3000, 3000, "approx", "wounded", "UA", None)),
    ("Beinahe 400 Marinesoldaten sind an Bord.", (400, 400, 400, "approx", ANY, None, None)),
    ("Gut 40.000 US-Soldaten sind im Nahen Osten stationiert.", (40000, 40000, None, "at_least", "stationed", "US", ANY)),
    ("Über 4.000 Soldaten wurden verletzt.", (4000, 4000, None, "at_least", "wounded", None, None)),
    ("Mehr als 15.000 Soldaten wurden nach Russland entsandt.", (15000, 15000, None, "at_least", "deployed", None, "RU")),
    ("Mindestens 200 Soldaten wurden gefangen genommen.", (200, 200, None, "at_least", "captured", None, None)),
    ("Weit über 100.000 Soldaten sind an der Front im Einsatz.", (100000, 100000, None, "at_least", "stationed", None, None)),
    ("Das Mandat erlaubt bis zu 1.100 Bundeswehrsoldaten in Mali.", (1100, None, 1100, "at_most", "planned", "DE", "ML")),
    ("Maximal 300 Soldaten dürfen in den Irak entsandt werden.", (300, None, 300, "at_most", ANY, None, "IQ")),
    ("Höchstens 50 Soldaten sollen in Niger bleiben.", (50, None, 50, "at_most", ANY, None, "NE")),
    # --- ranges
    ("Seit Kriegsbeginn wurden 2500 bis 3000 ukrainische Soldaten getötet.", (2500, 2500, 3000, "range", "killed", "UA", None)),
    ("Nach Schätzungen sind 2.500–3.000 Söldner in Libyen.", (2500, 2500, 3000, "range", ANY, None, "LY")),
    ("Zwischen 60.000 und 70.000 russische Soldaten sind in der Region stationiert.", (60000, 60000, 70000, "range", "stationed", "RU", None)),
    ("Russland hat 60- bis 70.000 Soldaten an der Grenze zusammengezogen.", (60000, 60000, 70000, "range", ANY, "RU", None)),
    # --- additional
    ("Polen schickt weitere 2000 Soldaten an die Grenze zu Belarus.", (2000, 2000, 2000, False, "deployed", "PL", None)),
    ("Nordkorea soll 1.500 weitere Soldaten nach Russland geschickt haben.", (1500, 1500, 1500, False, "deployed", "KP", "RU")),
    # --- who is counted
    ("Die Bundeswehr hat 120 Soldatinnen und Soldaten nach Jordanien verlegt.", (120, 120, 120, False, "deployed", "DE", "JO")),
    ("Ende 2023 dienten 181.500 Soldat:innen in der Bundeswehr.", (181500, 181500, 181500, False, "stationed", "DE", None)),
    ("Litauen erwartet eine 4800 Mann starke Brigade aus Deutschland.", (4800, 4800, 4800, False, ANY, ANY, ANY)),
    ("Rund 1000 Kämpfer der Hamas wurden getötet.", (1000, 1000, 1000, "approx", "killed", None, None)),
    ("Russland hat 5000 Söldner nach Libyen geschickt.", (5000, 5000, 5000, False, "deployed", "RU", "LY")),
    ("Die Ukraine setzt 300 Rekruten an der Front ein.", (300, 300, 300, False, ANY, "UA", None)),
    ("Südkorea hat 2000 Wehrpflichtige zusätzlich einberufen.", (2000, 2000, 2000, False, "mobilized", "KR", None)),
    ("Frankreich verlegt 500 Fallschirmjäger nach Estland.", (500, 500, 500, False, "deployed", "FR", "EE")),
    ("Großbritannien hat 200 Spezialkräfte in den Irak geschickt.", (200, 200, 200, False, "deployed", "GB", "IQ")),
    ("Im Libanon sind 10.000 Blauhelme stationiert.", (10000, 10000, 10000, False, "stationed", None, "LB")),
    ("Die Türkei hat 3.000 Militärangehörige nach Katar verlegt.", (3000, 3000, 3000, False, "deployed", "TR", "QA")),
    ("Deutschland hat 350 Bundeswehrsoldaten in Litauen stationiert.", (350, 350, 350, False, "stationed", "DE", "LT")),
    ("In Japan sind 54.000 US-Soldaten stationiert.", (54000, 54000, 54000, False, "stationed", "US", "JP")),
    ("Der Einsatz umfasst 700 Angehörige der Streitkräfte.", (700, 700, 700, False, "strength", None, None)),
    ("Griechenland schickt 20 Offiziere nach Zypern.", (20, 20, 20, False, "deployed", "GR", "CY")),
    ("Polen hat 5000 Polizisten und Grenzschützer an die Grenze geschickt.", (5000, 5000, 5000, False, "deployed", "PL", None)),
    ("Nach ukrainischen Angaben kämpfen 3.000 Nordkoreaner in Kursk.", (3000, 3000, 3000, False, "stationed", "KP", "RU")),
    ("Seit Oktober sind 300 Soldaten der Bundeswehr in Niger.", (300, 300, 300, False, ANY, "DE", "NE")),
    ("Die Truppen Russlands zählen 150.000 Soldaten in der Ukraine.", (150000, 150000, 150000, False, ANY, "RU", "UA")),
    ("Die Bundeswehr hat 2.000 Soldaten aus Afghanistan abgezogen.", (2000, 2000, 2000, False, "withdrawn", "DE", "AF")),
    ("Frankreich hat seine letzten 1.500 Soldaten aus Niger abgezogen.", (1500, 1500, 1500, False, "withdrawn", "FR", "NE")),
    ("Im vergangenen Monat wurden 300 Soldaten aus Mali abgezogen.", (300, 300, 300, False, "withdrawn", None, "ML")),
    # --- casualties
    ("Nach Angaben aus Kiew wurden 600 russische Soldaten getötet.", (600, 600, 600, False, "killed", "RU", None)),
    ("Bei dem Angriff gab es 600 Tote unter den Soldaten.", (600, 600, 600, False, "killed", None, None)),
    ("In der Schlacht soll es rund 4.700 Opfer unter den Soldaten gegeben haben.", (4700, 4700, 4700, "approx", "other", None, None)),
    ("Nach russischen Angaben sollen 20 000 Soldaten getötet worden sein.", (20000, 20000, 20000, False, "killed", None, None)),
    ("Die ukrainische Armee hat 45 russische Soldaten gefangen genommen.", (45, 45, 45, False, "captured", "RU", None)),
    # --- planned
    ("Deutschland will bis 2027 rund 5000 Soldaten in Litauen stationieren.", (5000, 5000, 5000, "approx", "planned", "DE", "LT")),
    ("Die Nato plant, 300.000 Soldaten in hohe Bereitschaft zu versetzen.", (300000, 300000, 300000, False, ANY, None, None)),
]
# fmt: on

NOT_COUNTS = [
    "Der Artikel erschien am 23.10.2024 um 16:03 Uhr.",
    "Im Jahr 2024 wurde die Truppe modernisiert.",
    "Das Paket umfasst 212 Mio. Euro für die Armee.",
    "Die Armee erhält 30 Panzer und vier Battlegroups.",
    "Die USA schicken zwei Flugzeugträger in die Region.",
    "Die Zustimmung zur Mission liegt bei 45 Prozent.",
    "Der 25-jährige Soldat wurde verletzt.",
    "Die vierte Division wurde nach Süden verlegt.",
    "Die Resolution 1441 fordert die Abrüstung.",
    "Bei dem Angriff wurden 20 Zivilisten getötet.",
    "Mehr als 2000 Flüchtlinge erreichten die Grenze.",
    "Der Soldat ist 45 Jahre alt.",
    "Die 82. Luftlandedivision ist in Alarmbereitschaft.",
    "Die Strecke ist 300 Kilometer lang.",
    "Das Bataillon wurde 1956 gegründet.",
]


def _single(article):
    assert len(article.facts) == 1, [f.count.text for f in article.facts]
    return article.facts[0]


@pytest.mark.parametrize("text,expected", COUNTS, ids=[t[:40] for t, _ in COUNTS])
def test_count(extract, text, expected):
    value, lo, hi, approx, kind, actor, location = expected
    fact = _single(extract(text, published="2024-10-23"))
    assert text[fact.count.start : fact.count.end] == fact.count.text
    got = (
        fact.count.value,
        fact.count.min,
        fact.count.max,
        fact.count.approx,
        fact.kind,
        fact.actor.country if fact.actor else None,
        fact.location.country if fact.location else None,
    )
    names = ("value", "min", "max", "approx", "kind", "actor", "location")
    for want, have, name in zip(expected, got, names, strict=True):
        if want is not ANY:
            assert have == want, f"{name}: want {want!r}, got {have!r}"
    del value, lo, hi, approx, kind, actor, location


@pytest.mark.parametrize("text", NOT_COUNTS)
def test_not_a_count(extract, text):
    assert extract(text, published="2024-10-23").facts == []


def test_elided_noun_from_previous_sentence(extract):
    text = (
        "Der Geheimdienst legte Zahlen zu den Verlusten nordkoreanischer Soldaten vor. "
        "Etwa 600 von ihnen wurden getötet, mehr als 4.000 wurden verwundet."
    )
    facts = extract(text).facts
    assert [(f.count.text, f.kind, f.unit) for f in facts] == [
        ("Etwa 600", "killed", "Soldat"),
        ("mehr als 4.000", "wounded", "Soldat"),
    ]


def test_elided_number_without_troops_is_not_a_count(extract):
    text = "Die Preise stiegen im Oktober. Etwa 600 von ihnen wurden erhöht."
    assert extract(text).facts == []


def test_actor_carries_over_from_previous_sentence(extract):
    text = "Nordkorea hat 1.500 Soldaten entsandt. Weitere 2.000 Soldaten sollen folgen."
    facts = extract(text).facts
    assert [f.actor.country if f.actor else None for f in facts] == ["KP", "KP"]


def test_nearest_place_in_clause_not_first_in_sentence(extract):
    text = "Wegen des Krieges in der Ukraine schickt Deutschland 500 Soldaten nach Litauen."
    fact = _single(extract(text))
    assert fact.location.country == "LT"
    assert fact.actor.country == "DE"


def test_date_of_the_clause_is_resolved(extract):
    text = "Am vergangenen Freitag hat Nordkorea 1.500 Soldaten nach Russland entsandt."
    fact = _single(extract(text, published="2024-10-23"))
    assert fact.date.value == "2024-10-18"
    assert text[fact.date.start : fact.date.end] == fact.date.text


@pytest.mark.parametrize(
    "text,location",
    [
        # a pointer back to the place named before
        (
            "Die Bundeswehr ist seit Jahren in Litauen präsent. Dort sind derzeit 900 Soldaten stationiert.",
            "LT",
        ),
        # an elided count keeps the place of the noun it refers to
        (
            "Der Geheimdienst nannte Verluste nordkoreanischer Soldaten in Russland. Etwa 600 von ihnen wurden getötet.",
            "RU",
        ),
        # a source's seat is not where the troops are
        (
            "Deutschland schickt 500 Soldaten, teilte das Verteidigungsministerium in Berlin mit.",
            None,
        ),
        # "im Hafen von Odessa"
        ("Im Hafen von Odessa sind 300 Marinesoldaten stationiert.", "UA"),
    ],
)
def test_location_rules(extract, text, location):
    fact = extract(text, published="2024-10-23").facts[-1]
    assert (fact.location.country if fact.location else None) == location


@pytest.mark.parametrize(
    "text,actor",
    [
        ("Auf israelischer Seite sind mehr als 400 Soldaten gefallen.", "IL"),
        ("Die Briten unterhielten damals etwa 3000 Mann in der Region.", "GB"),
        ("Das österreichische Bundesheer entsendet 160 Soldaten in den Libanon.", "AT"),
        # no fact names a force: the country the article is about
        ("In Graubünden und in Davos sind bis zu 5000 Armeeangehörige im Einsatz.", "CH"),
        # a dateline's agency is nobody's army
        ("Warschau (Reuters) - Polen will bis zu 17.000 Soldaten an der Grenze einsetzen.", "PL"),
    ],
)
def test_actor_rules(extract, text, actor):
    fact = extract(text, published="2024-10-23").facts[-1]
    assert (fact.actor.country if fact.actor else None) == actor


def test_the_dead_count_only_near_armed_forces(extract):
    assert extract("Bei dem Busunglück in Bayern gab es 71 Tote.").facts == []
    text = "Bei den Gefechten mit der Armee gab es 71 Tote, die meisten davon Zivilisten."
    assert extract(text).facts == []


# --- the count finder reads only around troop nouns: it must find what a full scan finds

FULL_SCAN = [
    # many numbers before the troop noun: the scan starts where it is in the same state
    "Am 12. März 2024 gewann Rapid 3:1, 18.500 Zuschauer kamen. Im Jahr 2023 waren es 14. "
    "Nordkorea hat rund 12.000 Soldaten nach Russland geschickt, 2.000 weitere sollen folgen.",
    # an elided number borrows the noun that follows
    "Die Armee stockte ihr Kontingent um 900 auf 1.800 Soldaten auf.",
    # elided counts refer back one and two sentences
    "Die Armee verlor im Winter 300 Soldaten. Weitere 200 wurden verletzt. Es waren 150 mehr als im Jahr davor.",
    # a demonym with a deployment cue in a military text
    "Im Krieg gegen die Ukraine kämpfen Nordkoreaner. Pjöngjang hat 3.000 Nordkoreaner an die Front geschickt.",
    # "Angehörige der Streitkräfte", also with other whitespace
    "Rund 500 Angehörige  der Streitkräfte wurden verlegt.",
    "Etwa 2.000 Angehörige des Bundesheeres sind im Einsatz.",
    # whole-word nouns: "Mann" from 100 on, the dead near armed forces, "Männer und Frauen"
    "Eine 4800 Mann starke Brigade wurde an die Grenze verlegt.",
    "Bei den Kämpfen der Armee gab es 40 Tote unter den Soldaten.",
    "Das Bundesheer bildet 300 Männer und Frauen für den Einsatz aus.",
    "Der Mann war 45 Jahre alt, die Mannschaft siegte 2:0.",
    # compounds and hyphens
    "Gut 40.000 US-Soldaten und 3.000 Bundeswehrsoldaten sind im Nahen Osten stationiert.",
    # no troops at all
    "Der Umsatz stieg um 4 Prozent auf 52 Mrd. Euro, 300 Mitarbeiter wurden eingestellt.",
]


@pytest.mark.parametrize("text", FULL_SCAN, ids=[t[:40] for t in FULL_SCAN])
def test_reading_around_troop_nouns_finds_what_the_full_scan_finds(nlp, text):
    from factx.api import make_doc
    from factx.components.counts import TroopCounts

    doc = make_doc(nlp, text)
    for name, proc in nlp.pipeline:
        if name == "factx_counts":
            break
        doc = proc(doc)
    fast = nlp.get_pipe("factx_counts")
    assert fast.flags is not None  # the pipeline's finder takes the fast path
    found = [s._.factx_count for s in fast(doc).spans["factx_counts"]]
    full = [s._.factx_count for s in TroopCounts()(doc).spans["factx_counts"]]
    assert found == full


def test_the_tokenizer_never_splits_a_run_of_letters(nlp):
    from spacy.attrs import ORTH

    # the token flags of the count finder and the claims rely on it: a noun, a number word or
    # a speech verb lies inside one token
    for text, pieces in nlp.tokenizer.rules.items():
        at = 0
        for piece in pieces[:-1]:
            at += len(piece[ORTH])
            assert not (text[at - 1].isalpha() and text[at].isalpha()), text


# Tokens whose mask the vocabulary flags tell by a regex match or by the full tests; the
# uncommon letters: the Kelvin sign lower-cases to "k", Ÿ to "ÿ", "٣" is an Arabic-Indic digit.
FLAG_TOKENS = [
    "Haus",
    "Soldaten",
    "SOLDATEN",
    "sOLDATEN",
    "Bundeswehrsoldaten",
    "Spezialkräften",
    "KRÄFTE",
    "Polizisten",
    "Rekruten",
    "Nordkoreaner",
    "geschickt",
    "Front",
    "zweitausend",
    "Zweitausend",
    "Achtelfinale",
    "Tote",
    "Mann",
    "Männer",
    "Online-Werkzeug",
    "US-Soldaten",
    "UNO-Truppe",
    "Ex-Klubkollege",
    "2014",
    "20.45",
    "1:0.",
    "3,5",
    "50.000.",
    "²",
    "½",
    "٣",
    "\u212aämpfer",
    "\u212alub",
    "Ÿsoldaten",
    "Stra\u1e9ee",
    "–",
    "„",
    "Erdoğan",
    "Ärzte",
    "ÖVP",
]


@pytest.mark.parametrize("token", FLAG_TOKENS)
def test_vocabulary_flags_equal_the_full_tests(token):
    from factx.components import counts

    kinds = counts._compute_kinds(token)
    # a new string, as the tokenizer passes it: the second flag reads what the first computed
    token = "".join(list(token))
    assert counts._may_matter(token) == bool(kinds & ~counts._ANCHOR)
    assert counts._may_hold_number(token) == bool(kinds & counts._ANCHOR)
    assert counts._may_hold_number(token + " ") == bool(counts._compute_kinds(token + " ") & 1)


@pytest.mark.skipif(
    not POSSESSIVE_QUANTIFIERS, reason="the screens need Python 3.11's possessive quantifiers"
)
@pytest.mark.parametrize("token", ["Haus", "Online-Werkzeug", "2014", "20.45", "Ärzte"])
def test_common_words_need_no_full_tests(token, monkeypatch):
    from factx.components import counts

    counts._may_matter("Haus")  # the screens are loaded

    def fail(word):
        raise AssertionError(word)

    monkeypatch.setattr(counts, "_compute_kinds", fail)
    counts._may_matter("".join(list(token)))


# A count at a sentence end ("... 1.500. Dann") is one token: the sentence splitter finds it
# from the dot back (the counts read their context sentence by sentence).
@pytest.mark.parametrize(
    "text",
    [
        "Es waren 1.500. Dann kam der Winter.",
        "Am 12.03.2024. Danach nichts. Es blieben 350.  \tAlle gingen.",
        "Am 12. März und am 31. Mai, nicht 45. Juni, sondern 120. Mal.",
        "Er zählte 5.. Aber 2. 3. Mai, 4.5. Bis 1.2.3. Die x... Ende ..5. Ja",
        "Zahlen in anderer Schrift: ٣٣٣. Dann 33. Ende.",
        "Kein Punkt: 500 Soldaten",
    ],
)
def test_sentence_final_numbers_as_the_regex_finds_them(text):
    import re

    from factx.components.sentences import _FINAL_NUMBER, _final_numbers

    candidates = re.finditer(r"\d[\d.]*\.[ \t]+(?=[A-ZÄÖÜ])", text)
    assert _final_numbers(text) == [
        m.end() for m in candidates if _FINAL_NUMBER.match(text, m.start())
    ]
