"""``factx extract`` on batches: bad inputs, exit codes, stderr lines, output files, stdin."""

import json
import os
import pty
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import factx.inputs
import factx.render
from factx.cli import app
from factx.schema import Article

ARTICLE = "Die Bundeswehr verlegt 500 Soldaten nach Litauen, sagte der Minister am Freitag.\n"
ARTICLE_CRLF = ARTICLE.replace("\n", "\r\n") + "Russland schickte 3.000 Soldaten nach Kursk.\r\n"


def run(*args, input=None):
    """Run ``factx ARGS`` in-process; stdout and stderr apart."""
    return CliRunner().invoke(app, [str(a) for a in args], input=input)


def records(stdout):
    """The JSONL records on stdout, validated against the schema."""
    return [Article.model_validate_json(line) for line in stdout.splitlines()]


def error_lines(stderr):
    return [line for line in stderr.splitlines() if line.startswith("factx: error: ")]


@pytest.fixture
def battery(tmp_path):
    """One folder with a good article and every kind of awkward file, named by what it is."""
    d = tmp_path / "in"
    d.mkdir()
    files = {
        "01-good.txt": ARTICLE.encode("utf-8"),
        "02-empty.txt": b"",
        "03-blank.txt": b"  \n\n\t \n",
        "04-binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01",
        "05-bom.txt": b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"),
        "06-utf16.txt": ARTICLE.encode("utf-16"),
        "07-cp1252.txt": ("Größere Übung in Süddeutschland: " + ARTICLE).encode("cp1252"),
        "08-crlf.txt": ARTICLE_CRLF.encode("utf-8"),
        "09-english.txt": b"The army sent 500 soldiers to Lithuania on Friday.\n",
        "10-page.txt": (
            "<!DOCTYPE html><html><body><p>" + ARTICLE + "</p><script>x()</script></body></html>"
        ).encode("utf-8"),
        "11-russisch.txt": "Армия направила 500 солдат в Литву.\n".encode(),
    }
    for name, data in files.items():
        (d / name).write_bytes(data)
    (d / "12-loop.txt").symlink_to(d / "13-loop.txt")
    (d / "13-loop.txt").symlink_to(d / "12-loop.txt")
    return d


@pytest.mark.parametrize("jobs", [1, 2])
def test_battery_every_file_has_a_record_or_one_error_line(battery, tmp_path, jobs):
    errors = tmp_path / "errors.jsonl"
    result = run("extract", battery, "-f", "jsonl", "--errors", errors, "-j", jobs)
    assert result.exit_code == 1
    by_name = {os.path.basename(r.source): r for r in records(result.stdout)}
    assert sorted(by_name) == [
        "01-good.txt", "02-empty.txt", "03-blank.txt", "05-bom.txt", "06-utf16.txt",
        "07-cp1252.txt", "08-crlf.txt", "09-english.txt", "10-page.txt", "11-russisch.txt",
    ]  # fmt: skip
    failed = {
        os.path.basename(line.split(": ")[2]): line.split(": ", 3)[3]
        for line in error_lines(result.stderr)
    }
    assert failed == {
        "04-binary.txt": "binary file, not text",
        "12-loop.txt": "symbolic link loop",
        "13-loop.txt": "symbolic link loop",
    }
    assert [json.loads(line)["error"] for line in errors.read_text().splitlines()] == [
        "binary file, not text",
        "symbolic link loop",
        "symbolic link loop",
    ]
    assert "factx: 3 of 13 inputs failed" in result.stderr
    good = by_name["01-good.txt"]
    assert [f.count.text for f in good.facts] == ["500"]
    for empty in ("02-empty.txt", "03-blank.txt"):
        assert (by_name[empty].facts, by_name[empty].entities, by_name[empty].dates) == ([], [], [])
    # the same article, however encoded, gives the same record
    for same in ("05-bom.txt", "06-utf16.txt", "10-page.txt"):
        other = by_name[same]
        assert other.model_dump(exclude={"source"}) == good.model_dump(exclude={"source"})
    shifted = by_name["07-cp1252.txt"]
    assert [f.count.start - 33 for f in shifted.facts] == [f.count.start for f in good.facts]


def test_warnings_name_the_encoding_and_html(battery):
    result = run("extract", battery, "-f", "jsonl", "-j", 1)
    assert f"factx: warning: {battery / '07-cp1252.txt'}: not UTF-8; decoded as cp1252" in (
        result.stderr
    )
    assert f"factx: warning: {battery / '10-page.txt'}: HTML input" in result.stderr


def test_quiet_keeps_errors_only(battery):
    result = run("extract", battery, "-f", "jsonl", "-q", "-j", 1)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == error_lines(result.stderr)
    assert len(error_lines(result.stderr)) == 3


