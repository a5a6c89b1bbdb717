"""Score factx's entity spans (PER, ORG, LOC, LOCderiv) on a GermEval 2014 NER file.

Each sentence's tokens are joined with spaces, run through the factx pipeline, and the spans in
``doc.spans["factx_entities"]`` are mapped back to tokens. Scores are exact span matches
against the outer annotation layer; gold ``*part`` and ``OTH`` spans are not counted.

Usage::

    python scripts/eval_ner.py ../shared/data/ner/germeval2014/NER-de-dev.tsv
    python scripts/eval_ner.py FILE --limit 500 --verbose
"""

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

LABELS = ("PER", "ORG", "LOC", "LOCderiv")
DEFAULT = Path("../shared/data/ner/germeval2014/NER-de-test.tsv")


@dataclass
class Sentence:
    """One GermEval sentence: its tokens and gold spans as ``(label, first, end)`` tokens."""

    tokens: list[str]
    gold: set[tuple[str, int, int]]

    @property
    def text(self) -> str:
        """The tokens joined with single spaces."""
        return " ".join(self.tokens)

    def starts(self) -> list[int]:
        """Character offset of each token in :attr:`text`."""
        out, pos = [], 0
        for tok in self.tokens:
            out.append(pos)
            pos += len(tok) + 1
        return out


def read_germeval(lines: Iterable[str]) -> Iterator[Sentence]:
    """Sentences of a GermEval 2014 TSV (``#`` comments, ``idx token outer inner``)."""
    tokens: list[str] = []
    tags: list[str] = []
    for line in lines:
        line = line.rstrip("\n")
        if line.startswith("#"):
            continue
        if not line.strip():
            if tokens:
                yield Sentence(tokens, spans_from_bio(tags))
            tokens, tags = [], []
            continue
        cols = line.split("\t")
        tokens.append(cols[1])
        tags.append(cols[2])
    if tokens:
        yield Sentence(tokens, spans_from_bio(tags))


def spans_from_bio(tags: list[str]) -> set[tuple[str, int, int]]:
    """Spans of the four scored labels in a BIO sequence (``B-LOC I-LOC`` → ``(LOC, 0, 2)``)."""
    spans, label, start = set(), None, 0
    for i, tag in enumerate([*tags, "O"]):
        kind, _, name = tag.partition("-")
        if label is not None and (kind != "I" or name != label):
            if label in LABELS:
                spans.add((label, start, i))
            label = None
        if kind == "B" or (kind == "I" and label is None):
            label, start = name, i
    return spans


def predicted(doc, starts: list[int]) -> set[tuple[str, int, int]]:
    """The doc's entity spans of the scored labels, as token spans of the gold tokenisation."""
    from factx.extensions import ENTITIES

    spans = set()
    if ENTITIES not in doc.spans:
        return spans
    for span in doc.spans[ENTITIES]:
        if span.label_ not in LABELS:
            continue
        first = max(i for i, s in enumerate(starts) if s <= span.start_char)
        end = max(i for i, s in enumerate(starts) if s < span.end_char) + 1
        spans.add((span.label_, first, end))
    return spans


#: The components that write entity spans; the others are switched off unless ``--full``.
ENTITY_PIPES = ("factx_entities", "factx_persons")


def build_pipeline(full: bool = False):
    """``factx.load()`` (entity components only unless ``full``), or a fallback pipeline."""
    try:
        import factx

        nlp = factx.load()
        if not full:
            nlp.select_pipes(enable=[name for name in ENTITY_PIPES if name in nlp.pipe_names])
        return nlp
    except Exception as err:  # noqa: BLE001  (any missing component: fall back, say so)
        print(f"factx.load() failed ({err!r}); using the entity components only", file=sys.stderr)
    import spacy

    import factx.components.persons  # noqa: F401

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    try:
        import factx.components.entities  # noqa: F401

        nlp.add_pipe("factx_entities")
    except ImportError:
        print("factx_entities is not available: only PER is predicted", file=sys.stderr)
    nlp.add_pipe("factx_persons")
    return nlp


def evaluate(sentences: list[Sentence], nlp, verbose: bool = False) -> dict[str, dict]:
    """Precision, recall and F1 per label and micro-averaged over :data:`LABELS`."""
    tp, fp, fn = Counter(), Counter(), Counter()
    errors: dict[str, list[str]] = defaultdict(list)
    docs = nlp.pipe((s.text for s in sentences), batch_size=256)
    for sent, doc in zip(sentences, docs, strict=True):
        pred = predicted(doc, sent.starts())
        for label, a, b in pred | sent.gold:
            hit = (label, a, b) in pred and (label, a, b) in sent.gold
            where = "tp" if hit else ("fp" if (label, a, b) in pred else "fn")
            {"tp": tp, "fp": fp, "fn": fn}[where][label] += 1
            if verbose and where != "tp":
                words = sent.tokens
                context = " ".join(
                    words[max(0, a - 5) : a] + ["[", *words[a:b], "]"] + words[b : b + 5]
                )
                errors[label].append(f"  {where.upper()} {' '.join(words[a:b])!r}: {context}")
    scores = {label: _prf(tp[label], fp[label], fn[label]) for label in LABELS}
    scores["micro"] = _prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    if verbose:
        for label in LABELS:
            print(f"== {label} errors ({len(errors[label])})")
            print("\n".join(sorted(errors[label])))
    return scores


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; prints the score table to stdout."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT, help="GermEval TSV file")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N sentences")
    parser.add_argument("--verbose", action="store_true", help="list errors by label")
    parser.add_argument("--full", action="store_true", help="run every factx component")
    args = parser.parse_args(argv)
    with args.path.open(encoding="utf-8") as f:
        sentences = list(read_germeval(f))
    if args.limit:
        sentences = sentences[: args.limit]
    scores = evaluate(sentences, build_pipeline(args.full), verbose=args.verbose)
    print(f"{args.path.name}: {len(sentences)} sentences")
    print(f"{'label':<9}{'P':>7}{'R':>7}{'F1':>7}{'TP':>7}{'FP':>7}{'FN':>7}")
    for label, s in scores.items():
        print(
            f"{label:<9}{s['p']:>7.3f}{s['r']:>7.3f}{s['f1']:>7.3f}"
            f"{s['tp']:>7}{s['fp']:>7}{s['fn']:>7}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
