"""Claims: who says so, and how surely — one sentence per cue and scope case.

Each row: text → (status, a word the source must contain, or None for no source).
"""

import pytest

# fmt: off
CLAIMS = [
    # --- asserted: the outlet states it
    ("Nordkorea hat 1.500 Soldaten nach Russland entsandt.", ("asserted", None)),
    ("In Litauen sind 900 deutsche Soldaten stationiert.", ("asserted", None)),
    ("Die Bundeswehr hat 142 Soldaten aus Mali abgezogen.", ("asserted", None)),
    ("Israel hat 300.000 Reservisten einberufen.", ("asserted", None)),
    # --- reported: attributed to a source
    ("Laut NIS hat Nordkorea 1.500 Soldaten nach Russland entsandt.", ("reported", "NIS")),
    ("Laut Angaben des Pentagons sind 2.000 Soldaten in Polen eingetroffen.", ("reported", "Pentagon")),
    ("Nach Angaben des ukrainischen Generalstabs wurden 600 russische Soldaten getötet.", ("reported", "Generalstab")),
    ("Nach Angaben von Nato-Diplomaten sind 6.000 Soldaten im Kosovo stationiert.", ("reported", "Diplomaten")),
    ("Dem NIS zufolge erhalten 3.000 nordkoreanische Soldaten eine Ausbildung.", ("reported", "NIS")),
    ("Selenskyj zufolge wurden 3.000 ukrainische Soldaten getötet.", ("reported", "Selenskyj")),
    ("Berichten zufolge sind 40.000 US-Soldaten in der Region stationiert.", ("reported", "Berichten")),
    ("Medienberichten zufolge wurden 500 Soldaten verlegt.", ("reported", "Medienberichten")),
    ("Wie das Einsatzführungskommando mitteilte, sind die letzten 142 Soldaten auf dem Heimweg.", ("reported", "Einsatzführungskommando")),
    ("Wie die Nachrichtenagentur Yonhap berichtete, hat Nordkorea 1.500 Soldaten geschickt.", ("reported", "Yonhap")),
    ("Wie der Kreml meldete, sind 2.000 Soldaten in Belarus eingetroffen.", ("reported", "Kreml")),
    ("Der südkoreanische Geheimdienst berichtete, dass Nordkorea 1.500 Soldaten entsandt hat.", ("reported", "Geheimdienst")),
    ("Am Freitag berichtete der südkoreanische Geheimdienst, dass Nordkorea 1.500 Soldaten entsandt hat.", ("reported", "Geheimdienst")),
    ("Nordkorea hat 1.500 Soldaten entsandt, sagte ein Sprecher des Pentagons.", ("reported", "Pentagon")),
    ("Nordkorea hat 1.500 Soldaten entsandt, sagte ein Sprecher der Regierung.", ("reported", "Sprecher")),
    ("Nordkorea hat 1.500 Soldaten entsandt, erklärte US-Verteidigungsminister Lloyd Austin.", ("reported", "Austin")),
    ("3.000 Soldaten sind bereits in Kursk, so der ukrainische Präsident Wolodymyr Selenskyj.", ("reported", "Selenskyj")),
    ("Das Verteidigungsministerium teilte mit, dass 500 Soldaten verlegt wurden.", ("reported", "Verteidigungsministerium")),
    ("Das Pentagon bestätigte, dass 3.000 US-Soldaten in Polen eingetroffen sind.", ("reported", "Pentagon")),
    ("Aus Militärkreisen hieß es, 800 Soldaten seien in Bereitschaft versetzt worden.", ("reported", "Militärkreisen")),
    ("Nach Bundeswehrangaben waren insgesamt 20.000 deutsche Blauhelme in Mali.", ("reported", "Bundeswehrangaben")),
    ("Die Armee habe 400 Soldaten verloren.", ("reported", None)),
    ("Es seien 2.000 Soldaten an der Grenze stationiert.", ("reported", None)),
    # --- carried over within the paragraph
    ("Der NIS legte neue Zahlen vor. Demnach sind 600 nordkoreanische Soldaten getötet worden.", ("reported", "NIS")),
    ("Wie der NIS weiter berichtete, tragen die Soldaten russische Uniformen. " "Insgesamt soll Nordkorea rund 12.000 Soldaten geschickt haben.", ("hedged", "NIS")),
    ("Polen will 10.000 Soldaten an die Grenze schicken. " "Am Donnerstag kündigte Verteidigungsminister Mariusz Blaszczak dies an.", ("planned", "Blaszczak")),
    ("Der Truppe fehlten zum Jahresende 1.500 Soldaten. " "Diese Zahlen nannte das Verteidigungsministerium am Freitag.", ("reported", "Verteidigungsministerium")),
    ("Präsident Selenskyj gab ein Interview. Hinzu kämen 10 000 verletzte Soldaten, berichtete er.", ("reported", "Selenskyj")),
    # --- no carry-over without a cue, nor across paragraphs
    ("Der NIS legte neue Zahlen vor. Russland hat 2.000 Soldaten nach Kursk verlegt.", ("asserted", None)),
    ("Der NIS legte neue Zahlen vor.\n\nDemnach sind 600 Soldaten getötet worden.", ("reported", None)),
    # --- hedged: hearsay, estimates, Konjunktiv II
    ("Nordkorea soll 1.500 weitere Soldaten nach Russland geschickt haben.", ("hedged", None)),
    ("Dass Nordkorea 1.500 Soldaten geschickt haben soll, berichtete Yonhap.", ("hedged", "Yonhap")),
    ("Rund 600 nordkoreanische Soldaten sollen gestorben sein.", ("hedged", None)),
    ("Mutmaßlich 2.000 Soldaten wurden nach Belarus verlegt.", ("hedged", None)),
    ("Angeblich sind 3.000 Söldner in Mali eingetroffen.", ("hedged", None)),
    ("Offenbar hat Russland 5.000 Soldaten an die Grenze verlegt.", ("hedged", None)),
    ("Vermutlich wurden 300 Soldaten getötet.", ("hedged", None)),
    ("Schätzungsweise 5.000 Kämpfer halten die Stadt.", ("hedged", None)),
    ("Damit wären bereits 3.000 Nordkoreaner nach Russland geschickt worden.", ("hedged", None)),
    ("Möglicherweise sind 400 Soldaten gefallen.", ("hedged", None)),
    ("Die Zahlen lassen sich nicht unabhängig prüfen: 900 Soldaten sollen gestorben sein.", ("hedged", None)),
    ("Laut NIS soll Nordkorea 15.000 Soldaten entsandt haben.", ("hedged", "NIS")),
    ("Insgesamt soll sich Nordkorea dazu entschieden haben, rund 12.000 Soldaten zu schicken.", ("hedged", None)),
    # --- planned: intention, future, targets
    ("Deutschland will 4.800 Soldaten in Litauen stationieren.", ("planned", None)),
    ("Polen plant, 2.000 Soldaten an die Grenze zu schicken.", ("planned", None)),
    ("Bis 2027 sollen 5.000 Soldaten in Litauen stationiert werden.", ("planned", None)),
    ("Die 4.000 Soldaten sollen im Frühjahr verlegt werden.", ("planned", None)),
    ("Die Regierung werde 2.000 Soldaten schicken, teilte das Ministerium mit.", ("planned", "Ministerium")),
    ("Österreich wird 150 Soldaten in den Kosovo entsenden.", ("planned", None)),
    ("Das Personalziel von 203.000 Soldaten bis 2031 ist kaum erreichbar.", ("planned", None)),
    ("Vier deutsche Soldaten, die zuletzt in Bamako Dienst taten, sollten am Wochenende ausreisen.", ("planned", None)),
    ("Deutschland solle 550 Soldaten stellen, hieß es.", ("planned", None)),
    # --- denied
    ("Nordkorea dementierte, 1.500 Soldaten nach Russland geschickt zu haben.", ("denied", "Nordkorea")),
    ("Der Kreml bestritt, dass 2.000 Soldaten in Belarus sind.", ("denied", "Kreml")),
    ("Moskau wies Berichte über 10.000 Soldaten an der Grenze zurück.", ("denied", "Moskau")),
    ("Das Pentagon hat Berichte über eine Verlegung von 3.000 US-Soldaten dementiert.", ("denied", "Pentagon")),
    ("Russland hat 2.000 Soldaten nicht entsandt.", ("denied", None)),
    # --- negation and cues outside the count's scope
    ("2.000 Soldaten wurden verlegt, aber Panzer wurden nicht geliefert.", ("asserted", None)),
    ("Russland hat 2.000 Soldaten entsandt, ob weitere folgen sollen, ist unklar.", ("asserted", None)),
    ("Nordkorea hat 1.500 Soldaten entsandt; Russland will die Kooperation ausbauen.", ("asserted", None)),
    ("Die Berichte sind unbestätigt, doch 1.500 Soldaten wurden gesehen.", ("asserted", None)),
    ("3.000 Soldaten erhalten eine Ausbildung, bevor sie in der Ukraine eingesetzt werden sollen.", ("asserted", None)),
]
# fmt: on


