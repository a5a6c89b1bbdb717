"""Tests for the factx_persons component: names, roles and countries in German sentences."""

import pytest
import spacy

import factx.components.persons  # noqa: F401  (registers the factory)
from factx.extensions import ENTITIES

try:
    import factx.components.entities  # noqa: F401

    HAVE_ENTITIES = True
except ImportError:  # the entity component lands separately
    HAVE_ENTITIES = False

needs_gazetteer = pytest.mark.skipif(not HAVE_ENTITIES, reason="factx_entities not available")


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    if HAVE_ENTITIES:
        nlp.add_pipe("factx_entities")
    nlp.add_pipe("factx_persons")
    return nlp


def persons(nlp, text):
    doc = nlp(text)
    return [
        (s.text, s._.factx_entity["name"], s._.factx_entity["role"], s._.factx_entity["country"])
        for s in doc.spans[ENTITIES]
        if s.label_ == "PER"
    ]


# (sentence, one expected person: (text, name, role, country))
CASES = [
    (
        "Präsident Wolodymyr Selenskyj dankte den Partnern.",
        ("Wolodymyr Selenskyj", "Wolodymyr Selenskyj", "Präsident", None),
    ),
    (
        "NATO-Sprecherin Farah Dakhlallah bestätigte das Treffen.",
        ("Farah Dakhlallah", "Farah Dakhlallah", "NATO-Sprecherin", None),
    ),
    (
        "Kreml-Sprecher Dmitri Peskow wies die Berichte zurück.",
        ("Dmitri Peskow", "Dmitri Peskow", "Sprecher", "RU"),
    ),
    ("NATO-Chef Mark Rutte reist nach Kiew.", ("Mark Rutte", "Mark Rutte", "NATO-Chef", None)),
    (
        "Kremlchef Wladimir Putin drohte erneut.",
        ("Wladimir Putin", "Wladimir Putin", "Kremlchef", "RU"),
    ),
    (
        "Bundeskanzler Olaf Scholz lehnte die Lieferung ab.",
        ("Olaf Scholz", "Olaf Scholz", "Bundeskanzler", "DE"),
    ),
    (
        "Außenminister Abdoulaye Diop sprach in Bamako.",
        ("Abdoulaye Diop", "Abdoulaye Diop", "Außenminister", None),
    ),
    (
        "Oberst Heiko Bohnsack leitet die Übung.",
        ("Heiko Bohnsack", "Heiko Bohnsack", "Oberst", None),
    ),
    (
        "Geheimdienstchef Cho Tae Yong informierte die Abgeordneten.",
        ("Cho Tae Yong", "Cho Tae Yong", "Geheimdienstchef", None),
    ),
    (
        "Verteidigungsminister Sergej Schoigu besuchte die Truppen.",
        ("Sergej Schoigu", "Sergej Schoigu", "Verteidigungsminister", None),
    ),
    (
        "Vizeinnenminister Maciej Wasik wurde verhaftet.",
        ("Maciej Wasik", "Maciej Wasik", "Vizeinnenminister", None),
    ),
    (
        "Das sagte Präsident Yoon Suk Yeol am Dienstag.",
        ("Yoon Suk Yeol", "Yoon Suk Yeol", "Präsident", None),
    ),
    (
        "Die Abgeordneten Lee Seong-kweun und Kim Byung-kee forderten Aufklärung.",
        ("Lee Seong-kweun", "Lee Seong-kweun", "Abgeordnete", None),
    ),
    (
        "Die Abgeordneten Lee Seong-kweun und Kim Byung-kee forderten Aufklärung.",
        ("Kim Byung-kee", "Kim Byung-kee", "Abgeordnete", None),
    ),
    (
        "Machthaber Kim Jong Un beobachtete den Test.",
        ("Kim Jong Un", "Kim Jong Un", "Machthaber", None),
    ),
    ("Am Abend traf Xi Jinping in Moskau ein.", ("Xi Jinping", "Xi Jinping", None, None)),
    ("Mark Rutte warnte vor Russland.", ("Mark Rutte", "Mark Rutte", None, None)),
    (
        "Zuvor hatte sich Ursula von der Leyen geäußert.",
        ("Ursula von der Leyen", "Ursula von der Leyen", None, None),
    ),
    ("Frau Merkel schwieg dazu.", ("Merkel", "Merkel", None, None)),
    ("Das Gericht hörte Herrn Schneider als Zeugen.", ("Schneider", "Schneider", None, None)),
    (
        "Bundesverteidigungsministerin Lambrecht reiste ab. Lambrecht sagte nichts.",
        ("Lambrecht", "Lambrecht", "Bundesverteidigungsministerin", "DE"),
    ),
    (
        "Präsident Wolodymyr Selenskyj bat um Hilfe. Selenskyjs Plan stieß auf Zustimmung.",
        ("Selenskyjs", "Wolodymyr Selenskyj", "Präsident", None),
    ),
    (
        "Präsident Wolodymyr Selenskyj bat um Hilfe. Später sprach Selenskyj im Parlament.",
        ("Selenskyj", "Wolodymyr Selenskyj", "Präsident", None),
    ),
    (
        "Die Abgeordneten Lee Seong-kweun und Kim Byung-kee reisten ab. Lee blieb in Seoul.",
        ("Lee", "Lee Seong-kweun", "Abgeordnete", None),
    ),
    (
        "Ölminister Ali al-Nuaimi kündigte Kürzungen an.",
        ("Ali al-Nuaimi", "Ali al-Nuaimi", "Ölminister", None),
    ),
    ("Es sei ein großer Erfolg, sagte Barth.", ("Barth", "Barth", None, None)),
    ("Krause (61) sah den Rauch als Erster.", ("Krause", "Krause", None, None)),
    (
        "1992 wurde Präsident Fernando Collor de Mello abgesetzt.",
        ("Fernando Collor de Mello", "Fernando Collor de Mello", "Präsident", None),
    ),
    (
        "Auch Verteidigungsminister Franz Josef Jung war anwesend.",
        ("Franz Josef Jung", "Franz Josef Jung", "Verteidigungsminister", None),
    ),
    (
        "Der Rapper Alpa Gun ist auf zwei Liedern zu hören.",
        ("Alpa Gun", "Alpa Gun", "Rapper", None),
    ),
]

