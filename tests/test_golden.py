"""Each shipped example's output is kept under tests/golden/ and must not drift unreviewed."""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))


def test_there_are_examples():
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_matches_golden(path, nlp, request):
    import factx

    text = path.read_text(encoding="utf-8")
    article = factx.extract(text, source=f"examples/{path.name}", nlp=nlp)
    got = json.loads(article.model_dump_json())
    golden = ROOT / "tests" / "golden" / f"{path.stem}.json"
    if request.config.getoption("--update-golden") or not golden.exists():
        golden.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    want = json.loads(golden.read_text(encoding="utf-8"))
    assert got == want
    for fact in got["facts"]:
        c = fact["count"]
        assert text[c["start"] : c["end"]] == c["text"]
