"""German time expressions: find dates, times, durations and sets and normalise them to ISO.

The package splits HeidelTime-style resources three ways: ``lexicon`` (vocabulary and
normalisation tables), ``patterns`` (the rules that combine them), ``resolve`` and
``arithmetic`` (what an expression means against the publication date), and ``finder``
(candidates, acceptance and overlaps).
"""

from factx.dates.anchor import Anchor, parse_anchor
from factx.dates.finder import Extent, Timex, find_timexes

__all__ = ["Anchor", "Extent", "Timex", "find_timexes", "parse_anchor"]
