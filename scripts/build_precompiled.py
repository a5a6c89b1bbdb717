"""Build the compiled-regex tables under ``src/factx/data/de/`` (see ``factx.precompiled``).

Each table holds, for every pattern text of a rule set, the code Python's regex engine runs,
so that a start-up skips the regex parser. The code is valid only for the Python version that
made it (the table says which); elsewhere factx compiles the patterns as usual. Run this after
a rule or vocabulary edit, or for another Python version; ``tests/test_precompiled.py`` fails
until then.

Usage::

    python scripts/build_precompiled.py            # writes the tables
    python scripts/build_precompiled.py --check    # exit 1 when a committed table differs
"""

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from factx import attribution
from factx.dates import patterns
from factx.precompiled import table

DATA = Path(__file__).resolve().parents[1] / "src" / "factx" / "data" / "de"


def _date_rules() -> list[str]:
    return [p for pair in patterns.rule_sources().values() for p in pair]


#: table file (under data/de/) -> the pattern texts it holds
TABLES: dict[str, Callable[[], list[str]]] = {
    patterns.COMPILED: _date_rules,
    attribution.COMPILED: attribution.claim_pattern_texts,
}


def render(name: str) -> str:
    """The text of one table file."""
    return json.dumps(table(TABLES[name]()), ensure_ascii=False, separators=(",", ":")) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write or check the tables; returns the process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    stale = 0
    for name in TABLES:
        path, text = DATA / name, render(name)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                print(f"{path} differs from the generator", file=sys.stderr)
                stale += 1
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}", file=sys.stderr)
    if args.check and not stale:
        print("up to date", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
