"""Tests for factx.published and factx.dates.parse_anchor."""

import pytest

from factx.dates import Anchor, parse_anchor
from factx.published import find_published

HEADER = (
    "date 2024-10 faq Krieg im Osten Schickt das Land Soldaten? Stand: 23.10.2024 16:03 Uhr\n\n"
    "Seit Tagen kursieren Meldungen über Truppen. Am 3. März 2021 hatte es begonnen."
)


@pytest.mark.parametrize(
    "text,iso,source,date_text",
    [
        (HEADER, "2024-10-23T16:03", "header", "23.10.2024 16:03 Uhr"),
        (
            "date 2024-10\n\nDie Armee meldet Verluste. Am 3. März 2021 begann es.",
            "2024-10",
            "header",
            "2024-10",
        ),
        (
            "Die Lage im Norden\n03.09.2025 - 05:39 Uhr\nTel Aviv - Die Armee ruft "
            "Reservisten ein.",
            "2025-09-03T05:39",
            "header",
            "03.09.2025 - 05:39 Uhr",
        ),
        (
            "Veröffentlicht am 12. März 2023, 10:15 Uhr\n\nDie Bundeswehr verlegt Panzer.",
            "2023-03-12T10:15",
            "header",
            "12. März 2023, 10:15 Uhr",
        ),
        (
            "Berlin, 4. November 2024 (dpa) - Die Bundeswehr schickt 200 Soldaten.",
            "2024-11-04",
            "dateline",
            "4. November 2024",
        ),
        (
            "Kiew/Moskau, 4.11.2024 - Beide Seiten melden Angriffe.",
            "2024-11-04",
            "dateline",
            "4.11.2024",
        ),
        (
            "Truppenabzug aus Mali\n\nBamako, 12. Dezember 2023 (AFP) - Die letzten Soldaten "
            "fliegen heim.",
            "2023-12-12",
            "dateline",
            "12. Dezember 2023",
        ),
    ],
)
def test_find_published(text, iso, source, date_text):
    found = find_published(text)
    assert found is not None
    assert (found.anchor.iso(), found.source) == (iso, source)
    assert text[found.start : found.end] == date_text


@pytest.mark.parametrize(
    "text",
    [
        "WASHINGTON (dpa-AFX) - Die USA verstärken ihre Präsenz im Nahen Osten.",
        "Die Armee meldet, dass am 3. März 2021 der Einsatz begann.",
        "Blumen für den toten Söldnerführer (Moskau, 4.8.2024)\n\nDie Gruppe ist seit Freitag weg.",
        "",
    ],
)
def test_no_published_date(text):
    assert find_published(text) is None


@pytest.mark.parametrize(
    "value,expected,granularity",
    [
        ("2024", Anchor(2024), "year"),
        ("2024-10", Anchor(2024, 10), "month"),
        ("2024-10-23", Anchor(2024, 10, 23), "day"),
        ("2024-10-23T16:03", Anchor(2024, 10, 23, 16, 3), "datetime"),
        ("2024-10-23T16:03:59+02:00", Anchor(2024, 10, 23, 16, 3), "datetime"),
        (" 2024-10-23 ", Anchor(2024, 10, 23), "day"),
    ],
)
def test_parse_anchor(value, expected, granularity):
    anchor = parse_anchor(value)
    assert anchor == expected
    assert anchor.granularity == granularity


@pytest.mark.parametrize(
    "anchor,iso",
    [
        (Anchor(2024), "2024"),
        (Anchor(2024, 10), "2024-10"),
        (Anchor(2024, 10, 23), "2024-10-23"),
        (Anchor(2024, 10, 23, 16, 3), "2024-10-23T16:03"),
    ],
)
def test_anchor_iso(anchor, iso):
    assert anchor.iso() == iso


@pytest.mark.parametrize(
    "value", ["", "2024-13", "2024-02-30", "2024-10-23T25:00", "gestern", "24", "Mittwoch"]
)
def test_parse_anchor_rejects(value):
    with pytest.raises(ValueError):
        parse_anchor(value)


@pytest.mark.parametrize(
    "value,iso",
    [
        ("23.10.2024", "2024-10-23"),
        ("23. Oktober 2024", "2024-10-23"),
        ("Oktober 2024", "2024-10"),
        ("23.10.2024 16:03", "2024-10-23T16:03"),
    ],
)
def test_parse_anchor_reads_german_dates(value, iso):
    assert parse_anchor(value).iso() == iso
