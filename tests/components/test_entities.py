"""Tests for the ``factx_entities`` component on sentences written for these tests."""

import pickle
import re

import pytest
import spacy

from factx.components.entities import _BEFORE_WORD, EntityTagger, _end_words, _trie
from factx.extensions import ENTITIES


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("factx_entities")
    return nlp


def _found(doc):
    return [(s.text, s.label_, s._.factx_entity["country"]) for s in doc.spans[ENTITIES]]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Nordkorea hat Soldaten nach Russland geschickt.",
            [("Nordkorea", "LOC", "KP"), ("Russland", "LOC", "RU")],
        ),
        ("Die Soldaten wurden zunächst nach Wladiwostok gebracht.", [("Wladiwostok", "LOC", "RU")]),
        (
            "Der südkoreanische Geheimdienst NIS berichtete davon.",
            [("südkoreanische", "LOCderiv", "KR"), ("NIS", "ORG", "KR")],
        ),
        (
            "Nordkoreanische Truppen sollen in der Region Kursk eingesetzt werden.",
            [("Nordkoreanische", "LOCderiv", "KP"), ("Region Kursk", "LOC", "RU")],
        ),
        (
            "Die Nachrichtenagentur Yonhap meldete, 1.500 Nordkoreaner seien bereits in Russland.",
            [
                ("Yonhap", "ORG", "KR"),
                ("Nordkoreaner", "LOCderiv", "KP"),
                ("Russland", "LOC", "RU"),
            ],
        ),
        ("Auch die USA und die NATO sehen Beweise.", [("USA", "LOC", "US"), ("NATO", "ORG", None)]),
        (
            "Ein Sprecher der EU-Kommission äußerte sich in Brüssel besorgt.",
            [("EU-Kommission", "ORG", None), ("Brüssel", "LOC", "BE")],
        ),
        (
            "Das Auswärtige Amt bestellte den Geschäftsträger ein.",
            [("Auswärtige Amt", "ORG", "DE")],
        ),
        (
            "Eine Sprecherin des Auswärtigen Amtes sagte, man sei besorgt.",
            [("Auswärtigen Amtes", "ORG", "DE")],
        ),
        (
            "Ein nordkoreanischer Vertreter sprach bei den Vereinten Nationen in New York.",
            [
                ("nordkoreanischer", "LOCderiv", "KP"),
                ("Vereinten Nationen", "ORG", None),
                ("New York", "LOC", "US"),
            ],
        ),
        ("Kreml-Sprecher Dmitri Peskow wies das zurück.", [("Kreml-Sprecher", "ORG", "RU")]),
        ("Die NATO-Sprecherin bestätigte das.", [("NATO-Sprecherin", "ORG", None)]),
        ("Der Kreml schweigt zu den Vorwürfen.", [("Kreml", "ORG", "RU")]),
        (
            "Moskau und Pjöngjang unterzeichneten im Juni einen Vertrag.",
            [("Moskau", "LOC", "RU"), ("Pjöngjang", "LOC", "KP")],
        ),
        (
            "Die Bundeswehr verlegt 200 Soldaten nach Litauen.",
            [("Bundeswehr", "ORG", "DE"), ("Litauen", "LOC", "LT")],
        ),
        ("Bundeswehrsoldaten üben in Wunstorf.", [("Wunstorf", "LOC", "DE")]),
        (
            "Die US-Armee stationiert weitere Truppen in Polen.",
            [("US-Armee", "ORG", "US"), ("Polen", "LOC", "PL")],
        ),
        ("US-Soldaten sind in Deutschland stationiert.", [("Deutschland", "LOC", "DE")]),
        (
            "Im Gazastreifen kämpft die israelische Armee gegen die Hamas.",
            [
                ("Gazastreifen", "LOC", "PS"),
                ("israelische Armee", "ORG", "IL"),
                ("Hamas", "ORG", None),
            ],
        ),
        (
            "Die Huthis greifen Schiffe im Roten Meer an.",
            [("Huthis", "ORG", None), ("Roten Meer", "LOC", None)],
        ),
        (
            "Die Wagner-Gruppe war in Mali aktiv, heute heißt sie Afrikakorps.",
            [("Wagner-Gruppe", "ORG", "RU"), ("Mali", "LOC", "ML"), ("Afrikakorps", "ORG", "RU")],
        ),
        (
            "Im Sahel ziehen sich französische Soldaten zurück.",
            [("Sahel", "LOC", None), ("französische", "LOCderiv", "FR")],
        ),
        (
            "Die UN-Mission MINUSMA hat Mali verlassen.",
            [("MINUSMA", "ORG", None), ("Mali", "LOC", "ML")],
        ),
        ("Die KFOR-Truppe im Kosovo wird verstärkt.", [("Kosovo", "LOC", "XK")]),
        (
            "Die ukrainische Armee hat Stellungen im Donbass verloren.",
            [("ukrainische Armee", "ORG", "UA"), ("Donbass", "LOC", "UA")],
        ),
        (
            "Die Krim wurde 2014 von Russland annektiert.",
            [("Krim", "LOC", "UA"), ("Russland", "LOC", "RU")],
        ),
        (
            "Die Franzosen und die Briten beraten in Paris.",
            [("Franzosen", "LOCderiv", "FR"), ("Briten", "LOCderiv", "GB"), ("Paris", "LOC", "FR")],
        ),
        ("Der Bundestag stimmte dem Mandat zu.", [("Bundestag", "ORG", "DE")]),
        (
            "Die Bundesregierung in Berlin hält sich zurück.",
            [("Bundesregierung", "ORG", "DE"), ("Berlin", "LOC", "DE")],
        ),
        ("Das Pentagon bestätigte die Zahl.", [("Pentagon", "ORG", "US")]),
        ("Das Weiße Haus äußerte sich nicht.", [("Weiße Haus", "ORG", "US")]),
        (
            "Ein Sprecher des Weißen Hauses sagte, man prüfe die Berichte.",
            [("Weißen Hauses", "ORG", "US")],
        ),
        (
            "Die OSZE beobachtet die Lage in der Ostukraine.",
            [("OSZE", "ORG", None), ("Ostukraine", "LOC", "UA")],
        ),
        (
            "Laut dpa und AFP wurden zwei Soldaten verletzt.",
            [("dpa", "ORG", "DE"), ("AFP", "ORG", "FR")],
        ),
        (
            "Die Ukrainer verteidigen Charkiw.",
            [("Ukrainer", "LOCderiv", "UA"), ("Charkiw", "LOC", "UA")],
        ),
        ("In Essen demonstrierten Tausende.", [("Essen", "LOC", "DE")]),
        ("Beim Essen sprachen sie über Politik.", []),
        ("Im Mai besuchte er Warschau.", [("Warschau", "LOC", "PL")]),
        ("Der Berliner Senat tagt am Dienstag.", [("Berliner Senat", "ORG", "DE")]),
        (
            "Die deutsch-französische Brigade übt in Baden-Württemberg.",
            [("deutsch-französische", "LOCderiv", "DE"), ("Baden-Württemberg", "LOC", "DE")],
        ),
        (
            "Taiwan fürchtet die chinesische Marine.",
            [("Taiwan", "LOC", "TW"), ("chinesische", "LOCderiv", "CN")],
        ),
        (
            "Die Palästinenser im Westjordanland protestieren.",
            [("Palästinenser", "LOCderiv", "PS"), ("Westjordanland", "LOC", "PS")],
        ),
        (
            "Der Iran und Israel stehen sich feindlich gegenüber.",
            [("Iran", "LOC", "IR"), ("Israel", "LOC", "IL")],
        ),
        ("Die Türkei ist Mitglied der Nato.", [("Türkei", "LOC", "TR"), ("Nato", "ORG", None)]),
        (
            "Das Gebiet Kursk liegt an der Grenze zur Ukraine.",
            [("Gebiet Kursk", "LOC", "RU"), ("Ukraine", "LOC", "UA")],
        ),
        (
            "Truppen der ECOWAS stehen in Niger bereit.",
            [("ECOWAS", "ORG", None), ("Niger", "LOC", "NE")],
        ),
        (
            "Die russischen Streitkräfte griffen Kiew an.",
            [("russischen Streitkräfte", "ORG", "RU"), ("Kiew", "LOC", "UA")],
        ),
        ("Lloyd Austin traf sich mit Nato-Generalsekretär Mark Rutte.", []),
        ("Der Ukraine-Krieg dauert an.", []),
        ("Die Nato-Staaten erhöhen ihre Ausgaben.", []),
        (
            "Die Vereinigten Staaten liefern Waffen an Taiwan.",
            [("Vereinigten Staaten", "LOC", "US"), ("Taiwan", "LOC", "TW")],
        ),
        (
            "Die Kämpfer des Islamischen Staates zogen sich aus Syrien zurück.",
            [("Islamischen Staates", "ORG", None), ("Syrien", "LOC", "SY")],
        ),
        (
            "Der UN-Sicherheitsrat tagt in New York.",
            [("UN-Sicherheitsrat", "ORG", None), ("New York", "LOC", "US")],
        ),
        ("Die Universität Hamburg forscht dazu.", [("Universität Hamburg", "ORG", "DE")]),
        (
            "Das Bundesamt für Migration und Flüchtlinge meldet mehr Anträge.",
            [("Bundesamt für Migration und Flüchtlinge", "ORG", "DE")],
        ),
        ("Die Rheinmetall AG liefert Munition.", [("Rheinmetall AG", "ORG", "DE")]),
        (
            "Der Ausschuss hörte Vertreter der GKN und der BIEM an.",
            [("GKN", "ORG", None), ("BIEM", "ORG", None)],
        ),
        (
            "Der VfB Stuttgart gewann in Gladbeck.",
            [("VfB Stuttgart", "ORG", "DE"), ("Gladbeck", "LOC", "DE")],
        ),
        (
            "Die Kölner feierten, die Münchner nicht.",
            [("Kölner", "LOCderiv", "DE"), ("Münchner", "LOCderiv", "DE")],
        ),
        ("Er traf Gagarin im Sternenstädtchen.", []),
        ("Das Labor in Kreischa wurde geschlossen.", [("Kreischa", "LOC", "DE")]),
        ("Lambrecht sagte, die Gemeinde Lambrecht sei pleite.", [("Lambrecht", "LOC", "DE")]),
        (
            "Sie flohen über die Schwabacher Straße in die Goethestraße 12 und dann weiter.",
            [("Schwabacher Straße", "LOC", "DE"), ("Goethestraße 12", "LOC", None)],
        ),
        ("Auf der Landstraße bildete sich eine Rettungsgasse.", []),
        (
            "Im Thüringer Wald und in Nordhessen schneit es.",
            [("Thüringer Wald", "LOC", "DE"), ("Nordhessen", "LOC", "DE")],
        ),
        ("Der Stausee liegt am Ammersee.", [("Ammersee", "LOC", None)]),
        ("Er wechselte zum 1. FC Nürnberg.", [("1. FC Nürnberg", "ORG", None)]),
        ("Der FC Carl Zeiss Jena verlor.", [("FC Carl Zeiss Jena", "ORG", None)]),
        ("Der TSV Hinterdupfing gewann.", [("TSV Hinterdupfing", "ORG", None)]),
        (
            "Der THW Kiel siegte in Flensburg.",
            [("THW Kiel", "ORG", None), ("Flensburg", "LOC", "DE")],
        ),
        (
            "Die Chicago Bulls spielen in Chicago.",
            [("Chicago Bulls", "ORG", "US"), ("Chicago", "LOC", "US")],
        ),
        ("Er wurde an Stoke City verliehen.", [("Stoke City", "ORG", None)]),
        ("Die GTX 480 und § 55 SGB I gelten.", []),
        ("BOCHUM - Der Intendant geht.", [("BOCHUM", "LOC", "DE")]),
        ("Die HIMARS-Systeme und die HIMARS trafen Depots.", []),
    ],
)
def test_entities(nlp, text, expected):
    assert _found(nlp(text)) == expected


