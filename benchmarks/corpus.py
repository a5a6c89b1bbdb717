"""Read the 10kGNAD test split (CC BY-NC-SA: local benchmarking only, never copied here)."""

from __future__ import annotations

import csv
import os
from pathlib import Path

#: Where the corpus lives on the benchmark machine; ``FACTX_BENCH_CORPUS`` overrides it.
CORPUS = Path(os.environ.get("FACTX_BENCH_CORPUS", "/work/shared/data/news/10kgnad/test.csv"))


def read_texts(path: Path = CORPUS) -> list[str]:
    """The article texts of a 10kGNAD CSV (``label;text``, quotechar ``'``)."""
    with open(path, encoding="utf-8", newline="") as fh:
        return [row[1] for row in csv.reader(fh, delimiter=";", quotechar="'") if len(row) > 1]


def write_texts(texts: list[str], folder: Path) -> list[Path]:
    """Write each text as ``NNNNN.txt`` under ``folder`` (a temp dir made by the caller)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"{i:05d}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    return paths
