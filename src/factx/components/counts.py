"""``factx_counts``: troop and personnel counts as spans in ``doc.spans["factx_counts"]``.

A count is a number phrase (:mod:`factx.quantities`) whose noun names soldiers or security
personnel, casualties or personnel in a military context, a demonym used for troops
("3.000 Nordkoreaner"), or no noun at all where the sentence before named one
("Etwa 600 wurden getötet").
"""

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import numpy as np
from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from factx.extensions import (
    COUNTS,
    DATES,
    POSSESSIVE_QUANTIFIERS,
    WORD_CACHE_MAX,
    WordCache,
    text_of,
    vocab_flag,
)
from factx.layout import Layout
from factx.quantities import (
    QuantityMatch,
    alternation,
    anchor_spans,
    anchor_words,
    classify_noun,
    find_quantities,
    may_hold_anchor,
    noun_hints,
    read_regions,
    units,
    word_starts,
)

# A number right after these words is a label, not a count ("Resolution 1441").
_LABEL_BEFORE = re.compile(
    r"(?:Resolution|Nr\.|Nummer|Artikel|Art\.|§|Paragraf|Paragraph|Seite|Platz|Punkt|Kapitel|"
    r"Flug|Linie|Zimmer|Jahr|Jahre|Jahres|Jahren|Jahrgang|Anfang|Ende|Mitte|Herbst|Sommer|"
    r"Winter|Frühjahr|Frühling|seit|Seit|gegen|bis|Bis|ab|Ab|zwischen|im|Im|"
    r"Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|"
    r"Jänner|Stand|Modell|Typ|Kaliber|Tempo|Stufe|Level|Größe)\s*$"
)
_YEAR = re.compile(r"^(?:1[5-9]|20)\d\d$")


_BEFORE_LEVEL = re.compile(r"\s+auf\s+(?:(?:rund|etwa|gut|knapp|über|mehr als)\s+)?")
# An elided count needs something in its clause that says what happened to whom.
_PARTITIVE_AFTER = re.compile(r"\s+(?:davon|von ihnen|von denen)\b")
_PARTITIVE_BEFORE = re.compile(
    r"\b(?:darunter|davon|von denen|von ihnen)\s+(?:(?:lediglich|nur|noch|rund|etwa|gut|knapp|"
    r"mehr als|mindestens)\s+)*$"
)
_ELIDED_CUE = re.compile(
    r"(?i)\bauf\s+(?:rund\s+|etwa\s+|über\s+)?\d|"
    r"\b(?:sind|waren|seien|wären|sollen|sollten|werden|würden)\s+es\b|\bes\s+(?:sind|waren|seien)\b|"
    r"\d\s+(?:mehr|weniger)\s+als\b|\b(?:Bestand|Effektivbestand|Sollbestand|Stärke|Umfang)\b|"
    r"\bvon\s+(?:mehreren|einigen|Tausenden|Hunderten)\b|\bZiel\s+von\b|"
    r"\bim\s+\w*[Ee]insatz\b|\berlaubt\b|"
    r"\b(?:von|um)\s+(?:rund\s+|etwa\s+)?\d|getötet|verletzt|verwundet|gefallen|ums Leben|"
    r"gestorben|starben|gefangen|vermisst|entsandt|geschickt|verlegt|stationiert|mobilisiert|"
    r"einberufen|abgezogen|gestiegen|stieg|gesunken|sank|wuchs|zurück"
)


@lru_cache(maxsize=1)
def _context() -> dict[str, re.Pattern[str]]:
    """The context tests of ``units.json``, compiled once: who is near, and who is not."""
    table = units()

    def words(key: str) -> re.Pattern[str]:
        return re.compile("|".join(re.escape(w) for w in table[key]))

    forms = [f for fs in table["military"].values() for f in fs] + list(table["personnel_context"])
    suffixes = "|".join(re.escape(x) for x in table["compound_suffixes"])
    return {
        "military": words("military_context"),
        "force": words("force_context"),
        "armed": words("armed_context"),
        "civilian": re.compile(r"(?<![\w])(?:" + "|".join(table["civilian_words"]) + ")"),
        "demonym": re.compile(r"(?<![\w])(?:" + table["demonym_cues"] + r")"),
        "troops": re.compile(
            r"\b(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")\b"
            r"|\b[\w\-]+(?:" + suffixes + r")\b"
        ),
    }


