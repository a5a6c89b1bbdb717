"""Calendar arithmetic on partial dates (year, month, day) and their ISO forms."""

import datetime as dt

Point = tuple[int, int | None, int | None]  # year (negative = BC), month, day
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def format_year(year: int) -> str:
    return f"BC{-year:04d}" if year < 0 else f"{year:04d}"


def format_point(point: Point) -> str:
    year, month, day = point
    out = format_year(year)
    if month is not None:
        out += f"-{month:02d}"
        if day is not None:
            out += f"-{day:02d}"
    return out


def granularity_of(point: Point) -> str:
    return "year" if point[1] is None else "month" if point[2] is None else "day"


def valid_day(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return year <= 0 and 1 <= month <= 12 and 1 <= day <= 31
    return True


def shift_point(point: Point, n: int, unit: str) -> Point | None:
    """Move a point by n units (Y, M, W, D); None when the point is too coarse for the unit."""
    year, month, day = point
    if unit == "Y":
        return (year + n, month, day if month != 2 or day != 29 else 28)
    if month is None:
        return None
    if unit == "M":
        months = year * 12 + month - 1 + n
        return (months // 12, months % 12 + 1, None if day is None else min(day, 28))
    if day is None or year < 1:
        return None
    days = n * 7 if unit == "W" else n
    try:
        date = dt.date(year, month, day) + dt.timedelta(days=days)
    except OverflowError:
        return None
    return (date.year, date.month, date.day)


def iso_week(point: Point, shift_days: int = 0) -> str | None:
    year, month, day = point
    if month is None or day is None or year < 1:
        return None
    iso = (dt.date(year, month, day) + dt.timedelta(days=shift_days)).isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def weekday_near(point: Point, weekday: int, mode: int) -> Point | None:
    """The weekday nearest to point: mode -1 strictly before, 0 not after, 1 strictly after,
    2 not before, 3 in the same ISO week."""
    year, month, day = point
    if month is None or day is None or year < 1:
        return None
    base = dt.date(year, month, day)
    diff = weekday - base.isoweekday()
    if mode == -1:
        delta = diff - 7 if diff >= 0 else diff
    elif mode == 0:
        delta = diff - 7 if diff > 0 else diff
    elif mode == 1:
        delta = diff + 7 if diff <= 0 else diff
    elif mode == 2:
        delta = diff + 7 if diff < 0 else diff
    else:
        delta = diff
    date = base + dt.timedelta(days=delta)
    return (date.year, date.month, date.day)
