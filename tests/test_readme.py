"""The README shows real output: its example lines must be what factx prints today."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _block_after(marker: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    tail = text[text.index(marker) :]
    block = re.search(r"```\n(.*?)```", tail, re.S)
    assert block, f"no code block after {marker!r}"
    return block.group(1).strip().splitlines()


def test_readme_fact_lines_are_current(nlp):
    import factx

    want = _block_after("and the facts of all five examples")
    got = []
    for path in sorted((ROOT / "examples").glob("*.txt")):
        article = factx.extract(path.read_text(encoding="utf-8"), nlp=nlp)
        for f in article.facts:
            row = [
                f.count.text,
                f.kind,
                f.actor.country if f.actor else None,
                f.location.country if f.location else None,
                f.date.value if f.date else None,
                f.status,
                f.source.name if f.source else None,
            ]
            got.append(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
    assert got == want, "README example output is stale: rerun the loop shown above it"


def test_readme_commands_match_ci():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = 'python -m pip install -e ".[dev]" && python -m pytest'
    assert command in ci and command in readme