def test_span_payload_and_offsets(nlp):
    text = "Die Soldaten wurden zunächst nach Wladiwostok gebracht."
    doc = nlp(text)
    (span,) = doc.spans[ENTITIES]
    assert text[span.start_char : span.end_char] == span.text == "Wladiwostok"
    entity = span._.factx_entity
    assert set(entity) == {"name", "type", "country", "lat", "lon", "role"}
    assert (entity["name"], entity["type"], entity["country"], entity["role"]) == (
        "Wladiwostok",
        "city",
        "RU",
        None,
    )
    assert entity["lat"] == pytest.approx(43.1, abs=0.1)


def test_spans_sorted_and_disjoint(nlp):
    text = (
        "Die Vereinten Nationen in New York und die New Yorker Polizei: Nordkoreanische "
        "Soldaten der DVRK (Demokratische Volksrepublik Korea) sind im Gebiet Kursk."
    )
    doc = nlp(text)
    spans = list(doc.spans[ENTITIES])
    assert len(spans) == 7
    for left, right in zip(spans, spans[1:], strict=False):
        assert left.end <= right.start


def test_seed_entities(nlp):
    text = (
        "Südkoreas Geheimdienst berichtete, jetzt sehen auch USA und NATO Beweise. "
        "Die Soldaten wurden nach Wladiwostok transportiert. Laut NIS sollen sie in der "
        "russischen Region Kursk eintreffen. Ein Sprecher der EU-Kommission in Brüssel, "
        "Kreml-Sprecher Dmitri Peskow und das Auswärtige Amt äußerten sich."
    )
    found = {(t, label) for t, label, _ in _found(nlp(text))}
    assert {
        ("Südkoreas", "LOC"),
        ("USA", "LOC"),
        ("NATO", "ORG"),
        ("Wladiwostok", "LOC"),
        ("NIS", "ORG"),
        ("russischen", "LOCderiv"),
        ("Region Kursk", "LOC"),
        ("EU-Kommission", "ORG"),
        ("Brüssel", "LOC"),
        ("Auswärtige Amt", "ORG"),
        ("Kreml-Sprecher", "ORG"),
    } <= found