@pytest.mark.parametrize("text,expected", CLAIMS, ids=[t[:50] for t, _ in CLAIMS])
def test_claim(extract, text, expected):
    status, source_word = expected
    facts = extract(text, published="2024-10-23").facts
    assert len(facts) == 1, [f.count.text for f in facts]
    fact = facts[0]
    assert fact.status == status
    if source_word is None:
        if status != "reported":
            assert fact.source is None, fact.source
    else:
        assert fact.source is not None
        assert source_word in f"{fact.source.text} {fact.source.name}"
        assert text[fact.source.start : fact.source.end] == fact.source.text


def test_sources_are_marked_in_entities(extract):
    text = "Laut NIS hat Nordkorea 1.500 Soldaten entsandt, sagte Präsident Yoon Suk Yeol."
    article = extract(text)
    sources = {e.text for e in article.entities if e.is_source}
    assert "NIS" in sources
    assert any("Yoon" in s for s in sources)
    assert not any(e.is_source for e in article.entities if e.label == "LOC")


@pytest.mark.parametrize(
    "text,status",
    [
        # dated after publication: planned, whatever the tense
        ("Die Übung mit 90.000 Soldaten beginnt in der kommenden Woche.", "planned"),
        ("Bis zu 3.000 Soldaten könnten nach Polen verlegt werden.", "planned"),
        ("Das Mandat erlaubt bis zu 700 Soldaten.", "planned"),
        # a following sentence that denies it
        ("Ruanda hat 4.000 Soldaten im Kongo. Kigali bestreitet das.", "denied"),
        ("Keine 2.000 Soldaten sind dort gelandet.", "denied"),
        # a semicolon ends the denial's reach
        ("Belgrad wies Berichte über 8000 Soldaten zurück; es seien weniger als 4000.", "reported"),
        # hearsay about the present
        ("Die Miliz soll über mehrere Tausend Kämpfer verfügen.", "hedged"),
    ],
)
def test_status_rules(extract, text, status):
    facts = extract(text, published="2024-10-23").facts
    assert facts[-1].status == status