def test_crlf_offsets_point_into_the_text_as_read(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(ARTICLE_CRLF.encode("utf-8"))
    (article,) = records(run("extract", path, "-f", "jsonl").stdout)
    text = path.read_text(encoding="utf-8")  # universal newlines: CRLF read as LF
    assert [text[f.count.start : f.count.end] for f in article.facts] == ["500", "3.000"]


def test_unreadable_file(tmp_path, monkeypatch):
    good = tmp_path / "a.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    locked = tmp_path / "b.txt"
    locked.write_text(ARTICLE, encoding="utf-8")
    locked.chmod(0)
    if os.access(locked, os.R_OK):  # root reads whatever the mode: refuse the read instead
        real = factx.inputs._read_bytes

        def refuse(name):
            if name == str(locked):
                raise PermissionError(13, "Permission denied", name)
            return real(name)

        monkeypatch.setattr(factx.inputs, "_read_bytes", refuse)
    result = run("extract", tmp_path, "-f", "jsonl", "-j", 1)
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [f"factx: error: {locked}: permission denied"]
    assert [r.source for r in records(result.stdout)] == [str(good)]


def test_file_that_vanishes_mid_run(tmp_path, monkeypatch):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    real = factx.inputs._read_bytes

    def read_and_remove_next(name):
        if name.endswith("a.txt"):
            os.unlink(tmp_path / "b.txt")  # listed already, gone before its turn
        return real(name)

    monkeypatch.setattr(factx.inputs, "_read_bytes", read_and_remove_next)
    result = run("extract", tmp_path, "-f", "jsonl", "-j", 1)
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        f"factx: error: {tmp_path / 'b.txt'}: no such file (it may have been removed)"
    ]
    assert [os.path.basename(r.source) for r in records(result.stdout)] == ["a.txt", "c.txt"]


