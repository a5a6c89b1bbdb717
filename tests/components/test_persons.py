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