_OTHER_NOUN_AHEAD = re.compile(
    r"\s+(?:auf|bis)\s+(?:\w+\s+)?\d[\d.]*\s+(?:Jahre|Prozent|Euro|Dollar|Tage|Monate|Wochen|"
    r"Stunden|Kilometer|Meter)"
)


def _plain(q: QuantityMatch, text: str) -> bool:
    """A bare number that may be an elided count: not a year, label, time, ordinal or share."""
    digits = text[q.start : q.end].split()[-1]
    if digits.startswith("0") and not digits.startswith("0,"):
        return False  # "Schalke 04"
    if q.approx is False and _YEAR.match(digits):
        return False
    if _LABEL_BEFORE.search(text[max(0, q.start - 20) : q.start]):
        return False
    return not re.match(r"\.\s?[a-zäöüß]|[:%/°]|\s?(?:%|-)|,\d", text[q.end : q.end + 3])


def _gazetteer():
    try:
        from factx.gazetteer import load_gazetteer
    except ImportError:  # pragma: no cover - the gazetteer ships with the package
        return None
    return load_gazetteer()


# What a token may be, as bits of a mask computed once per word of the vocabulary.
_ANCHOR = 1  # holds a digit or a number word
_NOUN = 2  # holds a troop noun or a compound suffix ("US-Soldaten", "Bundeswehrsoldaten")
_WHOLE = 4  # starts with a noun that counts only as a whole word ("Tote", "Mann", "Armee")
_CUE = 8  # holds a deployment cue for demonym nouns ("geschickt", "an der Front")

_LETTERS = re.compile(r"[^\W\d_]+")
# the gaps in a cue: "\s+" and spaces put the next word at a word start, "\w*" does not
_GAP = re.compile(r"(\\[ws][*+?]?|\\? +)")
_DIGIT = re.compile(r"\d")


def _cue_words(alternatives: list[str]) -> list[tuple[str, str | None]] | None:
    """Per cue (a regex alternative matched at a word start): a word that starts a word in
    every match, and the cue itself when it is a plain phrase ("an der Front"); None if the
    cues are not that simple."""
    found = []
    for alternative in alternatives:
        parts = _GAP.split(alternative)
        pieces, gaps = parts[0::2], parts[1::2]
        if not all(_LETTERS.fullmatch(p) for p in pieces if p) or not pieces[0]:
            return None
        # a word after "\s+" or a space starts a word; one after "\w*" may not
        after_space = [p for g, p in zip(gaps, pieces[1:], strict=True) if _starts_word(g) and p]
        words = [pieces[0], *after_space]
        plain = alternative.replace("\\ ", " ")
        literal = plain if " " in plain and _LETTERS.fullmatch(plain.replace(" ", "")) else None
        found.append((max(words, key=len), literal))
    return found


def _starts_word(gap: str) -> bool:
    return gap.replace("\\", "").strip() in ("", "s+")


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    """The token tests behind the masks, compiled once (``cue`` None: no narrowing)."""
    cues = _cue_words(units()["demonym_cues"].split("|"))
    phrases: dict[str, list[str | None]] = {}  # cue word -> the phrases it must stand in
    for word, literal in cues or []:
        phrases.setdefault(word, []).append(literal)
    hints = noun_hints()
    lead = [*anchor_words(), *hints.starts, *hints.whole, *phrases]
    suffixes = tuple(x for x in units()["compound_suffixes"] if x.isalnum())
    lowered = [w.lower() for w in lead]
    return {
        "hints": hints,
        "numbers": anchor_words(),
        # what a token starts with or holds, lower-cased: implied by every test of a mask
        "lead": alternation(lowered),
        "inside": alternation([*lowered, *hints.suffixes]),
        # the compound suffixes a word ends with ("Bundeswehrsoldaten")
        "suffixes": suffixes,
        "cue": None if cues is None else tuple(sorted(phrases)),
        "cue_phrases": {w: tuple(ps) for w, ps in phrases.items() if None not in ps},
        # where in its phrase a cue word stands ("Front" in "an der Front")
        "cue_at": {lit: lit.index(w) for w, lit in (cues or []) if lit is not None},
        "screens": _screens(lowered, [*lowered, *hints.suffixes, *suffixes], suffixes),
    }