@pytest.mark.parametrize(
    "args,message",
    [
        (["--date", "gestern"], "--date"),
        (["--date", "2024-13-45"], "--date"),
        (["--gibtsnicht"], "No such option"),
        (["--jobs", "0"], "--jobs"),
        (["--format", "xml"], "--format"),
        (["--output", "/nicht/da/out.json"], "no such folder"),
    ],
)
def test_usage_errors_exit_2(tmp_path, args, message):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run("extract", tmp_path / "a.txt", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_no_input_is_a_usage_error():
    result = run("extract")
    assert result.exit_code == 2


def test_missing_path_fails_but_the_rest_is_processed(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run("extract", tmp_path / "fehlt.txt", tmp_path / "a.txt", "-f", "jsonl")
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        f"factx: error: {tmp_path / 'fehlt.txt'}: no such file or folder"
    ]
    assert len(records(result.stdout)) == 1


def test_output_file_is_written_whole(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.json"
    result = run("extract", tmp_path / "a.txt", "-f", "json", "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert Article.model_validate_json(out.read_text(encoding="utf-8")).facts
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out.json"]


def test_interrupted_run_leaves_the_old_output(tmp_path, monkeypatch):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    written = []

    def write_then_interrupt(self, article):
        if written:
            raise KeyboardInterrupt
        written.append(article)
        # jsonl records come as JSON text
        self.out.write((article if isinstance(article, str) else article.model_dump_json()) + "\n")

    monkeypatch.setattr(factx.render.Writer, "write", write_then_interrupt)
    result = run("extract", tmp_path, "-f", "jsonl", "-o", out, "-j", 1)
    assert result.exit_code == 130
    assert "factx: interrupted" in result.stderr
    assert out.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "out.jsonl"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_stdin_list_and_jsonl_inputs(tmp_path, jobs):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    listed = run(
        "extract",
        "--from-list",
        "-f",
        "jsonl",
        "-j",
        jobs,
        input=f"{tmp_path / 'b.txt'}\n\n{tmp_path / 'a.txt'}\n",
    )
    assert [os.path.basename(r.source) for r in records(listed.stdout)] == ["b.txt", "a.txt"]

    stdin = run("extract", "-", "-f", "jsonl", "--date", "2024-05-03", input=ARTICLE)
    (article,) = records(stdin.stdout)
    assert (article.source, article.published, article.published_from) == (
        "-",
        "2024-05-03",
        "option",
    )

    lines = [
        json.dumps({"id": "n1", "text": ARTICLE, "published": "2024-05-03"}),
        "kein json",
        json.dumps({"id": "n2", "text": "Russland schickte 3.000 Soldaten nach Kursk."}),
    ]
    jsonl = run(
        "extract", "-", "--input-format", "jsonl", "-f", "jsonl", "-j", jobs, input="\n".join(lines)
    )
    assert jsonl.exit_code == 1
    assert [(r.source, r.published) for r in records(jsonl.stdout)] == [
        ("n1", "2024-05-03"),
        ("n2", None),
    ]
    assert error_lines(jsonl.stderr) == [
        "factx: error: -:2: invalid JSON (Expecting value, column 1)"
    ]


def test_glob_chooses_files_in_folders(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.md").write_text(ARTICLE, encoding="utf-8")
    result = run("extract", tmp_path, "--glob", "*.md", "-f", "jsonl")
    assert [os.path.basename(r.source) for r in records(result.stdout)] == ["b.md"]


def test_jobs_give_the_same_output_in_order(battery):
    one = run("extract", battery, "-f", "jsonl", "-j", 1, "-q")
    two = run("extract", battery, "-f", "jsonl", "-j", 2, "-q")
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr


def test_csv_writes_a_header_even_without_facts(tmp_path):
    (tmp_path / "a.txt").write_text("Heute scheint die Sonne.\n", encoding="utf-8")
    result = run("extract", tmp_path / "a.txt", "-f", "csv")
    assert result.stdout.splitlines()[0].startswith("source,published,kind,")


def test_schema_command_prints_json():
    schema = json.loads(run("schema").stdout)
    assert schema["title"] == "Article"


# -- the real command, in a subprocess --------------------------------------------------------

FACTX = [sys.executable, "-m", "factx"]


def test_closed_pipe_ends_quietly(tmp_path):
    for i in range(40):
        (tmp_path / f"{i:02d}.txt").write_text(ARTICLE, encoding="utf-8")
    cmd = " ".join(FACTX) + f" extract {tmp_path} -f jsonl -j 1 | head -1"
    proc = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=60)
    assert len(proc.stdout.splitlines()) == 1
    json.loads(proc.stdout)
    assert proc.stderr == ""


def test_progress_bar_only_on_a_terminal(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(ARTICLE, encoding="utf-8")
    cmd = [*FACTX, "extract", str(tmp_path), "-f", "jsonl", "-j", "1"]
    piped = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert piped.returncode == 0 and piped.stderr == ""
    main, child = pty.openpty()
    env = dict(os.environ, COLUMNS="120", TERM="xterm")
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=child, env=env, timeout=60)
    os.close(child)
    shown = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(main)
    assert proc.returncode == 0
    assert len(proc.stdout.splitlines()) == 3
    assert b"articles/s" in shown


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


RENEW_TEXTS = [
    "Rund 3.000 Soldaten der Bundeswehr sollen ab April in Litauen stationiert werden.",
    "Nach Angaben des Pentagons sind etwa 10.000 nordkoreanische Soldaten in Kursk.",
    "Frankreich hat am Montag 300 Soldaten nach Rumänien verlegt, teilte Paris mit.",
]


def test_a_batch_swaps_in_a_fresh_pipeline_when_the_vocabulary_has_grown(monkeypatch):
    from factx import batch, pipeline
    from factx.inputs import Source

    def records():
        sources = [Source(f"{i}.txt", text=t) for i, t in enumerate(RENEW_TEXTS)]
        return [result.article for result in batch.run(sources, jobs=1)]

    expected = records()
    renewed = []
    real_renew = pipeline.renew
    monkeypatch.setattr(batch, "VOCAB_LIMIT", 0)  # every pipeline has grown too big
    monkeypatch.setattr(
        pipeline, "renew", lambda model=None: renewed.append(model) or real_renew(model)
    )
    assert records() == expected
    assert len(renewed) == len(RENEW_TEXTS)
    assert all(article.facts for article in expected)


def test_a_callers_pipeline_is_never_swapped(nlp, monkeypatch):
    from factx import batch, pipeline
    from factx.inputs import Source

    monkeypatch.setattr(batch, "VOCAB_LIMIT", 0)
    monkeypatch.setattr(pipeline, "renew", lambda model=None: pytest.fail("renewed"))
    sources = [Source(f"{i}.txt", text=t) for i, t in enumerate(RENEW_TEXTS)]
    assert all(r.article is not None for r in batch.run(sources, jobs=1, nlp=nlp))


def test_worker_processes_swap_their_pipelines_too(monkeypatch):
    from factx import batch
    from factx.inputs import Source

    def records():
        sources = [Source(f"{i}.txt", text=t) for i, t in enumerate(RENEW_TEXTS * 3)]
        return [result.record for result in batch.run(sources, jobs=2)]

    expected = records()
    monkeypatch.setattr(batch, "VOCAB_LIMIT", 0)  # inherited by the forked workers
    assert records() == expected
    assert all(record is not None for record in expected)