@pytest.mark.parametrize(
    "text,word",
    [
        (
            "500 Soldaten wurden verlegt, wie das Verteidigungsministerium in Berlin mitteilte.",
            "Verteidigungsministerium",
        ),
        (
            "Nach Schätzung des südkoreanischen Geheimdienstes NIS sind 11.000 Soldaten in Russland.",
            "NIS",
        ),
        (
            "Rund 5000 Wehrpflichtige sollen hinzukommen, sagte der SPD-Politiker in Berlin.",
            "SPD-Politiker",
        ),
        ("Nach einem Dekret soll die Armee 1,5 Millionen Soldaten umfassen.", "Dekret"),
    ],
)
def test_source_rules(extract, text, word):
    fact = extract(text, published="2024-10-23").facts[-1]
    assert fact.source is not None and word in fact.source.text + " " + fact.source.name


def test_interview_answers_are_attributed_to_the_speaker(extract):
    text = (
        "Ein Gespräch mit dem früheren Personalchef Generalleutnant Karl-Heinz Brandner.\n\n"
        "Frage: Wie groß ist die Truppe heute?\n"
        "Brandner: Wir haben derzeit gut 181.000 aktive Soldaten. Dazu kommen 34.000 Reservisten."
    )
    facts = extract(text, published="2024-10-23").facts
    assert [f.source.name if f.source else None for f in facts] == ["Karl-Heinz Brandner"] * 2
    assert {f.status for f in facts} == {"reported"}