def _screens(
    lead: list[str], inside: list[str], suffixes: tuple[str, ...]
) -> tuple[Callable[[str], Any], ...]:
    """Three regex matches that tell the mask of most words without :func:`_compute_kinds`.

    Each stands for that function's first tests (``lead``: the lower-case words a token of
    interest may start with; ``inside``: those it may hold anywhere, suffixes included):

    - a word of Latin-1 letters that starts with no ``lead`` word and ends with no suffix
      has mask 0 (most words). Matched on the word, not on its lower-case form (a non-Latin
      letter may lower-case to a Latin one: the Kelvin sign), case-insensitively, which for
      Latin-1 letters finds all that the tests find in the lower-case form; the first letter
      as written, since ``re`` skips an alternative that starts with another letter fast.
    - a lower-case Latin-1 token without digits in which no ``inside`` word stands has mask 0,
      whether or not it is one word ("online-werkzeug"); the caller checks it is Latin-1.
    - a Latin-1 token without letters and with a digit ("2014", "20.45") has mask
      :data:`_ANCHOR`, if no word the tests look for lacks letters.
    """
    if not POSSESSIVE_QUANTIFIERS:
        never = re.compile("(?!)").fullmatch
        return never, never, never
    groups: dict[str, list[str]] = {}
    for word in lead:
        groups.setdefault(word[:1], []).append(word[1:])
    branches = []
    for first, rests in sorted(groups.items()):
        rest = "" if not all(rests) else f"(?i:{alternation(rests).pattern})"
        upper = first.upper()
        cases = [first] if len(upper) != 1 or upper > "\xff" else sorted({first, upper})
        branches += [re.escape(case) + rest for case in cases]
    starts = "|".join(branches) or "(?!)"
    not_after = "".join(f"(?<!{re.escape(x)})" for x in suffixes)
    words = re.compile(f"(?!{starts})[a-zA-Zß-öø-ÿÀ-ÖØ-Þ]++(?i:{not_after})")
    compounds = re.compile(f"(?:(?!{alternation(inside).pattern})[\\x00-/:-\\xff])++")
    symbols = "".join(re.escape(chr(i)) for i in range(256) if not chr(i).isalpha())
    if all(any(c.isalpha() for c in w) for w in [*inside, *noun_hints().whole]):
        numerals = re.compile(f"[{symbols}]*?[0-9][{symbols}]*+")
    else:
        numerals = re.compile(r"(?!)")
    return words.fullmatch, compounds.fullmatch, numerals.fullmatch


_KINDS: dict[str, int] = {}


def _kinds(word: str) -> int:
    """The mask of a token text (kept for the texts that have one)."""
    kinds = _KINDS.get(word)
    if kinds is None:
        kinds = _compute_kinds(word)
        if kinds:
            _remember(word, kinds)
    return kinds


def _remember(word: str, kinds: int) -> None:
    if len(_KINDS) >= WORD_CACHE_MAX:
        _KINDS.clear()
    _KINDS[word] = kinds


def _compute_kinds(word: str) -> int:
    """The mask of a token text: cheap tests, each implied by the rule it stands for."""
    lexicon = _lexicon()
    hints = lexicon["hints"]
    lowered = word.lower()
    latin = word.isascii() or max(word) < "\u0100"
    # Latin-1 lower-cases letter for letter as the case-insensitive regexes match; most words
    # fail one quick test that all the others imply
    if latin and word.isalnum():
        # one word (most tokens): a word boundary only at its start, a noun ends at its end
        if not (
            lexicon["lead"].match(lowered)
            or lowered.endswith(lexicon["suffixes"])
            or (not word.isalpha() and _DIGIT.search(word))
        ):
            return 0
        starts: tuple[int, ...] = (0,)
    else:
        if latin and not lexicon["inside"].search(lowered) and not _DIGIT.search(word):
            return 0
        starts = word_starts(word)
    kinds = 0
    if latin:
        if any(lowered.startswith(lexicon["numbers"], k) for k in starts):
            kinds |= _ANCHOR
        elif not word.isalpha() and _DIGIT.search(word):
            kinds |= _ANCHOR
    elif may_hold_anchor(word):
        kinds |= _ANCHOR
    if hints.holds_noun(word, lowered, starts):
        kinds |= _NOUN
    if (word if word.isalnum() else hints.leading_word(word)) in hints.whole:
        kinds |= _WHOLE
    cues = lexicon["cue"]
    if cues is not None and any(word.startswith(cues, k) for k in starts):
        kinds |= _CUE
    return kinds


