"""Turn annotated ``Doc`` objects into :mod:`factx.schema` records (the one converter)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from factx.extensions import COUNTS, DATES, ENTITIES, span_values, text_of
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
        dates.extend(
            DateMention(**_shift(value, offset))
            for _, _, _, value in span_values(doc, DATES, "factx_date")
        )
    return Article(
        source=source,
        published=published["value"] if published else None,
        published_from=published["from"] if published else None,
        facts=facts,
        entities=entities,
        dates=dates,
    )


def _entities(doc: Doc, offset: int) -> list[Entity]:
    text = text_of(doc)
    out = []
    for span, start, end, info in span_values(doc, ENTITIES, "factx_entity"):
        info = info or {}
        out.append(
            Entity(
                text=text[start:end],
                start=start + offset,
                end=end + offset,
                label=span.label_,
                name=info.get("name") or text[start:end],
                type=info.get("type") or "organization",
                country=info.get("country"),
                lat=info.get("lat"),
                lon=info.get("lon"),
                role=info.get("role"),
                is_source=bool(info.get("is_source")),
            )
        )
    return out


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