# Cases whose country comes from the gazetteer (a prefix, an adjective, a genitive).
GAZETTEER_CASES = [
    (
        "US-Präsident George W. Bush verteidigte den Einsatz.",
        ("George W. Bush", "George W. Bush", "Präsident", "US"),
    ),
    (
        "FDP-Fraktionsvize Carl-Ludwig Thiele forderte Klarheit.",
        ("Carl-Ludwig Thiele", "Carl-Ludwig Thiele", "FDP-Fraktionsvize", "DE"),
    ),
    (
        "US-Verteidigungsminister Lloyd Austin traf seine Amtskollegen.",
        ("Lloyd Austin", "Lloyd Austin", "Verteidigungsminister", "US"),
    ),
    (
        "Der ukrainische Präsident Wolodymyr Selenskyj dankte.",
        ("Wolodymyr Selenskyj", "Wolodymyr Selenskyj", "Präsident", "UA"),
    ),
    (
        "Der Leiter des ukrainischen Militärgeheimdienstes, Kyrylo Budanow, sagte das.",
        ("Kyrylo Budanow", "Kyrylo Budanow", "Leiter", "UA"),
    ),
    (
        "Russlands Präsident Wladimir Putin schwieg.",
        ("Wladimir Putin", "Wladimir Putin", "Präsident", "RU"),
    ),
    (
        "US-Verteidigungsminister Lloyd Austin reiste ab. Austin sagte nichts.",
        ("Austin", "Lloyd Austin", "Verteidigungsminister", "US"),
    ),
]

NEGATIVES = [
    "Der Präsident der Republik sprach vor dem Parlament.",
    "Der Minister für Verkehr legte einen Plan vor.",
    "Der Sprecher sagte, Deutschland werde helfen.",
    "Die Regierung beriet am Montag über die Lage.",
    "Sie zahlten damals 100 Mark für das Brett.",
    "Die Sänger der Dave Matthews Band traten auf.",
    "Der Präsident Frankreichs reiste nach Berlin.",
    "In San Antonio regnete es.",
    "Er schoss zwei Tore für den Verein.",
    "Der Lautsprecher Bose war laut.",
]


