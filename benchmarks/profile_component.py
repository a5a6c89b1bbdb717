"""Profile one pipeline component (cProfile) over the benchmark corpus: where its time goes.

Run: ``python benchmarks/profile_component.py factx_claims [--top 25]``. The docs are first
run through the components before it, so only the named component is profiled.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats

from corpus import read_texts


def main() -> None:
    """Print the functions the component spends most time in."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("component", help="A pipe name, e.g. factx_claims, or 'tokenizer'.")
    parser.add_argument("--top", type=int, default=25, help="How many functions to list.")
    parser.add_argument("--sort", default="tottime", help="pstats sort key.")
    args = parser.parse_args()

    import factx

    nlp = factx.load()
    texts = read_texts()
    nlp("Warmlaufen: Tabellen laden, 500 Soldaten in Berlin am Freitag, sagte Scholz.")
    if args.component == "tokenizer":
        profiler = cProfile.Profile()
        profiler.enable()
        for text in texts:
            nlp.make_doc(text)
        profiler.disable()
    else:
        names = nlp.pipe_names
        before = names[: names.index(args.component)]
        with nlp.select_pipes(enable=before):
            docs = [nlp(text) for text in texts]
        proc = nlp.get_pipe(args.component)
        profiler = cProfile.Profile()
        profiler.enable()
        for doc in docs:
            proc(doc)
        profiler.disable()
    pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