# The fast scan (EntityTagger._candidates) hands the rules only the words that can begin an
# entity; these texts are built around the cases where that is decided by the word after a
# word, by a character before it, or by a table other than the one the word is in.
_SCAN_CASES = [
    "Die Robert Bosch GmbH und die Bosch AG-Chefin trafen die Acme Corp. in Ulm.",
    "Sie wohnt in der Schwabacher Straße 90c, nicht in der Leipziger Str. 3.",
    "Die Linke, die Zeit und Die Grünen sprachen mit Die-Zeit-Lesern.",
    "In St. Louis und St. Petersburg, in New York und bei New Yorkern.",
    "(dpa) Bonn/dpa meldet, die dpa-Meldung sei falsch; „taz“ und ntv.",
    "dpa - Die eBay-Zentrale und t-online berichten über al-Kaida.",
    "Die russischen-freundlichen und deutsch-französischen Truppen.",
    "Kreml-Sprecher Peskow, NATO-Sprecherin und EU-Staaten, CSU-Politiker.",
    "Aus Weissrussland nach Grossbritannien, Moskaus Antwort, Griechenlandes.",
    "Nordhessen, Süditalien, Oberschenkel und Westen; Schwanitzstraße und Tegernsee.",
    "Der THW Kiel, die TU München und GTX 480; die Berliner und Münchnerinnen.",
    "Das Labor in Kreischa, die Gemeinde Lambrecht und Herr Lambrecht.",
    "Die Chicago Bulls, Stoke City und der FC Carl Zeiss Jena in der Region Kursk.",
    "Das Bundesamt für Migration, die Universität Hamburg und das Bundesfinanzministerium.",
    "BOCHUM - Berlin, Warschau und Venedig; in Essen und Halle; Hof.",
    "Menschen Flüchtlinge Land Landtag Bank Banken See Seehofer Tor Tore.",
    "ukrainischen-russischen Gespräche, „ntv“–dpa, ×dpa und Ärzte÷taz; eBay-Chef Müller.",
    "russische Truppen, al-Schabaab und israelische-palästinensischen Gespräche in Jerusalem.",
]