def _may_matter(word: str) -> bool:
    """Vocabulary flag: the token may make its article one with counts (noun or context).

    Asked first about each new word: computes its mask for :func:`_may_hold_number` too.
    Most words are told by one regex match (see :func:`_screens`).
    """
    if _plain_word(word) is not None:
        kinds = 0
    elif _numeral(word) is not None:
        kinds = _ANCHOR
        _remember(word, kinds)
    elif _plain_compound(word.lower()) is not None and (word.isascii() or max(word) < "\u0100"):
        kinds = 0
    else:
        kinds = _compute_kinds(word)
        if kinds:
            _remember(word, kinds)
    # the answer for :func:`_may_hold_number`, asked next about the same word
    _HOLDS_NUMBER.clear()
    _HOLDS_NUMBER[word] = kinds & _ANCHOR != 0
    return kinds & ~_ANCHOR != 0


def _holds_number(word: str) -> bool:
    return _kinds(word) & _ANCHOR != 0


# The last word :func:`_may_matter` was asked about, with the answer for this flag; another
# word is computed. The flag is the dict's own look-up: no Python call for a new word.
_HOLDS_NUMBER = WordCache(_holds_number)
#: Vocabulary flag: the token may hold a digit or a number word.
_may_hold_number = _HOLDS_NUMBER.__getitem__


def _load_screens() -> None:
    """Put the regexes of :func:`_screens` in place of the three functions below."""
    global _plain_word, _plain_compound, _numeral
    _plain_word, _plain_compound, _numeral = _lexicon()["screens"]


# The screens of :func:`_screens` are module globals, so that a new word costs no Python call
# beyond the flag's own. Until the lexicon is loaded, these functions load it.
def _plain_word(word: str) -> Any:
    _load_screens()
    return _plain_word(word)


def _plain_compound(lowered: str) -> Any:
    _load_screens()
    return _plain_compound(lowered)


def _numeral(word: str) -> Any:
    _load_screens()
    return _numeral(word)