@pytest.mark.parametrize("text,expected", CASES)
def test_person(nlp, text, expected):
    assert expected in persons(nlp, text)


@needs_gazetteer
@pytest.mark.parametrize("text,expected", GAZETTEER_CASES)
def test_person_country(nlp, text, expected):
    assert expected in persons(nlp, text)


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_person(nlp, text):
    assert persons(nlp, text) == []


# Sentences that exercise the cues and the look-ups of the candidate search: (sentence, all
# persons in it). The component only scans sequences near names, roles and cues; these are
# the paths where a missed sequence would show.
ALL_PERSONS = [
    ("Das sei nicht hinnehmbar, sagte \nBarth am Abend.", [("Barth", "Barth", None, None)]),
    ("Das sei nicht hinnehmbar, sagte  Barth.", [("Barth", "Barth", None, None)]),
    ("Das sei falsch, so al-Baghdadi.", [("al-Baghdadi", "al-Baghdadi", None, None)]),
    (
        "Der Fahrer Jens Müller ( 45 ) blieb unverletzt.",
        [("Jens Müller", "Jens Müller", "Fahrer", None)],
    ),
    (
        "Die Wahl gewann Präsidentin Maia Sandu. Sandus Partei jubelte.",
        [
            ("Maia Sandu", "Maia Sandu", "Präsidentin", None),
            ("Sandus", "Maia Sandu", "Präsidentin", None),
        ],
    ),
    (
        "Präsident Wolodymyr Selenskyj sprach. Selenskyjs Berater widersprach, doch "
        "Selenskyjss Büro schwieg.",
        [
            ("Wolodymyr Selenskyj", "Wolodymyr Selenskyj", "Präsident", None),
            ("Selenskyjs", "Wolodymyr Selenskyj", "Präsident", None),
        ],
    ),
    (
        "Die Ministerin, Annalena Baerbock, reiste nach Kiew.",
        [("Annalena Baerbock", "Annalena Baerbock", "Ministerin", None)],
    ),
    (
        "Die Außenminister Annalena Baerbock und Antony Blinken berieten.",
        [
            ("Annalena Baerbock", "Annalena Baerbock", "Außenminister", None),
            ("Antony Blinken", "Antony Blinken", "Außenminister", None),
        ],
    ),
    (
        "Der Bericht stammt von J. Smith und wurde 2020 veröffentlicht.",
        [("J. Smith", "J. Smith", None, None)],
    ),
    (
        "EU-Kommissionspräsidentin Ursula von der Leyen besuchte Rom.",
        [("Ursula von der Leyen", "Ursula von der Leyen", "EU-Kommissionspräsidentin", None)],
    ),
    (
        "Schon damals hatte Franz J. Strauß davor gewarnt.",
        [("Franz J. Strauß", "Franz J. Strauß", None, None)],
    ),
    ("Heute im iPhone-Test: Tim Cook und die Kamera.", [("Tim Cook", "Tim Cook", None, None)]),
    (
        "Er traf Kim Jong Un in Hanoi. Kim lächelte.",
        [("Kim Jong Un", "Kim Jong Un", None, None), ("Kim", "Kim Jong Un", None, None)],
    ),
    (
        "Die Regierung des Landes, sagte Regierungssprecher Steffen Hebestreit, werde handeln.",
        [("Steffen Hebestreit", "Steffen Hebestreit", "Regierungssprecher", None)],
    ),
    ("Festgenommen wurde ein Mann, Ali Y. (26), aus Köln.", []),
    # a lone "s" before a role (a split genitive) once raised IndexError
    (
        "Das Haus s Präsident Olaf Scholz kam.",
        [("Olaf Scholz", "Olaf Scholz", "Präsident", None)],
    ),
]


@pytest.mark.parametrize("text,expected", ALL_PERSONS)
def test_all_persons(nlp, text, expected):
    assert persons(nlp, text) == expected