def _spans(doc):
    return [(s.start_char, s.end_char, s.label_, s._.factx_entity) for s in doc.spans[ENTITIES]]


@pytest.mark.parametrize("text", _SCAN_CASES)
def test_fast_scan_finds_the_scanners_words(text):
    tagger = EntityTagger()
    tagger.gazetteer  # noqa: B018 - compiles the scanner
    expected = [(m.start(), m.group()) for m in tagger._scanner.finditer(text)]
    assert [(m.start(), m.group()) for m in tagger._matches(text)] == expected


@pytest.mark.parametrize("text", _SCAN_CASES)
def test_fast_scan_loses_no_entity(nlp, text):
    every_word = EntityTagger()
    every_word.gazetteer  # noqa: B018 - compiles the scanner
    every_word._candidates = every_word._scanner.finditer  # the rules see every word
    assert _spans(nlp(text)) == _spans(every_word(nlp.make_doc(text)))


def test_tagger_pickles_after_use(nlp):
    text = "Die Bundeswehr verlegt Soldaten nach Litauen, meldet dpa."
    tagger = nlp.get_pipe("factx_entities")
    tagger(nlp.make_doc(text))
    copy = pickle.loads(pickle.dumps(tagger))
    assert _spans(copy(nlp.make_doc(text))) == _spans(nlp(text))


