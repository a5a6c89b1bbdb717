"""Find quantity phrases in German text: qualifier, number, modifiers and the counted noun.

``"rund 12.000 nordkoreanische Soldaten"`` → qualifier ``rund``, number 12000, modifier
``nordkoreanische``, noun ``Soldaten``. This module only reads the phrase; deciding whether it
counts troops (the noun's class, elided nouns, context) is the ``factx_counts`` component's job.
Pure functions, no spaCy; the unit vocabulary is ``data/de/units.json``.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from factx.numbers import DIGITS, parse_number, qualifier_kind, vague_floor, vocabulary

# Words that may stand between the number and the noun: adjectives and participles
# ("nordkoreanische", "weitere", "stationierten"), but not articles, pronouns or verbs.
_FUNCTION_WORDS = (
    "der die das den dem des ein eine einer einen einem eines und oder sowie aber von vom zu zur "
    "zum mit nach aus in im an am auf bei für gegen über unter vor hinter seine seiner seinen "
    "seinem ihre ihrer ihren ihrem unsere deren dessen diese dieser diesen diesem jene welche "
    "sind seien waren wären werden wurden würden haben hatten hätten habe sollen sollten "
    "könnte könnten müssen wollen wird wurde ist war sei hat hatte soll will kann muss bis je "
    "pro als wie etwa rund nur noch schon bereits mehr weniger insgesamt jeweils alle allein "
    "sie er es wir ihr man dass ob wenn weil denn nicht keine kein keinen davon darunter "
    "jahre jahren jahr stunden tage tagen wochen monate monaten prozent euro dollar"
).split()

_MOD = (
    # a place phrase inside the modifiers: "28.500 in Südkorea stationierte US-Soldaten"
    r"(?:(?:in|im|aus|an|am|auf|nach)\s+(?:(?:der|den|dem|die)\s+)?[A-ZÄÖÜ][\w\-]+"
    r"(?=\s+[a-zäöüß]\w*e[nrsm]?\s)"
    r"|(?!(?:" + "|".join(_FUNCTION_WORDS) + r")\b)"
    r"(?:[a-zäöüß][\w\-]*?(?:e|en|er|es|em)|[A-ZÄÖÜ]{2,}-[a-zäöüß]+(?:e|en|er|es|em)"
    r"|ukrainische[nrsm]?|\([^()\s]{1,20}\)))"
)
_NOUN = (
    r"[A-ZÄÖÜ]\w*(?:-\w+)*(?:-\s+(?:und|oder)\s+[A-ZÄÖÜ]\w*(?:-\w+)*)?"
    r"(?::innen|\*innen|_innen|/innen)?"
)
_QUAL = (
    r"(?i:weit\s+mehr\s+als|deutlich\s+mehr\s+als|nicht\s+mehr\s+als|mehr\s+als|weniger\s+als|"
    r"weit\s+über|über|gut|knapp|fast|beinahe|rund|etwa|ca\.|circa|zirka|ungefähr|"
    r"schätzungsweise|geschätzte?|mindestens|wenigstens|bis\s+zu|maximal|höchstens|annähernd|nahezu|eher|"
    r"an\s+die)"
)
_MULT = r"(?:Millionen|Million|Mio\.|Milliarden|Mrd\.|[Tt]ausend)"
_VAGUE = (
    r"(?i:(?:mehrere[nr]?|einige[nr]?|etliche[nr]?|wenige[nr]?|ein\s+paar)\s+"
    r"(?:hundert|tausend|zehntausend|dutzend)"
    r"|dutzende[n]?|hunderttausende[nr]?|zehntausende[nr]?|hunderte[n]?|tausende[n]?"
    r"|zigtausende[n]?|zigtausend|zig)"
)


_VERB_UEBER = re.compile(r"\bverf[üu]g\w*\s+$")


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    voc = vocabulary()
    atoms = sorted(
        {w.replace("ß", s) for w in (*voc["units"], *voc["tens"]) for s in ("ß", "ss")}
        | {"hundert", "tausend", "und"},
        key=len,
        reverse=True,
    )
    word = r"(?i:(?!(?:und|ein|eins)\b)(?:" + "|".join(atoms) + r")+)"
    num = (
        rf"(?:(?:{DIGITS})(?:\s*{_MULT})?(?![\w])|(?i:eine?)\s+(?:Million|Millionen|Dutzend)"
        rf"|(?i:(?:eine\s+)?halbe|anderthalb|eineinhalb|zweieinhalb|dreieinhalb)\s+"
        rf"(?:Million|Millionen|[Tt]ausend)"
        rf"|{word}(?:\s*(?:{_MULT}|Dutzend))?)"
    )
    return re.compile(
        rf"(?<![\w.,:/\-'’\u00a0\u202f])"
        rf"(?:(?P<between>(?i:zwischen))\s+|(?P<qual>{_QUAL})\s+)?"
        rf"(?P<more>(?i:weitere[n]?|zusätzliche[n]?)\s+)?"
        rf"(?:(?P<vague>{_VAGUE})|(?P<num>{num})"
        rf"(?:\s*(?P<rsep>-?\s*bis|–|—|-|und)\s*(?P<num2>{num}))?)"
        rf"(?![\w:\-])"
        rf"(?P<tail>(?P<mods>(?:[^\S\n]+{_MOD}){{0,4}})[^\S\n]+(?P<noun>{_NOUN})"
        rf"(?P<more_nouns>(?:\s+(?:und|sowie|oder)\s+(?:{_NOUN}))?)"
        rf"(?P<after>\s+(?:der|des)\s+{_NOUN})?)?"
    )


@lru_cache(maxsize=1)
def units() -> dict:
    """The unit vocabulary table."""
    return json.loads((files("factx") / "data" / "de" / "units.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _unit_index() -> tuple[dict[str, tuple[str, str]], list[tuple[str, str]], frozenset[str]]:
    table = units()
    index: dict[str, tuple[str, str]] = {}
    for cls in ("military", "casualties", "needs_force_context"):
        for canon, forms in table[cls].items():
            for form in forms:
                index[form] = (canon, cls)
    for form, canon in table["personnel_context"].items():
        index[form] = (canon, "personnel")
    suffixes = sorted(table["compound_suffixes"].items(), key=lambda kv: -len(kv[0]))
    return index, suffixes, frozenset(table["compound_exclude"])


def classify_noun(noun: str) -> tuple[str, str] | None:
    """``(canonical unit, class)`` for a counted noun, class in military/casualties/personnel."""
    index, suffixes, exclude = _unit_index()
    if noun in index:
        return index[noun]
    noun = noun.split()[-1]  # "Zeit- und Berufssoldaten" -> "Berufssoldaten"
    if noun in index:
        return index[noun]
    if noun in exclude:
        return None
    low = noun.lower()
    for suffix, canon in suffixes:
        if low.endswith(suffix) and len(low) > len(suffix):
            return canon, "military"
    return None


_LETTERS = re.compile(r"[^\W\d_]+")
_LEADING_WORD = re.compile(r"\w*")


@dataclass(frozen=True)
class NounHints:
    """What a token must hold to be part of a noun that :func:`classify_noun` accepts.

    A token can be the noun (or the last word of its phrase, or the ``X`` of "Angehörige der
    X") only if one of ``starts`` begins at a word start in it ("US-Soldaten"), its lower-cased
    text holds one of ``suffixes`` ("Bundeswehrsoldaten"), or it starts with a word of
    ``whole`` right after whitespace. A word of ``phrases`` counts only where one of its
    multi-word keys stands in the text as written.
    """

    starts: tuple[str, ...]
    suffixes: tuple[str, ...]
    whole: frozenset[str]
    phrases: dict[str, re.Pattern[str]]
    #: words of ``whole`` that can also end a troop noun an elided count refers back to
    #: ("Angehörige der Armee", "Männer und Frauen"); the others count only where they stand
    far: frozenset[str]
    #: words of ``whole`` that count only with armed forces named near them ("Tote", "Beamte")
    forced: frozenset[str]

    def holds_noun(self, token: str, lowered: str, starts: tuple[int, ...]) -> bool:
        """Whether ``token`` holds a troop noun or a compound suffix.

        ``lowered`` is ``token.lower()``, ``starts`` its :func:`word_starts`.
        """
        if any(token.startswith(self.starts, k) for k in starts):
            return True
        return _suffix_search().search(lowered) is not None

    def leading_word(self, token: str) -> str:
        """The word a token starts with (its leading run of word characters)."""
        return _LEADING_WORD.match(token).group()  # type: ignore[union-attr]


_WORD_START = re.compile(r"(?<!\w)\w")


def word_starts(token: str) -> tuple[int, ...]:
    """Where words start in a token: its start and after each non-word character ("US-")."""
    if token.isalnum():
        return (0,)
    return (0, *(m.start() for m in _WORD_START.finditer(token, 1)))


@lru_cache(maxsize=1)
def _suffix_search() -> re.Pattern[str]:
    return alternation(noun_hints().suffixes)


def _longest_run(text: str) -> str:
    return max(_LETTERS.findall(text), key=len, default="")


def _first_run(text: str) -> str:
    """The letters a word starts with ("Soldat:innen" -> "Soldat"), or the word."""
    m = _LETTERS.match(text)
    return m.group() if m else text


def alternation(words) -> re.Pattern[str]:
    """A regex whose ``search`` finds whether any of ``words`` stands in a text.

    Only for that yes or no: the words form a trie, so that a position costs one test per
    first letter, not one per word (several times faster on hundreds of words), and a word
    that starts with another word is left out. Matches nothing when there are no words.
    """
    root: dict = {}
    for word in sorted({w for w in words if w}, key=len):
        node = root
        for char in word:
            if "" in node:
                break  # a shorter word is a prefix: this one adds nothing
            node = node.setdefault(char, {})
        else:
            node.clear()
            node[""] = {}
    return re.compile(_trie(root) or r"(?!)")


def _trie(node: dict) -> str:
    branches = [re.escape(char) + _trie(child) for char, child in sorted(node.items()) if char]
    if len(branches) > 1:
        return "(?:" + "|".join(branches) + ")"
    return branches[0] if branches else ""


@lru_cache(maxsize=1)
def noun_hints() -> NounHints:
    """The unit vocabulary as token tests (see :class:`NounHints`)."""
    table = units()
    index, suffixes, _ = _unit_index()
    # troop nouns the elided-count search finds after a hyphen or bracket ("US-Soldaten")
    anywhere = {f for forms in table["military"].values() for f in forms}
    anywhere |= {form for form, (_, cls) in index.items() if cls == "military"}
    contained, singles, last_words = set(), set(), {}
    # the classes of the keys a word stands for: those but "military" need armed forces named
    # near the count ("Mann" also counts alone from 100 on: "eine 4800 Mann starke Brigade")
    needs_force: dict[str, bool] = {}
    for form, (canon, cls) in index.items():
        last = form.split()[-1]
        alone = cls == "military" or canon == "Mann"
        needs_force[last] = needs_force.get(last, True) and not alone
    for form in index:
        words = form.split()
        if len(words) > 1:
            last_words.setdefault(words[-1], set()).add(form)
        elif form in anywhere or not _LEADING_WORD.fullmatch(form):
            contained.add(_first_run(form))
        else:
            singles.add(form)
    whole, phrases = set(singles), {}
    for last, forms in last_words.items():
        if not _LEADING_WORD.fullmatch(last):
            contained.add(_first_run(last))
            continue
        whole.add(last)
        if last not in singles:
            # "Armee" counts only after "Angehörige der" (with any whitespace: the noun and
            # "der X" are joined with single spaces before the key is looked up)
            heads = sorted(r"\s+".join(map(re.escape, f.split()[:-1])) for f in forms)
            phrases[last] = re.compile("(?:" + "|".join(heads) + r")\s+\Z")
    # a word the other tests find anyway needs no test of its own
    starts = tuple(sorted(contained))
    suffix_runs = tuple(sorted({_longest_run(s) for s, _ in suffixes}))
    whole = {
        w
        for w in whole
        if not w.startswith(starts) and not any(x in w.lower() for x in suffix_runs)
    }
    return NounHints(
        starts=starts,
        suffixes=suffix_runs,
        whole=frozenset(whole),
        phrases={w: keys for w, keys in phrases.items() if w in whole},
        far=frozenset(w for w in last_words if w in whole),
        forced=frozenset(w for w in whole if needs_force.get(w, False)),
    )


@dataclass
class QuantityMatch:
    """A number phrase with the noun that follows it (if any)."""

    start: int  # start of the qualifier or number
    end: int  # end of the number phrase (qualifier + number [+ range])
    value: int | None
    min: int | None
    max: int | None
    approx: str | bool
    qualifier: str | None
    additional: bool  # "weitere 2000", "2000 weitere"
    noun: str | None  # the word after the number phrase and its modifiers
    noun_start: int | None
    noun_end: int | None
    mods: str  # the words between number and noun
    phrase_end: int  # end of the whole phrase including the noun (and "und Grenzschützern")


@lru_cache(maxsize=1)
def anchor_words() -> tuple[str, ...]:
    """The number words a number phrase is looked for around (besides digits), lower case."""
    voc = vocabulary()
    words = {w.replace("ß", s) for w in (*voc["units"], *voc["tens"]) for s in ("ß", "ss")}
    words -= {"ein", "eins"}  # "eine Million" is found by "Million"
    words |= {"hundert", "tausend", "dutzend", "zig", "million", "millionen"}
    # longest first; the two compounds come last (where "zehn" and "hundert" shadow them)
    return (*sorted(words, key=len, reverse=True), "zehntausend", "hunderttausend")


@lru_cache(maxsize=1)
def _anchors() -> re.Pattern[str]:
    """Where a number phrase can be: digits and number words (a cheap scan first)."""
    return re.compile(r"\d+|(?i:\b(?:" + "|".join(anchor_words()) + "))")


@lru_cache(maxsize=1)
def _anchor_hint() -> re.Pattern[str]:
    # the anchor scan without its word boundary: finds something in every word that holds an
    # anchor (a word boundary depends on the character before the word)
    return re.compile(r"\d|(?i:" + "|".join(anchor_words()) + ")")


def may_hold_anchor(word: str) -> bool:
    """Whether a token could hold a digit or a number word (never False when it does)."""
    return _anchor_hint().search(word) is not None


def anchor_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of the digits and number words in ``text[start:end]``.

    The range must not cut a run of letters or digits: then the spans are exactly those a
    scan of the whole text finds there (a token of spaCy's German tokenizer is such a range).
    """
    found = _anchors().finditer(text, start, len(text) if end is None else end)
    return [m.span() for m in found]


# A number phrase starts at most this far before its first digit or number word
# ("deutlich mehr als 2000"), and ends at most this far after it (modifiers and noun).
_BEFORE, _AFTER = 40, 200


def find_quantities(text: str) -> list[QuantityMatch]:
    """Every number phrase in ``text`` with its qualifier and following noun.

    The full pattern is tried only around digits and number words, not at every character.
    """
    return [q for _, _, q in scan_quantities(text, anchor_spans(text))]


def search_end(text: str, anchor_end: int) -> int:
    """Where the search for the phrase of an anchor ending at ``anchor_end`` stops."""
    end = text.find(" ", anchor_end + _AFTER)
    return len(text) if end < 0 else end


def is_fresh(text: str, anchors: list[tuple[int, int]], i: int) -> bool:
    """Whether the phrase of anchor ``i`` is found the same whatever the anchors before found.

    True when the search for the anchor before ends where the search for anchor ``i`` may
    begin: :func:`scan_quantities` can then start at ``i`` without the anchors before it.
    """
    return i == 0 or search_end(text, anchors[i - 1][1]) <= anchors[i][0] - _BEFORE


def scan_quantities(
    text: str, anchors: list[tuple[int, int]], first: int = 0
) -> Iterator[tuple[int, int, QuantityMatch]]:
    """``(anchor index, end of the match, phrase)`` for the anchors from ``first`` on.

    Over all anchors of ``text`` this is :func:`find_quantities`; started at an anchor for
    which :func:`is_fresh` holds it yields exactly the phrases the whole scan yields from there.
    """
    pattern = _pattern()
    pos = 0
    for i in range(first, len(anchors)):
        a_start, a_end = anchors[i]
        if a_start < pos:
            continue
        end = search_end(text, a_end)
        m = pattern.search(text, max(pos, a_start - _BEFORE), end)
        if m is None:
            continue
        q = _build(m)
        if q is None and m.start() < a_start:
            # something number-like before the anchor that is no number: retry at the anchor
            m = pattern.search(text, a_start, end)
            if m is None:
                continue
            q = _build(m)
        pos = m.end()
        if q is not None:
            yield i, pos, q


def read_regions(
    text: str, anchors: list[tuple[int, int]], regions: list[tuple[int, int]]
) -> list[tuple[list[QuantityMatch], int, int]]:
    """The phrases of the whole scan that lie in ``regions``, read without the whole scan.

    ``regions`` are ``(first, last)`` character offsets: every phrase whose match reaches past
    ``first`` and that starts by ``last`` is read, and the phrase before each of them. Returns
    runs ``(phrases, skip, limit)`` of consecutive phrases of the whole scan: each starts at a
    fresh anchor (:func:`is_fresh`), so its first ``skip`` phrases are read only to get there;
    the phrases that start after ``limit`` (at most one) are there to be looked ahead to.
    """
    if not anchors:
        return []
    reach = [start - _BEFORE for start, _ in anchors]
    runs: list[list] = []  # [phrases, skip, limit, first]
    scan: Iterator[tuple[int, int, QuantityMatch]] | None = None
    consumed = -1  # anchor index of the last phrase the current scan gave
    dead = len(anchors)  # no phrase starts from this anchor on
    for first, last in sorted(regions):
        i = max(bisect_right(reach, first) - 1, 0)
        while True:
            while not is_fresh(text, anchors, i):
                i -= 1
            if scan is not None and i <= consumed + 1:
                runs[-1][2] = max(runs[-1][2], last)  # the current run reads on
                break
            if i >= dead:
                i = -1
                break
            new_scan = scan_quantities(text, anchors, i)
            head = next(new_scan, None)
            if head is None:
                dead, i = i, -1
                break
            if i == 0 or head[1] <= first:
                scan, consumed = new_scan, head[0]
                # the phrase before the first one of the region is read too: it may borrow
                # the region's noun ("um 900 auf 1.800 Soldaten")
                runs.append([[head[2]], 0 if head[1] > first else None, last, first])
                break
            i -= 1  # the run would begin inside the region: start one fresh anchor earlier
        if i < 0:
            continue
        run = runs[-1]
        phrases = run[0]
        while phrases[-1].start <= run[2]:
            step = next(scan, None)  # type: ignore[arg-type]
            if step is None:
                consumed = len(anchors)
                break
            consumed = step[0]
            phrases.append(step[2])
            if run[1] is None and step[1] > run[3]:
                run[1] = len(phrases) - 2
    return [
        (phrases, len(phrases) if skip is None else skip, limit) for phrases, skip, limit, _ in runs
    ]


def _build(m: re.Match[str]) -> QuantityMatch | None:
    qual = m.group("qual")
    between = m.group("between")
    approx: str | bool = False
    value = lo = hi = None
    if m.group("vague"):
        floor = vague_floor(m.group("vague"))
        if floor is None:
            return None
        approx, lo = "vague", floor
        end = m.end("vague")
    else:
        value = parse_number(m.group("num"))
        if value is None:
            return None
        end = m.end("num")
        lo = hi = value
        if m.group("num2"):
            sep = m.group("rsep")
            v2 = parse_number(m.group("num2"))
            if v2 is not None and (sep != "und" or between):
                # "60- bis 70.000": the first number borrows the magnitude of the second
                if v2 > value and value < 1000 <= v2 and v2 % 1000 == 0 and value * 1000 <= v2:
                    value *= 1000
                if v2 > value:
                    lo, hi, approx, end = value, v2, "range", m.end("num2")
        if between and approx != "range":
            return None
    mods = m.group("mods") or ""
    noun = m.group("noun")
    if qual and qual.lower() == "über" and _VERB_UEBER.search(m.string, 0, m.start("qual")):
        qual = None  # "verfügt über 2,5 Mio. Soldaten": the verb's particle, not a qualifier
    if qual and approx is False:
        approx = qualifier_kind(qual) or "approx"
        if approx == "at_least":
            hi = None
        elif approx == "at_most":
            lo = None
    number_start = m.start("vague") if m.group("vague") else m.start("num")
    start = m.start("between") if between else m.start("qual") if qual else number_start
    additional = bool(m.group("more")) or bool(re.match(r"\s+(?:weitere|zusätzliche)", mods))
    phrase_end = end
    if noun:
        phrase_end = m.end("noun")
        if m.group("more_nouns"):
            phrase_end = m.end("more_nouns")
    return QuantityMatch(
        start=start,
        end=end,
        value=value,
        min=lo,
        max=hi,
        approx=approx,
        qualifier=" ".join(qual.split()) if qual else ("zwischen" if between else None),
        additional=additional,
        noun=noun,
        noun_start=m.start("noun") if noun else None,
        noun_end=m.end("noun") if noun else None,
        mods=mods.strip(),
        phrase_end=phrase_end,
    )


__all__ = ["QuantityMatch", "classify_noun", "find_quantities", "units"]
