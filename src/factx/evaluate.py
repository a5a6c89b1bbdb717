"""Score factx's troop facts against gold annotations (``factx evaluate``).

Gold format (one article per JSONL line): ``{"id", "dct", "troop_counts": [{"text", "value",
"value_max", "approx", "unit", "actor_iso", "location_iso", "date_value", "source_text",
"status", "kind"}, ...]}`` with texts in ``TEXTS/<id>.txt`` (a ``url:`` line, a ``date:``
line and a blank line, then the article). Gold counts carry no offsets: each is found in the
text in order. A predicted count matches a gold one when the values agree (both null for vague
quantities) and the spans overlap. Over matched counts factx reports the accuracy of actor
country, location country, date value, status and kind, and the recall of the claimed source
(the predicted source overlaps the gold source span).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

#: Gold kinds (a finer scheme) as factx kinds; "present" is a force's size, so "strength"
#: counts as right too.
KIND_MAP = {
    "present": {"stationed", "strength"},
    "sent": {"deployed"},
    "target": {"planned"},
    "ceiling": {"planned"},
    "withdrawn": {"withdrawn"},
    "mobilized": {"mobilized"},
    "killed": {"killed"},
    "wounded": {"wounded"},
    "captured": {"captured"},
    "casualties": {"other"},
    "cumulative": {"other"},
    "change": {"other"},
    "generic": {"other"},
}

ATTRIBUTES = ("actor", "location", "date", "status", "kind")


@dataclass
class Match:
    """A gold count, where it stands, and the prediction matched to it (if any)."""

    doc: str
    gold: dict
    start: int
    end: int
    pred: dict | None = None


@dataclass
class Report:
    """Everything counted in one evaluation run."""

    matches: list[Match] = field(default_factory=list)
    false_alarms: list[tuple[str, dict]] = field(default_factory=list)
    attr_right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ATTRIBUTES, 0))
    attr_wrong: dict[str, list[tuple[Match, object, object]]] = field(
        default_factory=lambda: {a: [] for a in ATTRIBUTES}
    )
    source_gold: int = 0
    source_found: int = 0
    source_missed: list[Match] = field(default_factory=list)
    documents: int = 0

    def scores(self) -> dict[str, float | int]:
        """Precision, recall, F1 and the attribute accuracies as a dict."""
        tp = sum(1 for m in self.matches if m.pred is not None)
        gold = len(self.matches)
        pred = tp + len(self.false_alarms)
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out: dict[str, float | int] = {
            "documents": self.documents,
            "gold": gold,
            "predicted": pred,
            "matched": tp,
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
        }
        for a in ATTRIBUTES:
            out[f"{a}_accuracy"] = round(self.attr_right[a] / tp, 3) if tp else 0.0
        out["source_recall"] = (
            round(self.source_found / self.source_gold, 3) if self.source_gold else 0.0
        )
        return out


def read_article(path: Path) -> tuple[str, str | None]:
    """The text after the ``url:``/``date:`` header, and the header date (None if unknown)."""
    raw = path.read_text(encoding="utf-8")
    published = None
    lines = raw.split("\n")
    body_start = 0
    for i, line in enumerate(lines[:3]):
        if line.startswith("url:"):
            body_start = i + 1
        elif line.startswith("date:"):
            value = line[5:].strip()
            published = None if value in ("", "unknown", "null") else value
            body_start = i + 1
    if body_start < len(lines) and lines[body_start] == "":
        body_start += 1
    return "\n".join(lines[body_start:]), published


def _locate(text: str, needle: str | None, near: int) -> tuple[int, int] | None:
    """The occurrence of ``needle`` nearest to offset ``near``."""
    if not needle:
        return None
    best = None
    for m in re.finditer(re.escape(needle), text):
        d = abs(m.start() - near)
        if best is None or d < best[0]:
            best = (d, m.start(), m.end())
    return (best[1], best[2]) if best else None


def evaluate(gold_path: Path, texts: Path, nlp=None) -> Report:
    """Run factx over every gold article and compare."""
    import factx

    with open(gold_path, encoding="utf-8") as fh:  # a missing gold file fails before loading
        records = [json.loads(line) for line in fh if line.strip()]
    nlp = nlp or factx.load()
    report = Report()
    for rec in records:
        path = Path(texts) / f"{rec['id']}.txt"
        text, header_date = read_article(path)
        published = rec.get("dct") or header_date
        article = factx.extract(text, published=published, source=str(path), nlp=nlp)
        report.documents += 1
        facts = [f.model_dump() for f in article.facts]
        used: set[int] = set()
        pos = 0
        for g in rec["troop_counts"]:
            i = text.find(g["text"], pos)
            if i < 0:
                i = text.find(g["text"])
            start, end = (i, i + len(g["text"])) if i >= 0 else (-1, -1)
            if i >= 0:
                pos = i + 1
            m = Match(rec["id"], g, start, end)
            for j, f in enumerate(facts):
                c = f["count"]
                if j in used or start < 0:
                    continue
                if c["start"] < end and c["end"] > start and c["value"] == g["value"]:
                    m.pred = f
                    used.add(j)
                    break
            report.matches.append(m)
            if m.pred is not None:
                _score_attributes(report, m, text)
        for j, f in enumerate(facts):
            if j not in used:
                report.false_alarms.append((rec["id"], f))
    return report


def _score_attributes(report: Report, m: Match, text: str) -> None:
    g, f = m.gold, m.pred
    assert f is not None
    pairs = {
        "actor": (g.get("actor_iso"), (f.get("actor") or {}).get("country")),
        "location": (g.get("location_iso"), (f.get("location") or {}).get("country")),
        "date": (g.get("date_value"), (f.get("date") or {}).get("value")),
        "status": (g.get("status"), f.get("status")),
    }
    for attr, (want, got) in pairs.items():
        if want == got:
            report.attr_right[attr] += 1
        else:
            report.attr_wrong[attr].append((m, want, got))
    kinds = KIND_MAP.get(g.get("kind") or "", {g.get("kind")})
    if f.get("kind") in kinds:
        report.attr_right["kind"] += 1
    else:
        report.attr_wrong["kind"].append((m, g.get("kind"), f.get("kind")))
    if g.get("source_text"):
        report.source_gold += 1
        span = _locate(text, g["source_text"], m.start)
        src = f.get("source")
        ok = False
        if span and src:
            ok = src["start"] < span[1] and src["end"] > span[0]
        if not ok and span and f.get("source_text"):
            # an attribution phrase without a named source ("Berichten zufolge")
            s2 = _locate(text, f["source_text"], m.start)
            ok = bool(s2 and s2[0] < span[1] and s2[1] > span[0])
        if ok:
            report.source_found += 1
        else:
            report.source_missed.append(m)


def format_report(report: Report, verbose: bool = False) -> str:
    """A plain-text report of the scores (and, verbose, of every error)."""
    s = report.scores()
    lines = [
        f"documents {s['documents']}   gold counts {s['gold']}   predicted {s['predicted']}"
        f"   matched {s['matched']}",
        "",
        "count detection (same value, overlapping span)",
        f"  precision  {s['precision']:.3f}",
        f"  recall     {s['recall']:.3f}",
        f"  f1         {s['f1']:.3f}",
        "",
        "over matched counts",
    ]
    for a in ATTRIBUTES:
        label = {"actor": "actor country", "location": "location country", "date": "date value"}
        lines.append(f"  {label.get(a, a):17s}{s[a + '_accuracy']:.3f}")
    lines.append(
        f"  {'source recall':17s}{s['source_recall']:.3f}   ({report.source_found}/"
        f"{report.source_gold} gold sources)"
    )
    if verbose:
        lines += ["", "misses:"]
        lines += [
            f"  {m.doc} {m.gold['text']!r} ({m.gold['value']})"
            for m in report.matches
            if m.pred is None
        ]
        lines += ["", "false alarms:"]
        lines += [
            f"  {d} {f['count']['text']!r} {f['unit']} ({f['count']['value']})"
            for d, f in report.false_alarms
        ]
        for a in ATTRIBUTES:
            lines += ["", f"{a} mismatches (gold -> factx):"]
            lines += [
                f"  {m.doc} {m.gold['text']!r}: {want} -> {got}"
                for m, want, got in report.attr_wrong[a]
            ]
        lines += ["", "sources missed:"]
        lines += [
            f"  {m.doc} {m.gold['text']!r}: gold {m.gold['source_text']!r} -> "
            f"{(m.pred.get('source') or {}).get('text') if m.pred else None!r}"
            for m in report.source_missed
        ]
    return "\n".join(lines)