# --- triggers and speech verbs are matched only where a token may start one: same result

FULL_SCAN = [
    "Laut NIS hat Nordkorea 1.500 Soldaten entsandt, sagte Präsident Yoon Suk Yeol.",
    "Der Kanzler sagte am Montag, die Lage sei ernst. So Scholz in Berlin.",
    "Wie die Nachrichtenagentur Yonhap berichtete, hat Nordkorea 1.500 Soldaten geschickt.",
    "„Laut“ ist ein Wort. Regierungsangaben zufolge wurden 300 Soldaten verlegt, sagte er.",
    "Müller: Wir haben derzeit gut 181.000 Soldaten.\n\nMeier: Das sehe ich anders.",
    "Das erklärte Ziel ist klar. Also sowie sogar: so, sagte sie, sei es.",
    "Dem Pentagon zufolge sind 2.000 Soldaten eingetroffen. Moskau wies Berichte zurück.",
]


@pytest.mark.parametrize("text", FULL_SCAN, ids=[t[:40] for t in FULL_SCAN])
def test_matching_at_marked_tokens_finds_what_the_full_scan_finds(nlp, text):
    from factx.api import make_doc
    from factx.components.claims import Claims
    from factx.records import doc_to_article

    def run(claims):
        doc = make_doc(nlp, text)
        for name, proc in nlp.pipeline:
            doc = (claims if name == "factx_claims" else proc)(doc)
        return doc_to_article(doc, source="-", text=text).model_dump()

    fast = nlp.get_pipe("factx_claims")
    assert fast.flag is not None
    assert run(fast) == run(Claims())


@pytest.mark.parametrize(
    "pattern,text",
    [
        (r"\b[Ll]aut\s+(?P<src>.{2,90})", "aut"),
        (r"\bzufolge\b", "zufolge"),
        (r"\b(?P<src>(?:[A-ZÄÖÜ]\w*)?[Bb]erichten)\s+zufolge", "zufolge"),
        (r'(?:^|[,"])\s*so\s+(?P<src>.{2,90})', "so"),
        (r"\bGemä(?:ß|ss)\s+", "Gemä"),
        (r"ab?c", "a"),
        (r"abc|xyz", None),
        (r"(?i:laut)", None),
    ],
)
def test_required_text(pattern, text):
    from factx.attribution import required_text

    assert required_text(pattern) == text


@pytest.mark.parametrize(
    "pattern,words",
    [
        (r"\b[Ll]aut\s+", ("Laut", "laut")),
        (r"\bzufolge\b", ("zufolge",)),
        (r'(?:^|[,"])\s*so\s+', None),
        (r"\baus\s+x|\bvon\s+y", None),
    ],
)
def test_leading_words(pattern, words):
    from factx.attribution import leading_words

    assert leading_words(pattern) == words


@pytest.mark.parametrize(
    "token,marks",
    [
        ("sagte", ((0,), (0,))),
        ("Regierungsangaben", ((10,), ())),
        ("„Laut", ((1,), ())),
        ("so", ((0,), ())),
        ("sowie", ((), ())),  # "so" needs a word boundary after it
        ("also", ((), ())),  # ... and before it
        ("Flaute", ((), ())),
    ],
)
def test_trigger_marks(token, marks):
    from factx.attribution import trigger_marks

    assert trigger_marks(token) == marks


@pytest.mark.parametrize(
    "token",
    [
        "Haus",
        "sagte",
        "gesagt",
        "Sagte",
        "Regierungsangaben",
        "US-Angaben",
        "„Laut",
        "laut",
        "Laut",
        "so",
        "sowie",
        "also",
        "-so",
        "Flaute",
        "Schätzungen",
        "Kreisen",
        "2014",
        "Ex-Minister",
        "Militärkreisen",
        "Angaben",
        "erklärte",
        "Erdoğan",
        "–",
    ],
)
def test_marks_flag_equals_trigger_marks(token):
    from factx.attribution import trigger_marks
    from factx.components.claims import _has_marks

    assert _has_marks(token) == bool(trigger_marks(token)[0])