SEQUENCE_TEXTS = [
    "Der Leiter des ukrainischen Militärgeheimdienstes, Kyrylo Budanow, sagte das.",
    "Zuvor hatte sich Ursula von der Leyen (CDU) im Bundestag geäußert.",
    "Ölminister Ali al-Nuaimi traf Dr. Hans-Peter Schulz und George W. Bush in San Antonio.",
    "Laut US-Präsident Joe Biden sei das „falsch“, so Biden's Sprecher.\nDie von\nder Leyen",
    "(Prof. Dr.  Abu al  Baghdadi, Carlos de la Cruz y Ortega):Mark O’Brien-Smith traf Kim.",
    "Vize-Kanzler  Werner  Kogler,Kanzler Karl Nehammer (ÖVP) sowie Bundespräsident Van der Bellen",
]


@pytest.mark.parametrize("text", SEQUENCE_TEXTS)
def test_sequence_at_any_offset_is_the_one_of_a_whole_scan(text):
    """Finding a sequence from the nearest safe point gives the one a scan of all finds."""
    from factx.components.persons import _Sequences
    from factx.names import load_lexicon

    lex = load_lexicon()
    whole = list(lex.sequence.finditer(text))
    shared = _Sequences(text, lex)  # remembers what it found: asked out of order here
    for pos in [*range(0, len(text), 2), *range(len(text) - 1, 0, -2)]:
        expected = next((m.span() for m in whole if m.start() <= pos < m.end()), None)
        for sequences in (_Sequences(text, lex), shared):
            found = sequences.containing(pos)
            assert (found.span() if found else None) == expected, pos


@pytest.mark.parametrize("text", SEQUENCE_TEXTS)
def test_sequences_covering_offsets_are_those_found_one_by_one(text):
    """One forward pass over sorted offsets finds what a search per offset finds."""
    from factx.components.persons import _Sequences
    from factx.names import CAPITALISED, load_lexicon

    lex = load_lexicon()
    positions = sorted({m.start() for m in CAPITALISED.finditer(text)} | {0, len(text) // 2})
    one_by_one, last, alone = [], 0, _Sequences(text, lex)
    for pos in positions:
        m = alone.containing(pos) if pos >= last else None
        if m is not None:
            one_by_one.append([(w.text, w.start) for w in alone.words(m)])
            last = m.end()
    covered = _Sequences(text, lex).covering(positions)
    assert [[(w.text, w.start) for w in seq] for seq in covered] == one_by_one
    assert one_by_one


@pytest.mark.parametrize("text", SEQUENCE_TEXTS)
def test_runs_not_role_like_are_no_roles(text):
    """A run the first test of ``role_of`` rejects is no role (the scan skips ``role_of``)."""
    from factx.components.persons import PersonFinder, _Sequences
    from factx.names import role_of

    finder = PersonFinder()
    finder._candidates(text, _Sequences(text, finder.lex))
    assert finder._role_like <= finder._seen
    assert finder._seen - finder._role_like
    for run in finder._seen - finder._role_like:
        assert role_of(run) is None, run


@pytest.mark.parametrize("text", SEQUENCE_TEXTS)
def test_words_of_a_sequence_are_those_of_the_word_pattern(text):
    """Splitting a sequence at its spaces gives the words the word pattern finds in it."""
    from factx.components.persons import _Sequences
    from factx.names import load_lexicon

    lex = load_lexicon()
    found = _Sequences(text, lex)
    for m in lex.sequence.finditer(text):
        expected = [
            (w.group(), m.start() + w.start(), m.start() + w.end(), w.group() in lex.particles)
            for w in lex.word.finditer(m.group())
        ]
        words = [(w.text, w.start, w.end, w.particle) for w in found.words(m)]
        assert words == expected


@pytest.mark.parametrize(
    "group",
    [
        [(2, 3, "ORG"), (4, 6, "LOC"), (8, 9, "LOC")],  # sorted, as factx_entities writes it
        [(8, 9, "LOC"), (2, 3, "ORG"), (4, 6, "LOC")],  # any other order
    ],
)
def test_names_replace_only_spans_they_cover(group):
    """``Olaf Scholz`` replaces ``Scholz``; ``Kanzler Karl`` keeps ``Karl Nehammer`` out."""
    from spacy.tokens import Span

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("factx_persons")
    doc = nlp.make_doc("Präsident Olaf Scholz traf Kanzler Karl Nehammer in Wien.")
    doc = nlp.get_pipe("sentencizer")(doc)
    doc.spans[ENTITIES] = [Span(doc, start, end, label=label) for start, end, label in group]
    doc = nlp.get_pipe("factx_persons")(doc)
    assert [(s.start, s.end, s.label_) for s in doc.spans[ENTITIES]] == [
        (1, 3, "PER"),
        (4, 6, "LOC"),
        (8, 9, "LOC"),
    ]


@needs_gazetteer
@pytest.mark.parametrize(
    "text,extra,expected",
    [
        # A span added to the group after factx_entities wrote it is kept.
        (
            "Kanzler Olaf Scholz traf in Wien ein.",
            (3, 4, "ORG"),
            [(1, 3, "PER"), (3, 4, "ORG"), (5, 6, "LOC")],
        ),
        # The group replaced by one without the place: the place does not come back.
        ("Kanzler Olaf Scholz traf in Wien ein.", None, [(1, 3, "PER")]),
    ],
)
def test_persons_read_the_group_as_it_is(nlp, text, extra, expected):
    """factx_persons takes the spans factx_entities wrote only if the group is unchanged."""
    from spacy.tokens import Span

    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "factx_persons":
            break
        doc = proc(doc)
    spans = [s for s in doc.spans[ENTITIES] if s.label_ != "LOC"]
    if extra is not None:
        spans = [*doc.spans[ENTITIES], Span(doc, extra[0], extra[1], label=extra[2])]
        spans.sort(key=lambda s: (s.start, s.end))
    doc.spans[ENTITIES] = spans
    doc = nlp.get_pipe("factx_persons")(doc)
    assert [(s.start, s.end, s.label_) for s in doc.spans[ENTITIES]] == expected


@needs_gazetteer
@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Die Bundeswehr verlegt Soldaten nach Litauen.",
            [("Bundeswehr", "ORG"), ("Litauen", "LOC")],
        ),
        (
            "Kanzler Olaf Scholz reiste nach Litauen.",
            [("Olaf Scholz", "PER"), ("Litauen", "LOC")],
        ),
    ],
)
def test_persons_after_entities_of_another_doc(nlp, text, expected):
    """The spans factx_entities wrote for one doc never reach another doc's persons."""
    other = nlp("Die Nato tagte in Brüssel und Paris.")
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name != "factx_persons":
            doc = proc(doc)
    nlp.get_pipe("factx_entities")(other)  # entities of another doc, between the two
    doc = nlp.get_pipe("factx_persons")(doc)
    assert [(s.text, s.label_) for s in doc.spans[ENTITIES]] == expected


