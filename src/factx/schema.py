"""Pydantic records that factx emits: the JSON contract of one article."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

FactKind = Literal[
    "deployed",
    "stationed",
    "withdrawn",
    "planned",
    "mobilized",
    "killed",
    "wounded",
    "captured",
    "strength",
    "other",
]
ApproxKind = Literal["approx", "at_least", "at_most", "range", "vague"]
MentionType = Literal["country", "city", "region", "organization", "person", "group"]
EntityLabel = Literal["PER", "ORG", "LOC", "LOCderiv"]
Status = Literal["asserted", "reported", "hedged", "denied", "planned"]
Granularity = Literal[
    "datetime", "day", "week", "month", "quarter", "season", "half", "year", "decade", "century"
]
TimexType = Literal["date", "time", "duration", "set"]
PublishedFrom = Literal["dateline", "header", "option"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Record):
    """A stretch of the input text."""

    start: int = Field(description="Character offset where the span starts in the input.")
    end: int = Field(description="Character offset where the span ends (exclusive).")


class Count(_Record):
    """How many: the number phrase of a fact."""

    text: str = Field(description="The number phrase as written, e.g. 'rund 12.000'.")
    start: int = Field(description="Character offset of the phrase in the input.")
    end: int = Field(description="End offset of the phrase (exclusive).")
    value: int | None = Field(description="The number; null for vague quantities ('Tausende').")
    min: int | None = Field(description="Lower bound (the floor for vague quantities).")
    max: int | None = Field(description="Upper bound where stated (ranges, 'bis zu').")
    approx: Literal[False] | ApproxKind = Field(
        description="false for an exact number, else the kind of qualifier."
    )
    qualifier: str | None = Field(description="The German qualifier as written, e.g. 'rund'.")


class Mention(_Record):
    """A named actor, place or source tied to a fact."""

    text: str = Field(description="The mention as written.")
    start: int = Field(description="Character offset of the mention in the input.")
    end: int = Field(description="End offset of the mention (exclusive).")
    name: str = Field(description="Canonical name, e.g. 'Nordkorea' for 'nordkoreanische'.")
    type: MentionType = Field(description="What kind of thing is named.")
    country: str | None = Field(description="ISO 3166-1 alpha-2 code (Kosovo: XK), or null.")
    lat: float | None = Field(default=None, description="Latitude for places, else null.")
    lon: float | None = Field(default=None, description="Longitude for places, else null.")
    role: str | None = Field(default=None, description="A person's role, e.g. 'Präsident'.")


class DateMention(_Record):
    """A time expression, normalised against the publication date."""

    text: str = Field(description="The expression as written.")
    start: int = Field(description="Character offset of the expression in the input.")
    end: int = Field(description="End offset of the expression (exclusive).")
    value: str | None = Field(
        description="ISO 8601 value at its granularity (2024-10-18, 2024-10, 2024-W42, 2024, "
        "2024-Q4, P3D for durations), or null when it cannot be resolved."
    )
    granularity: Granularity | None = Field(description="Precision of the value.")
    type: TimexType = Field(default="date", description="date, time, duration or set.")


class Fact(_Record):
    """One troop or personnel count stated in the text, with whose, where, when, says who."""

    kind: FactKind = Field(description="What the count is about.")
    count: Count = Field(description="The number phrase.")
    unit: str = Field(description="Canonical head noun of what is counted, e.g. 'Soldat'.")
    unit_text: str | None = Field(default=None, description="The head noun as written.")
    actor: Mention | None = Field(description="Whose forces: a country, organisation or group.")
    location: Mention | None = Field(description="Where they are, go to, or leave from.")
    date: DateMention | None = Field(description="The time expression of the same clause.")
    source: Mention | None = Field(description="Whom the count is attributed to.")
    source_text: str | None = Field(
        default=None, description="The attribution phrase as written ('Berichten zufolge')."
    )
    status: Status = Field(description="How surely the text states the count.")
    sentence: Span = Field(description="The sentence the count stands in.")


class Entity(Mention):
    """An actor or place mention anywhere in the text."""

    label: EntityLabel = Field(description="PER, ORG, LOC, or LOCderiv for adjectives/demonyms.")
    is_source: bool = Field(
        default=False, description="True when this person or organisation is cited as a source."
    )


class Article(_Record):
    """Everything factx found in one article."""

    source: str = Field(description="Path of the input, '-' for stdin, or an id from JSONL input.")
    published: str | None = Field(
        description="Publication date/time, ISO 8601 at its known precision, or null."
    )
    published_from: PublishedFrom | None = Field(
        description="Where the publication date came from: dateline, header or option."
    )
    facts: list[Fact] = Field(description="Troop and personnel counts, in text order.")
    entities: list[Entity] = Field(description="Every actor and place mention, in text order.")
    dates: list[DateMention] = Field(description="Every time expression, in text order.")


def json_schema() -> dict:
    """The JSON Schema of one article record."""
    return Article.model_json_schema()
