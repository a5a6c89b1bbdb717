"""Compiled regexes shipped as data are the ones re.compile makes (factx.precompiled)."""

import json
import re
from importlib.resources import files

import pytest

from factx import attribution, precompiled
from factx.dates import patterns


def _same(compiled: re.Pattern, pattern: str) -> bool:
    expected = re.compile(pattern)
    # Pattern equality compares the flags, the pattern text and the engine code itself
    return (compiled, compiled.groups, dict(compiled.groupindex)) == (
        expected,
        expected.groups,
        dict(expected.groupindex),
    )


def _date_rules() -> list[str]:
    return [p for pair in patterns.rule_sources().values() for p in pair]


# (table under data/de/, the pattern texts it is made of), as in scripts/build_precompiled.py
TABLES = [
    (patterns.COMPILED, _date_rules),
    (attribution.COMPILED, attribution.claim_pattern_texts),
]


@pytest.mark.parametrize("name,texts", TABLES)
def test_shipped_tables_equal_the_generator(name, texts):
    data = json.loads((files("factx") / "data" / "de" / name).read_text("utf-8"))
    if data["engine"] != precompiled.engine():
        pytest.skip("table made for another Python: factx compiles the patterns itself there")
    assert data == json.loads(json.dumps(precompiled.table(texts()))), (
        "stale: run `python scripts/build_precompiled.py`"
    )


def test_every_date_rule_is_what_re_compile_makes():
    for name, pair in patterns.rule_patterns().items():
        for compiled, source in zip(pair, patterns.rule_sources()[name], strict=True):
            assert _same(compiled, source), name


def test_every_claims_regex_is_what_re_compile_makes():
    rules, sources = attribution.claim_rules(), attribution.claim_sources()
    together = zip(rules["patterns"], sources["patterns"], strict=True)
    pairs = [(p, text) for (_, p, _), (_, text, _) in together]
    pairs += [(rules["status"][name][1], text) for name, (_, text) in sources["status"].items()]
    keys = ("speech", "source_nouns", "carry", "trigger", "backward", "next_denial")
    pairs += [(rules[key], sources[key]) for key in keys]
    assert len(pairs) == len(attribution.claim_pattern_texts())
    for compiled, text in pairs:
        assert _same(compiled, text), text[:40]


#: Making a table needs the internals of Python 3.11's re (elsewhere factx only compiles)
needs_compiler = pytest.mark.skipif(
    precompiled._compiler is None, reason="no re._compiler on this Python"
)

# fmt: off
PATTERNS = [
    r"(?<![\w.])(?P<d>0?[1-9]|[12]\d|3[01])\.\s*(?P<mon>Mai|Juni)",
    r"(?i:mehr\s+als|über)\s+\d+",
    r"(?i)märz",
    r"(\w+)\s+\1",
    r"[^\W\d_]+(?=\s)|\Z",
    r"a{2,5}?b*+c",
]
# fmt: on


@needs_compiler
@pytest.mark.parametrize("pattern", PATTERNS)
def test_a_table_gives_what_re_compile_gives(pattern, tmp_path, monkeypatch):
    path = tmp_path / "factx" / "data" / "de" / "t.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(precompiled.table([pattern, "x"])), encoding="utf-8")
    monkeypatch.setattr(precompiled, "files", lambda _: tmp_path / "factx")
    precompiled.shipped.cache_clear()
    try:
        compiled = precompiled.compile_all([pattern], "t.json")[0]
        assert pattern in precompiled.shipped("t.json")[0]
    finally:
        precompiled.shipped.cache_clear()
    assert compiled is not re.compile(pattern)  # made from the table
    assert _same(compiled, pattern)


@needs_compiler
def test_other_engine_or_pattern_compiles_as_usual(tmp_path, monkeypatch):
    path = tmp_path / "factx" / "data" / "de" / "t.json"
    path.parent.mkdir(parents=True)
    data = precompiled.table([r"\d+"])
    data["engine"]["magic"] = -1  # a table made by another Python
    path.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(precompiled, "files", lambda _: tmp_path / "factx")
    precompiled.shipped.cache_clear()
    try:
        assert precompiled.shipped("t.json")[0] == {}
        got = precompiled.compile_all([r"\d+", r"[a-z]+"], "t.json")
        assert precompiled.compile_all(["q"], "missing.json") == [re.compile("q")]
    finally:
        precompiled.shipped.cache_clear()
    assert got == [re.compile(r"\d+"), re.compile(r"[a-z]+")]
