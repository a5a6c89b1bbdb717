"""Score factx.dates.find_timexes on a TIMEX2 corpus with inline annotation (WikiWarsDE).

Usage:
    python scripts/eval_timex.py PATH [--docs 1-11] [--verbose]

PATH is the corpus folder (with `keyinline/*.key.xml`) or one such file. Each document's
`<TEXT>` is stripped of its `<TIMEX2>` tags, run through `find_timexes(text, anchor,
narrative=True, extent="timex2")` with the `<DATETIME>` as anchor, and compared with the tags:
extent precision/recall/F1 (strict = same offsets; overlap = any shared character) and value
accuracy on the strictly and the overlap-matched expressions.
"""

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from factx.dates import find_timexes, parse_anchor

_TAG = re.compile(r"<(/?)TIMEX2([^>]*)>")
_VAL = re.compile(r'\bval="([^"]*)"')


@dataclass
class Gold:
    start: int
    end: int
    text: str
    value: str | None


def read_inline(path: Path) -> tuple[str, str, list[Gold]]:
    """Return (text, document date, gold expressions) of an inline-annotated document."""
    raw = path.read_text(encoding="utf-8")
    when = re.search(r"<DATETIME>.*?>?\s*([\d-]{10})", raw, re.S)
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    plain: list[str] = []
    golds: list[Gold] = []
    pos = 0
    length = 0
    open_at: tuple[int, str | None] | None = None
    for m in _TAG.finditer(body):
        plain.append(body[pos : m.start()])
        length += m.start() - pos
        pos = m.end()
        if m.group(1):
            assert open_at is not None
            start, value = open_at
            golds.append(Gold(start, length, "", value))
            open_at = None
        else:
            val = _VAL.search(m.group(2))
            open_at = (length, val.group(1) if val else None)
    plain.append(body[pos:])
    text = "".join(plain)
    for g in golds:
        g.text = text[g.start : g.end]
    return text, when.group(1) if when else "", golds


def doc_range(spec: str) -> set[int]:
    out: set[int] = set()
    for part in spec.split(","):
        lo, _, hi = part.partition("-")
        out.update(range(int(lo), int(hi or lo) + 1))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--docs", help="document numbers to score, e.g. 1-11 or 12-22")
    parser.add_argument("--verbose", action="store_true", help="list misses and false alarms")
    parser.add_argument("--news", action="store_true", help="news mode (no narrative reference)")
    args = parser.parse_args(argv)

    files = sorted(args.path.glob("keyinline/*.key.xml")) if args.path.is_dir() else [args.path]
    if args.docs:
        wanted = doc_range(args.docs)
        files = [f for f in files if int(f.name.split("_")[0]) in wanted]
    if not files:
        print(f"no keyinline/*.key.xml under {args.path}", file=sys.stderr)
        return 2

    n_gold = n_sys = strict = overlap = strict_val = overlap_val = 0
    for path in files:
        text, when, golds = read_inline(path)
        anchor = parse_anchor(when) if when else None
        found = find_timexes(text, anchor, narrative=not args.news, extent="timex2")
        n_gold += len(golds)
        n_sys += len(found)
        by_span = {(t.start, t.end): t for t in found}
        matched_sys: set[tuple[int, int]] = set()
        for g in golds:
            exact = by_span.get((g.start, g.end))
            if exact is not None:
                strict += 1
                strict_val += exact.value == g.value
                overlap += 1
                overlap_val += exact.value == g.value
                matched_sys.add((exact.start, exact.end))
                continue
            near = next((t for t in found if t.start < g.end and g.start < t.end), None)
            if near is not None:
                overlap += 1
                overlap_val += near.value == g.value
                matched_sys.add((near.start, near.end))
                if args.verbose:
                    print(
                        f"{path.name[:2]} EXTENT  gold {g.text!r} {g.value}  sys {near.text!r} "
                        f"{near.value}"
                    )
            elif args.verbose:
                left = text[max(0, g.start - 40) : g.start].replace("\n", " ")
                print(f"{path.name[:2]} MISS    {g.text!r} {g.value}  …{left}")
            if exact is None and near is not None and args.verbose:
                pass
        if args.verbose:
            for t in found:
                if (t.start, t.end) not in matched_sys and not any(
                    t.start < g.end and g.start < t.end for g in golds
                ):
                    left = text[max(0, t.start - 40) : t.start].replace("\n", " ")
                    print(f"{path.name[:2]} FALSE   {t.text!r} {t.value}  …{left}")
            for g in golds:
                t = by_span.get((g.start, g.end))
                if t is not None and t.value != g.value:
                    print(f"{path.name[:2]} VALUE   {g.text!r} gold {g.value} sys {t.value}")

    def prf(hits: int) -> str:
        p = hits / n_sys if n_sys else 0.0
        r = hits / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}"

    print(f"documents {len(files)}  gold {n_gold}  system {n_sys}")
    print(f"strict   {prf(strict)}  value accuracy {strict_val / max(strict, 1):.3f}")
    print(f"overlap  {prf(overlap)}  value accuracy {overlap_val / max(overlap, 1):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
