"""Reading inputs: decoding, binary detection, HTML, folders, link loops and JSONL records."""

import io
import os

import pytest

from factx.inputs import (
    InputError,
    Source,
    decode,
    html_to_text,
    iter_jsonl,
    iter_paths,
    load,
    looks_like_html,
    read_source,
)

GERMAN = "Größere Übungen: 1.500 Soldaten ziehen nach Süden, sagte der Minister."


@pytest.mark.parametrize(
    "data,text,warning",
    [
        (GERMAN.encode("utf-8"), GERMAN, None),
        (b"\xef\xbb\xbf" + GERMAN.encode("utf-8"), GERMAN, None),
        (GERMAN.encode("utf-16"), GERMAN, None),  # with its BOM
        (b"\xfe\xff" + GERMAN.encode("utf-16-be"), GERMAN, None),
        (GERMAN.encode("utf-32"), GERMAN, None),
        (GERMAN.encode("cp1252"), GERMAN, "cp1252"),
        (GERMAN.encode("latin-1"), GERMAN, "cp1252"),
        ("Straße".encode("cp1252"), "Straße", "cp1252"),  # short: no UTF-16 guess
        ("„Zitat“ – 5 €".encode("cp1252"), "„Zitat“ – 5 €", "cp1252"),
        (b"Zeile eins\r\nZeile zwei\r\n", "Zeile eins\nZeile zwei\n", None),
        (b"alt\rMac\r", "alt\nMac\n", None),
        (b"", "", None),
        (b" \n\t\n", " \n\t\n", None),
    ],
)
def test_decode(data, text, warning):
    decoded, warnings = decode(data)
    assert decoded == text
    if warning is None:
        assert warnings == []
    else:
        assert len(warnings) == 1 and warning in warnings[0]


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x00",
        bytes(range(256)) * 4,
        b"\x00" * 100,
        b"\x1f\x8b\x08\x00\x12\x34\x56\x78\x02\x03\x01\x02\x03\x04\x05\x06\x07\x0e\x0f",
    ],
)
def test_binary_is_an_error(data):
    with pytest.raises(InputError, match="binary"):
        decode(data)


@pytest.mark.parametrize(
    "html,expected",
    [
        (
            "<!DOCTYPE html><html><head><title>T</title><style>p{}</style></head><body>"
            "<h1>Truppen in Litauen</h1><p>Die Bundeswehr schickt&nbsp;500 Soldaten.</p>"
            "<script>var x = 1;</script><p>Zweiter <b>Absatz</b>.</p></body></html>",
            "Truppen in Litauen\n\nDie Bundeswehr schickt 500 Soldaten.\n\nZweiter Absatz.\n",
        ),
        ("<html><body><p>Kurz &amp; knapp</p></body></html>", "Kurz & knapp\n"),
    ],
)
def test_html_to_text(html, expected):
    assert looks_like_html(html)
    assert html_to_text(html) == expected


@pytest.mark.parametrize(
    "text,is_html",
    [
        ("<!doctype html>\n<html>", True),
        ("  <html lang='de'><body>", True),
        ('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', True),
        ("Die <html>-Seite der Regierung", False),
        ("Berlin - 500 Soldaten < 600 Soldaten", False),
    ],
)
def test_looks_like_html(text, is_html):
    assert looks_like_html(text) is is_html


def test_html_file_is_read_as_text(tmp_path):
    page = tmp_path / "seite.html"
    page.write_text("<p>Die Nato verlegt 300 Soldaten.</p>", encoding="utf-8")
    src = read_source(str(page))
    assert src.error is None
    assert src.text == "Die Nato verlegt 300 Soldaten.\n"
    assert any("HTML" in w for w in src.warnings)


def test_iter_paths_walks_folders_sorted_with_glob(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("zwei")
    (tmp_path / "b" / "1.txt").write_text("eins")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "notiz.md").write_text("nicht")
    found = list(iter_paths([str(tmp_path)]))
    assert found == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "1.txt"),
        str(tmp_path / "b" / "2.txt"),
    ]
    assert list(iter_paths([str(tmp_path)], glob="*.md")) == [str(tmp_path / "notiz.md")]


def test_iter_paths_reports_missing_and_empty(tmp_path):
    (tmp_path / "leer").mkdir()
    missing, empty = iter_paths([str(tmp_path / "fehlt.txt"), str(tmp_path / "leer")])
    assert isinstance(missing, Source) and missing.error == "no such file or folder"
    assert isinstance(empty, Source) and "no files matching" in empty.error


def test_folder_link_loop_is_walked_once(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "x.txt").write_text("x")
    (tmp_path / "d" / "zurück").symlink_to(tmp_path)
    assert list(iter_paths([str(tmp_path)])) == [str(tmp_path / "d" / "x.txt")]


def test_file_link_loop_is_an_error(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert list(iter_paths([str(tmp_path / "a.txt")])) == [str(tmp_path / "a.txt")]
    assert read_source(str(tmp_path / "a.txt")).error == "symbolic link loop"


@pytest.mark.parametrize(
    "make,reason",
    [
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: None, "no such file (it may have been removed)"),
    ],
)
def test_read_source_errors(tmp_path, make, reason):
    path = tmp_path / "x.txt"
    make(path)
    assert read_source(str(path)).error == reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path):
    path = tmp_path / "geheim.txt"
    path.write_text("geheim")
    path.chmod(0)
    assert read_source(str(path)).error == "permission denied"


def test_pending_source_is_read_by_load(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Köln\r\n".encode("cp1252"))
    src = load(Source("a.txt", published="2024-05-03", path=str(path)))
    assert (src.name, src.text, src.published) == ("a.txt", "Köln\n", "2024-05-03")
    assert src.warnings == ["not UTF-8; decoded as cp1252"]


@pytest.mark.parametrize(
    "line,expected",
    [
        ('{"id": 7, "text": "Text", "published": "2024-05-03"}', ("7", "Text", "2024-05-03", None)),
        ('{"text": "Ohne Id"}', ("in:1", "Ohne Id", None, None)),
        ('{"id": "a", "text": "A\\r\\nB"}', ("a", "A\nB", None, None)),
        ('{"id": "a"}', ("in:1", None, None, 'a JSONL record needs a "text" string')),
        ("[1, 2]", ("in:1", None, None, 'a JSONL record needs a "text" string')),
        ('{"text": "T", "published": 2024}', ("in:1", None, None, '"published" must be')),
        ('{"text": "T"', ("in:1", None, None, "invalid JSON")),
    ],
)
def test_iter_jsonl(line, expected):
    (src,) = iter_jsonl(io.StringIO(line + "\n\n"), "in")
    name, text, published, error = expected
    assert (src.name, src.text, src.published) == (name, text, published)
    if error is None:
        assert src.error is None
    else:
        assert src.error.startswith(error)


def test_jsonl_date_option_overrides_records():
    lines = ['{"id": 1, "text": "a", "published": "2020-01-01"}', '{"id": 2, "text": "b"}']
    assert [s.published for s in iter_jsonl(lines, "in", "2024-05-03")] == ["2024-05-03"] * 2
