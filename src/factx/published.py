"""Find the publication date an article states in its header or dateline."""

import re
from dataclasses import dataclass

from factx.dates import Anchor, find_timexes, parse_anchor

__all__ = ["Published", "find_published"]

HEAD_CHARS = 600
"""How far into the text header dates are looked for."""

_LABEL = re.compile(
    r"(?:^|[\s|·•])(?:Stand|Veröffentlicht|Veröffentlichung|Aktualisiert|Zuletzt aktualisiert|"
    r"Erstellt|Publiziert|Erschienen|Datum|date|Date|Published|Updated)"
    r"(?:\s+(?:am|um|vom))?\s*:?\s*$"
)
# A date on a line of its own, possibly with a time: "03.09.2025 - 05:39 Uhr".
_ALONE = re.compile(r"^[\s|·•]*$")
_ALONE_AFTER = re.compile(r"^\s*(?:[-–—|·•,]\s*)?(?:\d{1,2}[:.]\d{2}\s*(?:Uhr)?\s*)?$")
# "Berlin, 4. November 2024 (dpa) -", "Kiew/Moskau, 4.11.2024 -"
_DATELINE_BEFORE = re.compile(r"^\s*[A-ZÄÖÜ][\w.'’/ -]{1,40},\s*$")
_DATELINE_AFTER = re.compile(r"^\s*(?:\([^)\n]{1,30}\)\s*)?[-–—:]")
_EXPLICIT = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2})?)?)?")
_PRECISION = {"year": 0, "month": 1, "day": 2, "datetime": 3}


@dataclass(frozen=True)
class Published:
    """A publication date stated by the article itself."""

    anchor: Anchor
    source: str
    start: int
    end: int


def _paragraph_starts(text: str, limit: int = 3) -> list[int]:
    """Offsets of the first lines of the first few paragraphs (where datelines stand)."""
    starts = [0]
    for m in re.finditer(r"\n\s*\n", text):
        starts.append(m.end())
        if len(starts) > limit:
            break
    return starts


_HAS_YEAR = re.compile(r"\d{4}|\d\.\d{1,2}\.\d{2}")


def find_published(text: str) -> Published | None:
    """Find the publication date in the head of an article.

    Looks at the first `HEAD_CHARS` characters for header dates (`Stand: 23.10.2024 16:03
    Uhr`, a line `03.09.2025 - 05:39 Uhr`, a metadata line `date 2024-10`) and at the first
    line of the first paragraphs for a dateline (`Berlin, 4. November 2024 (dpa) -`). When
    several are stated, the most precise wins, then the earliest.

    Args:
        text: The article.

    Returns:
        The publication date, or None when the head states none.
    """
    found: list[Published] = []
    windows = [(0, min(len(text), HEAD_CHARS))]
    for p in _paragraph_starts(text):
        if p >= HEAD_CHARS:
            line_end = text.find("\n", p)
            windows.append((p, min(p + 200, line_end if line_end >= 0 else len(text))))
    for w_start, w_end in windows:
        head = text[w_start:w_end]
        if not _HAS_YEAR.search(head):
            continue  # every publication date states its year: skip the date rules here
        for t in find_timexes(head, None, extent="timex2"):
            if t.value is None or not _EXPLICIT.fullmatch(t.value) or t.type == "duration":
                continue
            line_start = head.rfind("\n", 0, t.start) + 1
            line_end = head.find("\n", t.end)
            before = head[line_start : t.start]
            after = head[t.end : len(head) if line_end < 0 else line_end]
            if _LABEL.search(before) or (_ALONE.match(before) and _ALONE_AFTER.match(after)):
                source = "header"
            elif _DATELINE_BEFORE.match(before) and _DATELINE_AFTER.match(after):
                source = "dateline"
            else:
                continue
            anchor = parse_anchor(t.value)
            found.append(Published(anchor, source, w_start + t.start, w_start + t.end))
    if not found:
        return None
    return max(found, key=lambda p: (_PRECISION[p.anchor.granularity], -p.start))
