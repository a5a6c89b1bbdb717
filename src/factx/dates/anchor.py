"""The publication date a text is resolved against: ``Anchor`` and ``parse_anchor``."""

import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Anchor:
    """The publication date a text is resolved against, at the precision it is known."""

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None

    @property
    def granularity(self) -> str:
        """`"year"`, `"month"`, `"day"` or `"datetime"`."""
        if self.month is None:
            return "year"
        if self.day is None:
            return "month"
        return "day" if self.hour is None else "datetime"

    def iso(self) -> str:
        """ISO 8601 at the anchor's own precision, e.g. `"2024-10"` or `"2024-10-23T16:03"`."""
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
            if self.day is not None:
                out += f"-{self.day:02d}"
                if self.hour is not None:
                    out += f"T{self.hour:02d}:{self.minute or 0:02d}"
        return out


_ANCHOR_RE = re.compile(
    r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?)?)?"
)


def parse_anchor(value: str) -> Anchor:
    """Parse a publication date given as `2024`, `2024-10`, `2024-10-23` or an ISO datetime.

    A German calendar date with a year (`23.10.2024`, `23. Oktober 2024`, `Oktober 2024`) is
    also accepted, read by `dateparser`; relative words (`gestern`) are not.

    Args:
        value: The date, e.g. `"2024-10-23T16:03:00+02:00"`; seconds and offset are dropped.

    Returns:
        The anchor at the precision given.

    Raises:
        ValueError: If the value is not such a date or names an impossible day.
    """
    m = _ANCHOR_RE.fullmatch(value.strip())
    if not m:
        return _parse_german_anchor(value)
    year, month, day, hour, minute = (int(g) if g else None for g in m.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"no month {month} in {value!r}")
    if day is not None:
        dt.date(year, month or 1, day)  # raises ValueError for 2024-02-30
    if hour is not None and (hour > 23 or (minute or 0) > 59):
        raise ValueError(f"no time {hour}:{minute} in {value!r}")
    return Anchor(year, month, day, hour, minute)


def _parse_german_anchor(value: str) -> Anchor:
    if not re.search(r"(?<!\d)\d{4}(?!\d)", value):
        raise ValueError(f"not a date with a year: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    from dateparser.date import DateDataParser  # slow to import: only for non-ISO input

    data = DateDataParser(languages=["de"]).get_date_data(value.strip())
    when = data.date_obj
    if when is None:
        raise ValueError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    if data.period == "year":
        return Anchor(when.year)
    if data.period == "month":
        return Anchor(when.year, when.month)
    if re.search(r"\d:\d\d", value):
        return Anchor(when.year, when.month, when.day, when.hour, when.minute)
    return Anchor(when.year, when.month, when.day)
