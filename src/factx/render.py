"""Write article records as JSON, JSONL, CSV or rich tables."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from factx.schema import Article

CSV_FIELDS = [
    "source",
    "published",
    "kind",
    "count_text",
    "count_start",
    "count_end",
    "value",
    "min",
    "max",
    "approx",
    "qualifier",
    "unit",
    "actor",
    "actor_country",
    "location",
    "location_country",
    "lat",
    "lon",
    "date_text",
    "date",
    "claim_source",
    "claim_source_country",
    "status",
]


class Writer:
    """Writes records one by one to a text stream in one of the output formats."""

    def __init__(self, fmt: str, out: TextIO) -> None:
        self.fmt = fmt
        self.out = out
        self._csv: csv.DictWriter | None = None
        self._console = None

    def write(self, article: Article | str) -> None:
        """Write one article record (and flush, so each line is complete when it appears).

        ``article`` may also be the record's compact JSON (as worker processes send it).
        """
        if isinstance(article, str):
            if self.fmt == "jsonl":
                self.out.write(article)  # (no copy with the newline: it may be megabytes)
                self.out.write("\n")
                self.out.flush()
                return
            if self.fmt == "json":
                for piece in indented(article):
                    self.out.write(piece)
                self.out.write("\n")
                self.out.flush()
                return
            from factx.schema import Article

            article = Article.model_validate_json(article)
        if self.fmt == "json":
            self.out.write(article.model_dump_json(indent=2) + "\n")
        elif self.fmt == "jsonl":
            self.out.write(article.model_dump_json() + "\n")
        elif self.fmt == "csv":
            if self._csv is None:
                self._csv = csv.DictWriter(self.out, fieldnames=CSV_FIELDS, lineterminator="\n")
                self._csv.writeheader()
            for row in csv_rows(article):
                self._csv.writerow(row)
        else:
            self._table(article)
        self.out.flush()

    def close(self) -> None:
        """Finish the output (a CSV with no facts still gets its header)."""
        if self.fmt == "csv" and self._csv is None:
            self._csv = csv.DictWriter(self.out, fieldnames=CSV_FIELDS, lineterminator="\n")
            self._csv.writeheader()
        self.out.flush()

    def _table(self, article: Article) -> None:
        from rich.console import Console

        if self._console is None:
            self._console = Console(file=self.out, soft_wrap=False)
        for renderable in tables(article):
            self._console.print(renderable)


#: A token of compact JSON: a string (escapes included), a structural character, or a
#: number / ``true`` / ``false`` / ``null``.
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\],:]|[^{}\[\],:"]+')
_CLOSER = {"{": "}", "[": "]"}


def indented(compact: str, step: int = 2, size: int = 1 << 16) -> Iterator[str]:
    """Pieces of the compact JSON text ``compact`` laid out with ``step`` spaces of indent.

    The layout is pydantic's ``model_dump_json(indent=2)`` (and ``json.dumps(indent=2)``): one
    member per line, ``": "`` after a key, empty containers as ``{}`` and ``[]``. Tokens are
    copied as they are, so strings and numbers read exactly as in the compact text. The
    record of a very long article is written this way without making its models.
    """
    out: list[str] = []
    depth = 0
    opener = ""  # a "{" or "[" not yet written: empty containers stay on one line
    for match in _JSON_TOKEN.finditer(compact):  # one token at a time, not a list of millions
        token = match.group()
        if opener:
            if token == _CLOSER[opener]:
                out.append(opener + token)
                opener = ""
                continue
            depth += 1
            out.append(opener + "\n" + " " * (step * depth))
            opener = ""
        if token in _CLOSER:
            opener = token
        elif token == "}" or token == "]":
            depth -= 1
            out.append("\n" + " " * (step * depth) + token)
        elif token == ",":
            out.append(",\n" + " " * (step * depth))
        elif token == ":":
            out.append(": ")
        else:
            out.append(token)
        if len(out) >= size:
            yield "".join(out)
            out = []
    out.append(opener)
    yield "".join(out)


def csv_rows(article: Article) -> list[dict]:
    """One CSV row per fact of the article."""
    rows = []
    for f in article.facts:
        rows.append(
            {
                "source": article.source,
                "published": article.published,
                "kind": f.kind,
                "count_text": f.count.text,
                "count_start": f.count.start,
                "count_end": f.count.end,
                "value": f.count.value,
                "min": f.count.min,
                "max": f.count.max,
                "approx": f.count.approx or "",
                "qualifier": f.count.qualifier,
                "unit": f.unit,
                "actor": f.actor.name if f.actor else None,
                "actor_country": f.actor.country if f.actor else None,
                "location": f.location.name if f.location else None,
                "location_country": f.location.country if f.location else None,
                "lat": f.location.lat if f.location else None,
                "lon": f.location.lon if f.location else None,
                "date_text": f.date.text if f.date else None,
                "date": f.date.value if f.date else None,
                "claim_source": f.source.name if f.source else f.source_text,
                "claim_source_country": f.source.country if f.source else None,
                "status": f.status,
            }
        )
    return rows


def tables(article: Article) -> list:
    """Rich renderables: a facts table, then the entities and dates found."""
    from rich.table import Table
    from rich.text import Text

    title = article.source
    if article.published:
        title += f"  (published {article.published}, from {article.published_from})"
    facts = Table(title=title, title_justify="left", show_lines=False)
    for col in ("count", "value", "unit", "kind", "actor", "where", "when", "says who", "status"):
        facts.add_column(col, overflow="fold")
    for f in article.facts:
        value = "" if f.count.value is None else f"{f.count.value:,}".replace(",", ".")
        if f.count.approx == "range":
            value = f"{f.count.min:,}–{f.count.max:,}".replace(",", ".")
        elif f.count.approx == "vague":
            value = f"≥{f.count.min:,}".replace(",", ".")
        facts.add_row(
            f.count.text,
            value,
            f.unit,
            f.kind,
            _mention(f.actor),
            _mention(f.location),
            f"{f.date.value or '?'} ({f.date.text})" if f.date else "",
            _mention(f.source) or (f.source_text or ""),
            f.status,
        )
    if not article.facts:
        facts.caption = "no troop counts found"
    out: list = [facts]
    if article.entities:
        seen: dict[tuple[str, str], int] = {}
        names: dict[tuple[str, str], str] = {}
        for e in article.entities:
            key = (e.label, e.name)
            seen[key] = seen.get(key, 0) + 1
            names[key] = e.name + (f" [{e.country}]" if e.country else "")
        line = Text("entities: ", style="bold")
        line.append(", ".join(f"{names[k]} {k[0]}×{n}" for k, n in seen.items()))
        out.append(line)
    if article.dates:
        line = Text("dates: ", style="bold")
        line.append(", ".join(f"{d.text} → {d.value or '?'}" for d in article.dates))
        out.append(line)
    return out


def _mention(m) -> str:
    if m is None:
        return ""
    return m.name + (f" [{m.country}]" if m.country else "")