def test_forgetting_classified_words_changes_nothing(monkeypatch):
    """After the cache of classified capital runs is emptied, the same people are found."""
    import factx.components.persons as module

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("factx_persons")
    text = "Bundesverteidigungsministerin Lambrecht reiste ab. Lambrecht sagte nichts."
    expected = persons(nlp, text)
    assert expected
    monkeypatch.setattr(module, "_SEEN_MAX", 0)  # emptied on the next call, with new words
    assert persons(nlp, f"Am Montag: {text}") == expected


def test_spans_sorted_and_disjoint(nlp):
    doc = nlp("Der ukrainische Präsident Wolodymyr Selenskyj traf in Kiew NATO-Chef Mark Rutte.")
    spans = list(doc.spans[ENTITIES])
    assert spans == sorted(spans, key=lambda s: (s.start, s.end))
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


def test_given_names_match_generator():
    """The committed given_names.json is what scripts/build_given_names.py makes."""
    import importlib.util
    import json
    from pathlib import Path

    faker = pytest.importorskip("faker")
    root = Path(__file__).resolve().parents[2]
    committed = root / "src" / "factx" / "data" / "de" / "given_names.json"
    if json.loads(committed.read_text(encoding="utf-8"))["faker_version"] != faker.VERSION:
        pytest.skip("another Faker version is installed")
    spec = importlib.util.spec_from_file_location("bgn", root / "scripts" / "build_given_names.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check", "--out", str(committed)]) == 0
