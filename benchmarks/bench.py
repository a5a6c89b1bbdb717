"""Batch benchmark: ``factx extract DIR --format jsonl`` against spaCy's own tokenizer ceiling.

Run from the project root: ``python benchmarks/bench.py`` (see ``benchmarks/README.md``). The
corpus texts are written to a temporary folder at run time and deleted afterwards; nothing of
the corpus is kept. Every figure is wall-clock time of the real command, start-up included.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import CORPUS, read_texts, write_texts

FACTX = [sys.executable, "-m", "factx"]

#: The commands run as an installed package runs: with its modules' byte code cached (pip
#: compiles it at install time; an editable install under ``PYTHONDONTWRITEBYTECODE`` would
#: otherwise compile factx's sources again in every run). The cache lives in the benchmark's
#: temporary folder.
ENV = dict(os.environ)
ENV.pop("PYTHONDONTWRITEBYTECODE", None)


def cache_byte_code(folder: Path, article: Path) -> None:
    """Keep the commands' byte code under ``folder``; one run of each fills the cache."""
    ENV["PYTHONPYCACHEPREFIX"] = str(folder)
    timed([*FACTX, "extract", str(article), "--format", "json"])
    timed([sys.executable, "-c", "import spacy; spacy.blank('de')"])


def timed(cmd: list[str]) -> tuple[float, float, int, int]:
    """Run ``cmd``: its wall time (s), peak RSS of it and its waited children (MB), exit
    code, and how many ``factx: error:`` lines it wrote."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        err.seek(0)
        errors = err.read().decode("utf-8", "replace").count("factx: error:")
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), errors


def best(cmd: list[str], repeat: int) -> tuple[float, float, int]:
    """Fastest wall time of ``repeat`` runs, the highest peak RSS, the most failed inputs."""
    runs = []
    for _ in range(repeat):
        secs, rss, code, errors = timed(cmd)
        if code not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} exited with {code}")
        runs.append((secs, rss, errors))
    return min(r[0] for r in runs), max(r[1] for r in runs), max(r[2] for r in runs)


def baseline(texts: list[str], repeat: int, faster: bool = False) -> tuple[float, float, int]:
    """Seconds for spaCy's blank German tokenizer + sentencizer over ``texts``.

    Returns the best time of a fresh pipeline (its tokenizer cache empty, as in every
    ``factx extract`` run: the reference ratio) and the best time of a second pass through the
    same pipeline (cache warm: the ceiling once a long batch has seen most words), and the
    number of tokens. With ``faster``, the tokenizer searches its affixes the way factx's does
    (``factx.affixes.speed_up``: the same tokens, found faster).
    """
    import spacy

    fresh, warm, tokens = [], [], 0
    for _ in range(repeat):
        nlp = spacy.blank("de")
        if faster:
            from factx.affixes import speed_up

            speed_up(nlp.tokenizer)
        nlp.add_pipe("sentencizer")
        for times in (fresh, warm):
            start = time.perf_counter()
            tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
            times.append(time.perf_counter() - start)
    return min(fresh), min(warm), tokens


def _new_words(text: str, copy: int) -> str:
    """``text`` with a mark of copy ``copy`` after every word of five or more letters."""
    import re

    mark = "xyzvwq"[copy % 6] * (1 + copy // 6) + str(copy)
    return re.sub(r"\b(\w{5,})\b", lambda m: m.group(1) + mark, text)


def cold_start(article: Path, repeat: int) -> tuple[float, float]:
    """Median seconds of one-article ``factx extract`` and of ``import spacy; blank('de')``."""
    factx = [timed([*FACTX, "extract", str(article), "--format", "json"])[0] for _ in range(repeat)]
    spacy = [
        timed([sys.executable, "-c", "import spacy; spacy.blank('de')"])[0] for _ in range(repeat)
    ]
    return statistics.median(factx), statistics.median(spacy)


def main() -> None:
    """Run the benchmark and print its figures (``--json`` for a machine-readable copy)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="10kGNAD-style CSV.")
    parser.add_argument("--repeat", type=int, default=3, help="Runs per figure (best is kept).")
    parser.add_argument("--jobs", type=int, nargs="*", default=[1, 2], help="--jobs to time.")
    parser.add_argument(
        "--scale", type=int, default=4, help="Also run --jobs 1 on the corpus N times (memory)."
    )
    parser.add_argument(
        "--new-words",
        type=int,
        default=8,
        help="Also run --jobs 1 on N copies whose long words change per copy (0: skip).",
    )
    parser.add_argument(
        "--big", type=float, default=20.0, help="Size in MB of one long article (0: skip)."
    )
    parser.add_argument("--json", type=Path, help="Also write the figures to this JSON file.")
    args = parser.parse_args()
    # a killed benchmark still removes its copy of the corpus (the finally below)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    texts = read_texts(args.corpus)
    words = sum(len(t.split()) for t in texts)
    chars = sum(len(t) for t in texts)
    figures: dict[str, object] = {"articles": len(texts), "words": words, "chars": chars}
    print(f"corpus: {args.corpus} — {len(texts)} articles, {words:,} words, {chars:,} chars")

    base_secs, warm_secs, tokens = baseline(texts, args.repeat)
    figures["tokens"] = tokens
    figures["baseline"] = {"seconds": base_secs, "tokens_per_s": tokens / base_secs}
    figures["baseline_warm"] = {"seconds": warm_secs, "tokens_per_s": tokens / warm_secs}
    print(
        f"spaCy blank('de') + sentencizer (nlp.pipe): {base_secs:6.2f} s  "
        f"{tokens / base_secs:>9,.0f} tokens/s  {words / base_secs:>9,.0f} words/s"
    )
    print(
        f"  the same, second pass (tokenizer cache warm): {warm_secs:6.2f} s  "
        f"{tokens / warm_secs:>9,.0f} tokens/s"
    )
    fast_secs, _, _ = baseline(texts, args.repeat, faster=True)
    figures["baseline_factx_affixes"] = {"seconds": fast_secs, "tokens_per_s": tokens / fast_secs}
    print(
        f"  the same with factx's affix searches, fresh: {fast_secs:6.2f} s  "
        f"{tokens / fast_secs:>9,.0f} tokens/s"
    )

    tmp = Path(tempfile.mkdtemp(prefix="factx-bench-"))
    try:
        folder = tmp / "corpus"
        write_texts(texts, folder)
        cache_byte_code(tmp / "pycache", folder / "00000.txt")
        for jobs in args.jobs:
            cmd = [*FACTX, "extract", str(folder), "--format", "jsonl", "--jobs", str(jobs), "-q"]
            secs, rss, errors = best(cmd, args.repeat)
            ratio = (tokens / secs) / (tokens / base_secs)
            figures[f"jobs{jobs}"] = {
                "seconds": secs,
                "tokens_per_s": tokens / secs,
                "words_per_s": words / secs,
                "ratio_to_baseline": ratio,
                "peak_rss_mb": rss,
                "failed_inputs": errors,
            }
            print(
                f"factx extract --jobs {jobs}:                  {secs:6.2f} s  "
                f"{tokens / secs:>9,.0f} tokens/s  {words / secs:>9,.0f} words/s  "
                f"×{ratio:.2f} of baseline  peak RSS {rss:.0f} MB  failed {errors}"
            )
        if "jobs1" in figures and "jobs2" in figures:
            speedup = figures["jobs1"]["seconds"] / figures["jobs2"]["seconds"]  # type: ignore[index]
            figures["speedup_2_jobs"] = speedup
            print(f"--jobs 2 speed-up over --jobs 1: ×{speedup:.2f}")

        for jobs in args.jobs if args.scale > 1 else []:
            # the same folder named N times: N × the articles in one run, start-up amortised
            cmd = [*FACTX, "extract", *[str(folder)] * args.scale, "--format", "jsonl"]
            secs, rss, _, errors = timed([*cmd, "--jobs", str(jobs), "-q"])
            figures[f"scale{args.scale}_jobs{jobs}"] = {
                "seconds": secs,
                "tokens_per_s": tokens * args.scale / secs,
                "ratio_to_baseline": tokens * args.scale / secs / (tokens / base_secs),
                "ratio_to_warm_baseline": tokens * args.scale / secs / (tokens / warm_secs),
                "peak_rss_mb": rss,
                "failed_inputs": errors,
            }
            print(
                f"factx --jobs {jobs} on the corpus ×{args.scale} "
                f"({len(texts) * args.scale} files): {secs:6.2f} s  "
                f"{tokens * args.scale / secs:>9,.0f} tokens/s  "
                f"×{tokens * args.scale / secs / (tokens / base_secs):.2f} of baseline "
                f"(×{tokens * args.scale / secs / (tokens / warm_secs):.2f} of the warm one)  "
                f"peak RSS {rss:.0f} MB  failed {errors}"
            )
        if args.scale > 1 and 1 in args.jobs and 2 in args.jobs:
            one = figures[f"scale{args.scale}_jobs1"]["seconds"]  # type: ignore[index]
            two = figures[f"scale{args.scale}_jobs2"]["seconds"]  # type: ignore[index]
            figures[f"scale{args.scale}_speedup_2_jobs"] = one / two
            print(f"--jobs 2 speed-up over --jobs 1 on the corpus ×{args.scale}: ×{one / two:.2f}")

        factx_cold, spacy_cold = cold_start(folder / "00000.txt", max(5, args.repeat))
        figures["cold_start"] = {
            "factx_s": factx_cold,
            "spacy_blank_s": spacy_cold,
            "ratio": factx_cold / spacy_cold,
        }
        print(
            f"cold start: factx one article {factx_cold:.2f} s, import spacy + blank('de') "
            f"{spacy_cold:.2f} s: ×{factx_cold / spacy_cold:.2f}"
        )

        for jobs in args.jobs:
            # Without the one-article start-up: what the pipeline itself sustains.
            run = figures[f"jobs{jobs}"]
            steady = tokens / max(1e-9, run["seconds"] - factx_cold)  # type: ignore[index]
            run["steady_tokens_per_s"] = steady  # type: ignore[index]
            print(
                f"--jobs {jobs} without start-up: {steady:>9,.0f} tokens/s  "
                f"×{steady * base_secs / tokens:.2f} of baseline "
                f"(×{steady * fast_secs / tokens:.2f} of the one with factx's affix searches, "
                f"×{steady * warm_secs / tokens:.2f} of the warm one)"
            )
        if "jobs1" in figures:
            # The start-up runs once, before the workers fork: two processes can at best
            # halve the rest (Amdahl), whatever the pool does.
            one = figures["jobs1"]["seconds"]  # type: ignore[index]
            work = max(0.0, one - factx_cold)
            bound = one / (factx_cold + work / 2)
            figures["speedup_2_jobs_bound"] = bound
            print(
                f"--jobs 2 speed-up possible with a {factx_cold:.2f} s start-up and "
                f"{work:.2f} s of work: at most ×{bound:.2f}"
            )

        if args.new_words > 0:
            # A batch that keeps bringing new word types (the worst case for memory: spaCy's
            # vocabulary keeps every one): copy k appends a mark of its own to every word of
            # five or more letters, so each copy is new vocabulary.
            fresh = tmp / "new-words"
            for k in range(args.new_words):
                write_texts([_new_words(t, k) for t in texts], fresh / f"{k:02d}")
            for jobs in args.jobs:
                cmd = [*FACTX, "extract", str(fresh), "--format", "jsonl", "--jobs", str(jobs)]
                secs, rss, _, errors = timed([*cmd, "-q"])
                figures[f"new_words_{args.new_words}_jobs{jobs}"] = {
                    "articles": len(texts) * args.new_words,
                    "seconds": secs,
                    "peak_rss_mb": rss,
                    "failed_inputs": errors,
                }
                print(
                    f"factx --jobs {jobs} on {args.new_words} copies with new words "
                    f"({len(texts) * args.new_words} files): {secs:6.2f} s  "
                    f"peak RSS {rss:.0f} MB  failed {errors}"
                )
            if 1 in args.jobs and 2 in args.jobs:
                key = f"new_words_{args.new_words}_jobs"
                one = figures[key + "1"]["seconds"]  # type: ignore[index]
                two = figures[key + "2"]["seconds"]  # type: ignore[index]
                figures[f"new_words_{args.new_words}_speedup_2_jobs"] = one / two
                print(
                    f"--jobs 2 speed-up over --jobs 1 on {len(texts) * args.new_words} "
                    f"articles of new words: ×{one / two:.2f}"
                )
            shutil.rmtree(fresh, ignore_errors=True)

        if args.big > 0:
            big = tmp / "big.txt"
            size = int(args.big * 1_000_000)
            with open(big, "w", encoding="utf-8") as fh:
                written, i = 0, 0
                while written < size:
                    piece = texts[i % len(texts)] + "\n\n"
                    fh.write(piece)
                    written += len(piece.encode("utf-8"))
                    i += 1
            cmd = [*FACTX, "extract", str(big), "--format", "jsonl", "-q"]
            secs, rss, code, _ = timed(cmd)
            mb = big.stat().st_size / 1e6
            figures["big"] = {"mb": mb, "seconds": secs, "peak_rss_mb": rss, "exit": code}
            print(
                f"one {mb:.1f} MB article: {secs:6.2f} s  {mb / secs:.2f} MB/s  "
                f"peak RSS {rss:.0f} MB  exit {code}"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