class TroopCounts:
    """Finds troop counts and writes them as ``COUNT`` spans with ``span._.factx_count``.

    Most articles name no troops: a vocabulary flag marks the tokens that may matter (digits,
    number words, troop nouns, context words), and the number phrases are read only around
    the troop nouns, from an anchor where the scan of the whole text would be in the same
    state (:func:`factx.quantities.is_fresh`), so the result is that of the whole scan.
    """

    def __init__(
        self, name: str = "factx_counts", context_sentences: int = 2, vocab: Vocab | None = None
    ) -> None:
        self.name = name
        self.context_sentences = context_sentences
        self.vocab = vocab
        self.flags = None
        if vocab is not None:
            self.flags = (vocab_flag(vocab, _may_matter), vocab_flag(vocab, _may_hold_number))

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        troop_at: list[int] | None = None  # where troop nouns may stand (None: anywhere)
        if self.flags is None or doc.vocab is not self.vocab:
            runs = [(find_quantities(text), 0, None)]
        else:
            runs, troop_at = self._runs(doc, text)
        spans: list = []
        if any(skip < len(run) for run, skip, _ in runs):
            self._annotate(doc, text, runs, spans, troop_at)
        doc.spans[COUNTS] = spans
        return doc

    def _annotate(self, doc: Doc, text: str, runs, spans: list, troop_at) -> None:
        layout = Layout.of(doc)
        dates = [(s._.factx_date or {}) for s in doc.spans.get(DATES, [])]
        date_ranges = [(d["start"], d["end"]) for d in dates if d.get("type") != "duration"]
        last_unit: dict[int, tuple[str, str]] = {}  # sentence -> last troop noun
        for quantities, skip, limit in runs:
            # the phrases read only to reach the region have no troop noun: no unit
            units = [None] * skip + [
                self._unit(q, text, layout, layout.sentence_index(q.start))
                for q in quantities[skip:]
            ]
            for i in range(skip, len(quantities)):
                q = quantities[i]
                if limit is not None and q.start > limit:
                    break  # read only as the phrase after the last one of the run
                # "um 900 auf 1.800 Soldaten": an elided number may borrow the noun that follows
                ahead = None
                if units[i] is None and i + 1 < len(quantities) and units[i + 1] is not None:
                    if _BEFORE_LEVEL.fullmatch(text, q.end, quantities[i + 1].start) and _plain(
                        q, text
                    ):
                        ahead = units[i + 1]
                count = self._count(
                    q,
                    units[i] or ahead,
                    ahead is not None,
                    text,
                    layout,
                    date_ranges,
                    last_unit,
                    troop_at,
                )
                if count is None:
                    continue
                span = doc.char_span(q.start, q.end, label="COUNT", alignment_mode="expand")
                if span is None or (spans and span.start < spans[-1].end):
                    continue
                span._.factx_count = count
                spans.append(span)

    # -- where to read ---------------------------------------------------------------------
    def _runs(self, doc: Doc, text: str) -> tuple[list, list[int]]:
        """The number phrases that may be counts, and where troop nouns may stand.

        The phrases come as runs: each holds the phrases of the whole scan from some anchor
        on, up to a character ``limit``; the phrase after the limit is only there to be looked
        ahead to.
        """
        if not len(doc):
            return [], []
        marked = np.flatnonzero(doc.to_array(self.flags[0]))
        if not marked.size:
            return [], []
        lexicon = _lexicon()
        hints = lexicon["hints"]
        nouns, forced, cues = [], [], []
        for j in marked.tolist():
            token = doc[j]
            word, start = token.orth_, token.idx
            kinds = _kinds(word)
            if kinds & _NOUN:
                nouns.append((start, start + len(word), True))
            elif kinds & _WHOLE and _whole_word(text, start, word, hints):
                lead = hints.leading_word(word)
                noun = (start, start + len(word), lead in hints.far)
                (forced if lead in hints.forced else nouns).append(noun)
            if kinds & _CUE and _cue_stands(text, start, word):
                cues.append(start)
        if forced and _context()["force"].search(text):
            nouns += forced  # "Tote", "Beamte" count only where armed forces are named
        everywhere = lexicon["cue"] is None  # cues the token test cannot narrow
        if not (nouns or cues or everywhere):
            return [], []
        rows = doc.to_array([self.flags[1], IDX, LENGTH])
        rows = rows[np.flatnonzero(rows[:, 0])].tolist()
        anchors = [span for _, start, n in rows for span in anchor_spans(text, start, start + n)]
        if not anchors:
            return [], []
        layout = Layout.of(doc)
        regions = [self._noun_region(text, layout, *noun) for noun in nouns]
        if everywhere:
            cues = [start for start, _ in layout.sentences]
        regions += self._cue_regions(layout, cues)
        troop_at = sorted(start for start, _, far in nouns if far)
        return read_regions(text, anchors, regions), troop_at

    def _noun_region(
        self, text: str, layout: Layout, start: int, end: int, far: bool
    ) -> tuple[int, int]:
        """Where phrases may stand that take the noun in ``text[start:end]``, or follow it.

        From the start of its word (or of the noun before "der X" in "Angehörige der X") to
        the end of its sentence, or of the sentence two after when an elided count may refer
        back to it (``far``).
        """
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        first = start
        i = start
        while i > 0 and text[i - 1].isspace():
            i -= 1
        if i < start and i >= 4 and text[i - 3 : i] in ("der", "des") and text[i - 4].isspace():
            j = i - 4
            while j > 0 and text[j - 1].isspace():
                j -= 1
            first = max(0, j - 1)  # the last character of the noun
        return first, _sentence_end(layout, layout.sentence_index(end - 1) + (2 if far else 0))

    def _cue_regions(self, layout: Layout, cues: list[int]) -> list[tuple[int, int]]:
        """Sentences where a demonym ("3.000 Nordkoreaner") may count as troops: with a cue
        in them and the military named in them or the ones before."""
        military = _context()["military"]
        regions = []
        for sent in sorted({layout.sentence_index(c) for c in cues}):
            first = layout.sentences[max(0, sent - self.context_sentences)][0]
            if military.search(layout.text, first, layout.sentences[sent][1]):
                regions.append((layout.sentences[sent][0], _sentence_end(layout, sent)))
        return regions

    def _count(
        self, q: QuantityMatch, unit, borrowed, text, layout, date_ranges, last_unit, troop_at=None
    ) -> dict | None:
        sent = layout.sentence_index(q.start)
        number = text[q.start : q.end]
        elided = unit is None or borrowed
        unit_ref = None
        if not elided:
            last_unit[sent] = unit
        elif not borrowed:
            if any(s < q.end and e > q.start for s, e in date_ranges):
                return None
            found = self._elided_unit(q, text, layout, sent, last_unit, troop_at)
            if found is None:
                return None
            unit, unit_ref = found
        canon, noun = unit
        return {
            "text": number,
            "start": q.start,
            "end": q.end,
            "value": q.value,
            "min": q.min,
            "max": q.max,
            "approx": q.approx,
            "qualifier": q.qualifier,
            "unit": canon,
            "unit_text": noun,
            "additional": q.additional,
            "mods": q.mods,
            "noun_start": None if elided else q.noun_start,
            "elided": elided,
            # where the elided noun was named ("Verluste nordkoreanischer Soldaten. Etwa 600 ...")
            "unit_ref": unit_ref,
            "phrase_end": q.phrase_end,
        }

    def _unit(self, q: QuantityMatch, text, layout, sent) -> tuple[str, str] | None:
        """``(canonical, as written)`` of the counted noun when it names troops here."""
        if not q.noun:
            return None
        noun = text[q.noun_start : q.phrase_end]
        found = classify_noun(noun) or classify_noun(q.noun)
        if found is None:
            # "Angehörige der Streitkräfte", "Angehörige des Bundesheeres"
            tail = re.match(r"\s+(?:der|des)\s+\w+", text[q.noun_end :])
            if tail:
                found = classify_noun(q.noun + " ".join([""] + tail.group(0).split()))
        if found is None:
            # "3.000 Nordkoreaner nach Russland geschickt": a demonym counts as troops only
            # with a deployment or combat verb in its clause, in a military text
            demonym = _demonym_noun(q.noun)
            c_start, c_end = layout.clause(q.start)
            if (
                demonym
                and _context()["demonym"].search(text, c_start, c_end)
                and self._military_context(layout, sent, q.start, wide=True)
            ):
                return q.noun, q.noun
            return None
        canon, cls = found
        if cls == "military":
            return canon, q.noun
        if cls == "needs_force_context" and canon == "Mann" and (q.value or 0) >= 100:
            return canon, q.noun  # "eine 4800 Mann starke Brigade"
        if cls == "casualties":
            if _context()["civilian"].search(layout.text, *layout.sentences[sent]):
                return None  # "47.000 Toten, die meisten davon Zivilisten"
            first = layout.sentences[max(0, sent - 1)][0]
            if not _context()["armed"].search(layout.text, first, layout.sentences[sent][1]):
                return None  # the dead of an accident or an attack on civilians
        if self._force_context(layout, sent, q.start):
            return canon, q.noun
        return None

    def _elided_unit(
        self, q, text, layout, sent, last_unit, troop_at=None
    ) -> tuple[tuple[str, str], list | None] | None:
        """The unit an elided count refers back to, and where its noun stands (if found there).

        ``troop_at``: sorted offsets of the tokens that may hold a troop noun (None: any may).
        """
        if q.noun is not None:
            return None
        # the troop noun named earlier in this sentence or in the two before, in the paragraph
        first = sent
        while (
            first > max(0, sent - 2) and layout.paragraph_of[first - 1] == layout.paragraph_of[sent]
        ):
            first -= 1
        start = layout.sentences[first][0]
        if troop_at is not None and sent not in last_unit:
            k = bisect_left(troop_at, start)
            if k == len(troop_at) or troop_at[k] >= q.start:
                return None  # no troop noun to refer back to
        if not _plain(q, text):
            return None
        partitive = _PARTITIVE_AFTER.match(text, q.end)
        small = q.value is not None and q.value < 10 and q.approx is False
        if small and not (sent in last_unit or partitive):
            return None  # "acht" alone is no count, "zwei Soldaten getötet und acht verletzt" is
        c_start, c_end = layout.clause(q.start)
        # "Im Irak sind es 2.500, in Syrien rund 900": a short clause after a count gaps its verb
        gapped = sent in last_unit and len(text[c_start:c_end].split()) <= 6
        # "Etwa 600 von ihnen", "von denen lediglich 70.000", "darunter 500": a part of the
        # troops named before, right next to the number (not "Einer von ihnen ist 20")
        part_of = _PARTITIVE_AFTER.match(text, q.end) or _PARTITIVE_BEFORE.search(
            text, max(c_start, q.start - 40), q.start
        )
        if not (gapped or part_of) and not _ELIDED_CUE.search(text, c_start, c_end):
            return None
        if _OTHER_NOUN_AHEAD.match(text, q.end):
            return None  # "von 27 auf 25 Jahre": the range is of something else
        if sent in last_unit:
            return last_unit[sent], None
        troops = _context()["troops"]
        # the last troop noun before it that counts on its own ("Soldaten", not "Beschäftigte")
        for m in reversed(list(troops.finditer(text, start, q.start))):
            found = classify_noun(m.group(0))
            if found is None or found[1] == "needs_force_context":
                continue
            if found[1] != "military" and not self._force_context(layout, sent, q.start):
                continue
            break
        else:
            return None
        return (found[0], m.group(0)), [m.start(), m.end()]

    def _force_context(self, layout: Layout, sent: int, offset: int) -> bool:
        """Armed forces named in this sentence or the one before, and no civilians here."""
        clause_start, clause_end = layout.clause(offset)
        if _context()["civilian"].search(layout.text, clause_start, clause_end):
            return False
        start = layout.sentences[max(0, sent - 1)][0]
        return bool(_context()["force"].search(layout.text, start, layout.sentences[sent][1]))

    def _military_context(self, layout: Layout, sent: int, offset: int, wide=False) -> bool:
        clause_start, clause_end = layout.clause(offset)
        if _context()["civilian"].search(layout.text, clause_start, clause_end):
            return False
        first = max(0, sent - (self.context_sentences if wide else 1))
        start = layout.sentences[first][0]
        end = layout.sentences[sent][1]
        return bool(_context()["military"].search(layout.text, start, end))


