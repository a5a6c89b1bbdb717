"""Build ``src/factx/data/de/dates/filters.json``: the date rules' n-gram filters, precomputed.

``factx.dates.scan`` tries each date rule only where the first characters of the text fit one
of the rule's heads; the heads are derived from the rules' regexes (their parse trees). That
analysis costs ~40 ms of every start-up, so its result ships as data. The file carries a
fingerprint of the regexes it was made from: after a rule edit, factx derives the filters at
start-up again (same output, slower) until this script is run, and ``tests/test_dates_filters.py``
fails until then.

Usage::

    python scripts/build_date_filters.py            # writes the JSON
    python scripts/build_date_filters.py --check    # exit 1 when the committed file differs
"""

import argparse
import json
import sys
from pathlib import Path

from factx.dates.scan import derive_filters

OUT = (
    Path(__file__).resolve().parents[1] / "src" / "factx" / "data" / "de" / "dates" / "filters.json"
)


def render(data: dict) -> str:
    """The file's text: compact JSON (the tables hold a few thousand numbers)."""
    return json.dumps(data, separators=(",", ":")) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write or check the filter file; returns the process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    text = render(derive_filters())
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{args.out} differs from the generator", file=sys.stderr)
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
