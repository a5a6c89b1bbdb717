"""Tests for scripts/eval_ner.py on a tiny GermEval-format file written here."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

TSV = """#\thttp://example.org/1\t[2024-01-01]
1\tKanzler\tO\tO
2\tOlaf\tB-PER\tO
3\tScholz\tI-PER\tO
4\treiste\tO\tO
5\tnach\tO\tO
6\tBerlin\tB-LOC\tO
7\t.\tO\tO

#\thttp://example.org/2\t[2024-01-02]
1\tDie\tO\tO
2\tBerliner\tB-LOCderiv\tO
3\tPolizei\tO\tO
4\tlobte\tO\tO
5\tHans\tB-PER\tO
6\t.\tO\tO

#\thttp://example.org/3\t[2024-01-03]
1\tDer\tO\tO
2\tEU-Gipfel\tB-ORGpart\tO
3\tin\tO\tO
4\tNew\tB-LOC\tO
5\tYork\tI-LOC\tO
6\tendete\tO\tO
"""


@pytest.fixture(scope="module")
def eval_ner():
    spec = importlib.util.spec_from_file_location("eval_ner", ROOT / "scripts" / "eval_ner.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "tags,expected",
    [
        (["O", "B-PER", "I-PER", "O"], {("PER", 1, 3)}),
        (["B-LOC", "B-LOC"], {("LOC", 0, 1), ("LOC", 1, 2)}),
        (["B-LOCpart", "B-OTH", "I-OTH"], set()),
        (["I-ORG", "I-ORG", "O", "B-LOCderiv"], {("ORG", 0, 2), ("LOCderiv", 3, 4)}),
        (["B-PER", "I-LOC"], {("PER", 0, 1), ("LOC", 1, 2)}),
    ],
)
def test_spans_from_bio(eval_ner, tags, expected):
    assert eval_ner.spans_from_bio(tags) == expected


def test_read_germeval(eval_ner):
    sentences = list(eval_ner.read_germeval(TSV.splitlines(keepends=True)))
    assert [s.text for s in sentences] == [
        "Kanzler Olaf Scholz reiste nach Berlin .",
        "Die Berliner Polizei lobte Hans .",
        "Der EU-Gipfel in New York endete",
    ]
    assert sentences[0].starts() == [0, 8, 13, 20, 27, 32, 39]
    assert sentences[2].gold == {("LOC", 3, 5)}  # ORGpart is not scored


class _Span:
    def __init__(self, label, start_char, end_char):
        self.label_, self.start_char, self.end_char = label, start_char, end_char


class _Doc:
    def __init__(self, spans):
        self.spans = {"factx_entities": spans}


def test_predicted_maps_chars_to_gold_tokens(eval_ner):
    sentence = next(eval_ner.read_germeval(TSV.splitlines(keepends=True)))
    doc = _Doc([_Span("PER", 8, 19), _Span("LOC", 32, 38), _Span("DATE", 0, 7)])
    assert eval_ner.predicted(doc, sentence.starts()) == {("PER", 1, 3), ("LOC", 5, 6)}


def test_evaluate_scores(eval_ner):
    sentences = list(eval_ner.read_germeval(TSV.splitlines(keepends=True)))
    # A stand-in pipeline that finds Olaf Scholz exactly and "New" instead of "New York".
    preds = [[_Span("PER", 8, 19)], [], [_Span("LOC", 18, 21)]]

    class Pipeline:
        def pipe(self, texts, batch_size=1):
            return (_Doc(p) for p, _ in zip(preds, texts, strict=True))

    scores = eval_ner.evaluate(sentences, Pipeline())
    assert scores["PER"] == {"p": 1.0, "r": 0.5, "f1": 2 / 3, "tp": 1, "fp": 0, "fn": 1}
    assert (scores["LOC"]["tp"], scores["LOC"]["fp"], scores["LOC"]["fn"]) == (0, 1, 2)
    assert scores["micro"]["tp"] == 1 and scores["micro"]["fn"] == 4
