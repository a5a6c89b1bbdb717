"""Time each factx pipeline component over the benchmark corpus (where does the time go?).

Run: ``python benchmarks/components.py [--repeat N]``. Prints seconds and share per step,
the tokenizer included, plus the record conversion (``doc_to_article``) and JSON writing.
"""

from __future__ import annotations

import argparse
import time

from corpus import read_texts


def main() -> None:
    """Print a per-component timing table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="Passes over the corpus.")
    parser.add_argument("--limit", type=int, default=0, help="Only the first N articles.")
    args = parser.parse_args()

    import factx
    from factx.api import make_doc
    from factx.batch import WARM_UP
    from factx.records import doc_to_article

    texts = read_texts()
    if args.limit:
        texts = texts[: args.limit]
    nlp = factx.load()
    # Tables load on first use; that is start-up (measured by bench.py's cold start), not
    # per-article time, so one warm-up article loads them before the clock runs.
    nlp(WARM_UP)
    timing: dict[str, float] = {"tokenizer": 0.0}
    for name in nlp.pipe_names:
        timing[name] = 0.0
    timing["doc_to_article"] = 0.0
    timing["model_dump_json"] = 0.0
    tokens = 0
    crashes: dict[str, int] = {}
    for _ in range(args.repeat):
        for text in texts:
            t0 = time.perf_counter()
            doc = make_doc(nlp, text)  # as the CLI makes it (the text is kept, not rebuilt)
            timing["tokenizer"] += time.perf_counter() - t0
            tokens += len(doc)
            for name, proc in nlp.pipeline:
                t0 = time.perf_counter()
                try:
                    doc = proc(doc)
                except Exception:  # noqa: BLE001 - a crash is reported, not fatal
                    crashes[name] = crashes.get(name, 0) + 1
                timing[name] += time.perf_counter() - t0
            t0 = time.perf_counter()
            article = doc_to_article(doc, source="x", text=text)
            timing["doc_to_article"] += time.perf_counter() - t0
            t0 = time.perf_counter()
            article.model_dump_json()
            timing["model_dump_json"] += time.perf_counter() - t0
    total = sum(timing.values())
    print(
        f"{len(texts) * args.repeat} articles, {tokens} tokens, {total:.2f} s, "
        f"{tokens / total:,.0f} tokens/s"
    )
    print(f"{'step':<18}{'seconds':>9}{'share':>8}{'tokens/s':>12}")
    for name, secs in timing.items():
        rate = tokens / secs if secs else float("inf")
        print(f"{name:<18}{secs:>9.3f}{secs / total:>8.1%}{rate:>12,.0f}")
    for name, n in crashes.items():
        print(f"{name} raised on {n} articles (later components then saw a partial doc)")


if __name__ == "__main__":
    main()