def _demonym_noun(word: str):
    """The country of a demonym noun ('Nordkoreaner'), not an adjective."""
    if not word[:1].isupper():
        return None
    gaz = _gazetteer()
    if gaz is None:
        return None
    entry = gaz.demonym(word)
    return entry


def _whole_word(text: str, start: int, word: str, hints) -> bool:
    """Whether a token that starts with a whole-word noun stands where a noun can stand."""
    if start and not text[start - 1].isspace():
        return False
    before = hints.phrases.get(hints.leading_word(word))
    # "Armee" counts in "Angehörige der Armee", "Frauen" in "Männer und Frauen"
    return before is None or before.search(text, 0, start) is not None


def _cues_in(word: str) -> tuple[tuple[int, tuple[str, ...] | None], ...]:
    """Where cue words start in a token, each with the literals that must stand before it."""
    lexicon = _lexicon()
    phrases = lexicon["cue_phrases"]
    return tuple(
        (at, phrases.get(cue))
        for at in word_starts(word)
        for cue in lexicon["cue"]
        if word.startswith(cue, at)
    )


_CUES = WordCache(_cues_in)


def _cue_stands(text: str, start: int, word: str) -> bool:
    """Whether a token with a cue word holds a cue: "Einsatz" counts in "im Einsatz" only."""
    for at, literals in _CUES[word]:
        if literals is None:
            return True
        for literal in literals:
            needle_at = start + at - _lexicon()["cue_at"][literal]
            if needle_at >= 0 and text.startswith(literal, needle_at):
                return True
    return False


def _sentence_end(layout: Layout, sent: int) -> int:
    """Where sentence ``sent`` (clipped to the last) ends, with the whitespace after it."""
    sent = min(sent, len(layout.sentences) - 1)
    if sent + 1 < len(layout.sentences):
        return layout.sentences[sent + 1][0]
    return len(layout.text)


@Language.factory("factx_counts", default_config={"context_sentences": 2})
def make_counts(nlp: Language, name: str, context_sentences: int) -> TroopCounts:
    """Create the troop-count finder."""
    return TroopCounts(name, context_sentences, nlp.vocab)