@pytest.mark.parametrize(
    "words",
    [["dpa"], ["dpa", "ddp", "dapd"], ["taz", "t-online", "tagesschau"], ["ab", "abc", "b"]],
)
def test_trie_matches_each_word(words):
    pattern = re.compile(_trie(words))
    for word in words:
        assert pattern.match(word).group() == word
    assert pattern.match("xyz") is None


@pytest.mark.parametrize(
    "suffixes,heads,expected",
    [
        (["AG"], ["Straße"], ({"AG", "Straße", "Straßees", "Straßes"}, ("AG-",))),
        (["Corp."], ["Str."], ({"Corp", "Str"}, ())),
        (["AG", "plc"], ["See"], None),
    ],
)
def test_end_words(suffixes, heads, expected):
    found = _end_words(suffixes, heads)
    assert (found if found is None else (set(found[0]), found[1])) == expected


@pytest.mark.parametrize(
    "char,before",
    [
        (" ", True),
        ("(", True),
        ("„", True),
        ("–", True),
        ("×", True),
        ("\u00a0", True),
        ("\U0001f600", True),
        ("a", False),
        ("Z", False),
        ("7", False),
        ("_", False),
        ("-", False),
        ("é", False),
        ("ß", False),
    ],
)
def test_before_word_class(char, before):
    # A character before a word the scanner can find is one that is no letter, digit,
    # ``_`` or ``-`` (Latin-1 letters count as letters).
    assert bool(re.fullmatch(_BEFORE_WORD, char)) is before


@pytest.mark.parametrize(
    "word",
    [
        "Regierung",
        "Menschen",
        "Freitag",
        "Haustür-Gespräch",
        "Kreml-Sprecher",
        "CSU-Politiker",
        "Berliner",
        "Bauer",
        "Nordhessen",
        "Oberschenkel",
        "Schwanitzstraße",
        "Landstraße",
        "USA",
        "GTX",
        "Bundesfinanzministerium",
        "Moskaus",
        "Weissrussland",
        "Kreischa",
        "Lambrecht",
        "Universität",
    ],
)
def test_kind_records_what_is_inert(word):
    # The kind function records for every word whether it is inert (no rule can make
    # anything of it alone); _one_word reads that instead of asking the rules again.
    tagger = EntityTagger()
    tagger.gazetteer  # noqa: B018 - compiles the scanner
    tagger._kinds[word]  # noqa: B018 - works out the kind
    assert dict.__getitem__(tagger._inert, word) == tagger._is_inert(word)
