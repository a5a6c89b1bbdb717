"""Turn annotated ``Doc`` objects into :mod:`factx.schema` records (the one converter)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from factx.extensions import COUNTS, DATES, ENTITIES, span_rows, text_of
from factx.schema import Article, Count, DateMention, Entity, Fact, Mention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc


def _shift(d: dict[str, Any] | None, offset: int) -> dict[str, Any] | None:
    if d is None:
        return None
    if offset:
        d = dict(d, start=d["start"] + offset, end=d["end"] + offset)
    return d


def doc_to_article(
    pieces: list[tuple[int, Doc]] | Doc, source: str = "-", text: str | None = None
) -> Article:
    """The record for one article, from its processed ``Doc`` (or ``(offset, Doc)`` pieces)."""
    if not isinstance(pieces, list):
        pieces = [(0, pieces)]
    published = pieces[0][1]._.factx_published if pieces else None
    facts: list[Fact] = []
    entities: list[Entity] = []
    dates: list[DateMention] = []
    for offset, doc in pieces:
        facts.extend(_facts(doc, offset))
        entities.extend(_entities(doc, offset))
        rows = span_rows(doc, DATES, "factx_date")
        if rows:
            values = [_shift(value, offset) for _, _, _, value in rows]
            dates.extend(_adapters()["dates"].validate_python(values))
    return Article(
        source=source,
        published=published["value"] if published else None,
        published_from=published["from"] if published else None,
        facts=facts,
        entities=entities,
        dates=dates,
    )


#: How the compact JSON of an article ends when its lists are empty (they come last).
_EMPTY_LISTS = '"facts":[],"entities":[],"dates":[]}'


def article_json(
    pieces: Iterable[tuple[int, Doc]], source: str = "-", text: str | None = None
) -> str:
    """The record of one article as compact JSON, made one piece at a time.

    Equal to ``doc_to_article(list(pieces), source, text).model_dump_json()``, but only one
    piece's records exist at a time: a 20 MB article has ~200,000 mentions, and as models
    they take ~2 kB each, as JSON text ~0.2 kB.
    """
    adapters = _list_adapters()
    if adapters is None:  # the schema no longer ends with the three lists: the plain way
        return doc_to_article(list(pieces), source, text).model_dump_json()
    head = None
    lists: dict[str, list[str]] = {name: [] for name in adapters}
    for piece in pieces:
        part = doc_to_article([piece], source=source, text=text)
        if head is None:
            head = part.model_copy(update=dict.fromkeys(adapters, []))
        for name, adapter in adapters.items():
            items = getattr(part, name)
            if items:
                lists[name].append(adapter.dump_json(items)[1:-1].decode("utf-8"))
        del part
    if head is None:
        head = doc_to_article([], source=source, text=text)
    out = [head.model_dump_json()[: -len(_EMPTY_LISTS)]]
    for i, (name, parts) in enumerate(lists.items()):
        out.append(f'{"," if i else ""}"{name}":[')
        for j, part in enumerate(parts):
            out.extend((",", part) if j else (part,))
        out.append("]")
    out.append("}")
    return "".join(out)  # one copy of the text: this may be tens of megabytes


@lru_cache(maxsize=1)
def _adapters() -> dict[str, Any]:
    """pydantic adapters of the record's three lists: each list validated or written at once."""
    from pydantic import TypeAdapter

    return {
        "facts": TypeAdapter(list[Fact]),
        "entities": TypeAdapter(list[Entity]),
        "dates": TypeAdapter(list[DateMention]),
    }


@lru_cache(maxsize=1)
def _list_adapters() -> dict[str, Any] | None:
    """JSON writers for the record's three lists, if the record's JSON ends with them."""
    empty = Article(
        source="-", published=None, published_from=None, facts=[], entities=[], dates=[]
    )
    if not empty.model_dump_json().endswith(_EMPTY_LISTS):
        return None
    return _adapters()


def _entities(doc: Doc, offset: int) -> list[Entity]:
    rows = span_rows(doc, ENTITIES, "factx_entity")
    if not rows:
        return []
    text = text_of(doc)
    out = []
    for start, end, label, info in rows:
        info = info or {}
        written = text[start:end]
        out.append(
            {
                "text": written,
                "start": start + offset,
                "end": end + offset,
                "label": label,
                "name": info.get("name") or written,
                "type": info.get("type") or "organization",
                "country": info.get("country"),
                "lat": info.get("lat"),
                "lon": info.get("lon"),
                "role": info.get("role"),
                "is_source": bool(info.get("is_source")),
            }
        )
    return _adapters()["entities"].validate_python(out)


def _mention(d: dict[str, Any] | None, offset: int) -> Mention | None:
    d = _shift(d, offset)
    if d is None:
        return None
    fields = Mention.model_fields
    return Mention(**{k: v for k, v in d.items() if k in fields})


def _facts(doc: Doc, offset: int) -> list[Fact]:
    out = []
    for span in doc.spans.get(COUNTS, []):
        count = span._.factx_count
        fact = span._.factx_fact or {}
        date = _shift(fact.get("date"), offset)
        sent = span.sent if doc.has_annotation("SENT_START") else doc[:]
        out.append(
            Fact(
                kind=fact.get("kind", "other"),
                count=Count(
                    # the exact characters: a token may be wider ("50.000." at a sentence end)
                    text=count["text"],
                    start=count["start"] + offset,
                    end=count["end"] + offset,
                    value=count["value"],
                    min=count["min"],
                    max=count["max"],
                    approx=count["approx"],
                    qualifier=count["qualifier"],
                ),
                unit=count["unit"],
                unit_text=count.get("unit_text"),
                actor=_mention(fact.get("actor"), offset),
                location=_mention(fact.get("location"), offset),
                date=DateMention(**date) if date else None,
                source=_mention(fact.get("source"), offset),
                source_text=fact.get("source_text"),
                status=fact.get("status", "asserted"),
                sentence=Span(start=sent.start_char + offset, end=sent.end_char + offset),
            )
        )
    return out
