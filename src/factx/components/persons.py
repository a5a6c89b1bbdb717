"""The ``factx_persons`` component: people named in German news, with their role and country."""

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter

from spacy.lang.de.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from factx import extensions  # noqa: F401  (registers Span._.factx_entity)
from factx.components.entities import written_spans
from factx.extensions import ENTITIES, WORD_CACHE_MAX, text_of, values_in_user_data
from factx.names import (
    AGE,
    AGE_AFTER,
    APPOSITION,
    CAPITALISED,
    CLOSING,
    IN_SEQUENCE,
    INITIAL,
    LETTERS,
    LIST_SEP,
    NOUN_BEFORE,
    SPEECH_AFTER,
    SPEECH_BEFORE,
    SPEECH_REVERSED,
    SYLLABIC,
    Lexicon,
    load_lexicon,
    lookup,
    name_ok,
    role_of,
)

#: Characters after which a word sequence cannot start (besides letters and digits).
_NOT_BEFORE = frozenset("-_")
_DIGITS = frozenset("0123456789")
_APOSTROPHES = frozenset("'’")
_group = re.Match.group
#: Forget the capitalised runs already classified after this many (bounds memory in batches).
_SEEN_MAX = WORD_CACHE_MAX


@dataclass(slots=True)
class _Word:
    text: str
    start: int
    end: int
    particle: bool


def _ends_word(text: str, end: int) -> bool:
    """Whether a name word can end at ``end`` (no letter, digit, apostrophe or ``-X`` follows)."""
    c = text[end : end + 1]
    if c == "-":
        c = text[end + 1 : end + 2]
        return c not in LETTERS and c not in _DIGITS
    return c not in LETTERS and c not in _DIGITS and c not in _APOSTROPHES


def _mention_ends(text: str, end: int) -> bool:
    """Whether a later mention can end at ``end``, or one or two ``s`` later.

    The second pass takes the keys found in the first (``Selenskyjs``) and their genitive.
    """
    for _ in range(3):
        if _ends_word(text, end):
            return True
        if text[end : end + 1] != "s":
            return False
        end += 1
    return False


class _Sequences:
    """The capitalised word sequences of a text, found on demand around given offsets.

    Scanning a whole article for sequences costs more than all the rules, and only a few of
    its sequences can hold a person. A sequence is found by restarting the scan at the nearest
    point before an offset that no sequence spans (a character that is never part of one, a
    lowercase word that is no particle, or the end of a sequence found before), so it is the
    sequence a scan of the whole text finds.
    """

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.reversed = text[::-1]
        self._found: list[tuple[int, int, re.Match[str]]] = []  # (end, start, match), sorted
        self._words: dict[int, list[_Word]] = {}

    def containing(self, pos: int) -> re.Match[str] | None:
        """The sequence that holds character ``pos``, if any."""
        found = self._found
        k = bisect_right(found, (pos, len(self.text)))
        if k < len(found) and found[k][1] <= pos:
            return found[k][2]
        restart = self._break_before(pos)
        if k and found[k - 1][0] > restart:
            restart = found[k - 1][0]
        seq = self._holding(pos, restart)
        if seq is not None:
            insort(found, (seq.end(), seq.start(), seq))
        return seq

    def covering(self, positions: list[int]) -> list[list[_Word]]:
        """The words of the sequences that hold ``positions`` (sorted), each once, in order.

        What :meth:`containing` finds for each offset, when no sequence was looked for before:
        the sequences found are then all before the offset, the last one ending nearest.
        """
        if self._found:
            raise ValueError("covering() must be the first search")
        found, out, last = self._found, [], 0
        for pos in positions:
            if pos < last:
                continue
            seq = self._holding(pos, max(self._break_before(pos), last))
            if seq is None:
                continue
            last = seq.end()
            found.append((last, seq.start(), seq))
            out.append(self.words(seq))
        return out

    def _break_before(self, pos: int) -> int:
        """Where a sequence holding ``pos`` can start at the earliest: after the last break."""
        if pos == 0:
            return 0
        if self.text[pos - 1] not in IN_SEQUENCE:
            return pos - 1  # where the backward search below would stop at once
        n = len(self.text)
        m = self.lex.seq_break.search(self.reversed, n - pos)
        return n - m.end() if m else 0

    def _holding(self, pos: int, restart: int) -> re.Match[str] | None:
        """The sequence found by scanning from ``restart`` that holds ``pos``, if any."""
        search = self.lex.sequence.search
        seq = search(self.text, restart)
        while seq is not None and seq.end() <= pos:
            seq = search(self.text, seq.end())
        return None if seq is None or seq.start() > pos else seq

    def words(self, m: re.Match[str]) -> list[_Word]:
        """The words of sequence ``m`` (made once; words are never changed)."""
        off = m.start()
        found = self._words.get(off)
        if found is None:
            seq = m.group()
            if " " not in seq:  # one name word (never a particle)
                found = [_Word(seq, off, m.end(), False)]
            else:
                # The sequence pattern puts only spaces between its words (and particles),
                # so splitting at them gives what ``lex.word.finditer(seq)`` finds.
                particles = self.lex.particles
                found, at = [], off
                for part in seq.split(" "):
                    if part:
                        found.append(_Word(part, at, at + len(part), part in particles))
                        at += len(part)
                    at += 1
            self._words[off] = found
        return found

    def get(self, start: int) -> list[_Word] | None:
        """The words of the sequence starting at ``start`` (after a comma or ``und``)."""
        m = self.lex.sequence.match(self.text, start)
        return None if m is None else self.words(m)


@dataclass(slots=True)
class _Person:
    words: list[_Word]
    role: str | None = None
    country: str | None = None
    family_first: bool = False
    name: str = field(default="")

    @property
    def key(self) -> str:
        """The word later mentions repeat: the surname, or the family name for East Asians."""
        return self.words[0 if self.family_first else -1].text


def _start(person: _Person) -> int:
    return person.words[0].start


class PersonFinder:
    """Find people and add them as ``PER`` spans to the entity span group."""

    def __init__(self, span_key: str = ENTITIES) -> None:
        self.span_key = span_key
        self.lex = load_lexicon()
        # Capitalised runs seen so far, and those among them that may begin a person.
        self._seen: set[str] = set()
        self._starts: set[str] = set(self.lex.starters)
        # Those that pass the test :func:`role_of` begins with (a role word or a capital).
        self._role_like: set[str] = set()

    def __call__(self, doc: Doc) -> Doc:
        """Annotate ``doc`` in place and return it."""
        text = text_of(doc)
        found = _Sequences(text, self.lex)
        used: set[int] = set()
        persons: list[_Person] = []
        for seq in self._candidates(text, found):
            persons.extend(self._scan(seq, text, found, used))
        if persons:
            persons.extend(self._later_mentions(text, found, persons, used))
        self._link(persons)
        self._write(doc, persons)
        return doc

    def _candidates(self, text: str, found: _Sequences) -> list[list[_Word]]:
        """The sequences that can hold a person, in text order.

        Those with a role, title, given name or initial, after a verb of saying or before an
        age; the others give no person. Every word a person can start with begins a
        capitalised run (a name or title up to its hyphen or dot, the last part of a role
        word, the capital of an initial), so the runs are classified, each once (set
        operations, one regular expression over the new runs), and only the runs that may
        begin a person and the cues are looked up in the text.
        """
        # Iterating in C (map, compress): only runs that may start a person reach Python.
        matches = list(CAPITALISED.finditer(text))
        words = list(map(_group, matches))
        if len(self._seen) > _SEEN_MAX:
            self._seen.clear()
            self._starts = set(self.lex.starters)
            self._role_like = set()
        new = set(words) - self._seen
        if new:
            self._seen |= new
            lines = ("\n" + "\n".join(new) + "\n")[::-1]
            role_like = {w[::-1] for w in self.lex.starts_reversed.findall(lines)}
            self._starts |= role_like
            self._role_like |= role_like
        positions = []
        for m in compress(matches, map(self._starts.__contains__, words)):
            i = m.start()
            if (i == 0 or text[i - 1] not in LETTERS) and (
                m.end() - i > 1 or text[i + 1 : i + 2] == "."  # a lone capital as an initial
            ):
                positions.append(i)
        for m in AGE.finditer(text):
            end = m.start()
            while end > 0 and text[end - 1] == " ":
                end -= 1
            if end > 0:
                positions.append(end - 1)
        n = len(text)
        for pattern in SPEECH_REVERSED:
            for m in pattern.finditer(found.reversed):
                end = n - m.start(1)
                positions.append(end)
                if text[end : end + 1] == "\n":
                    positions.append(end + 1)
        positions.sort()
        return found.covering(positions)

    def _may_start(self, word: str, text: str, start: int, end: int) -> bool:
        """Whether a lone capitalised word can begin or be a person (cheap tests first).

        Such words are scanned; a later mention in them is found in the first pass.
        """
        lex = self.lex
        if word in lex.honorifics or word in lex.titles or word in lex.east_asian:
            return True
        if self._given(word) or (word[-1] == "." and INITIAL.fullmatch(word)) or role_of(word):
            return True
        return bool(
            AGE_AFTER.match(text, end) or SPEECH_BEFORE.search(text, max(0, start - 20), start)
        )

    def _scan(
        self, seq: list[_Word], text: str, by_start: _Sequences, used: set[int]
    ) -> list[_Person]:
        out: list[_Person] = []
        honorifics, titles = self.lex.honorifics, self.lex.titles
        seen, role_like = self._seen, self._role_like
        i, n = 0, len(seq)
        while i < n:
            w = seq[i]
            if w.particle or w.start in used:
                i += 1
                continue
            # A run classified above that failed role_of's first test is no role (the test
            # costs more than these look-ups the first time a word is met).
            role = None
            if w.text not in seen or w.text in role_like:
                role = role_of(w.text)
            if role or w.text in honorifics or w.text in titles:
                j = i + 1
                while j < n and seq[j].text in titles:
                    j += 1
                end = self._chain(seq, j, weak=True)
                found = self._role_person(seq, j, end, role, text, w.start)
                if found is None and role and j == n:
                    found = self._apposition(text, w, role, by_start)
                if found is not None:
                    out.append(found)
                    out.extend(self._list(text, found, by_start, plural=w.text.endswith("n")))
                    used.update([x.start for x in found.words])
                    i = j if end is None else end
                    continue
            elif self._given(w.text) or w.text in self.lex.east_asian or INITIAL.fullmatch(w.text):
                end = self._chain(seq, i, weak=False)
                if end is not None:
                    out.append(self._person(seq[i:end]))
                    used.update([x.start for x in seq[i:end]])
                    i = end
                    continue
            i += 1
        if not out:
            if n == 1 and self._lone_given(seq[0], text):
                out.append(self._person(seq))
            elif n <= 2 and self._cued(seq, text) and self._chain(seq, 0, weak=True) == n:
                out.append(self._person(seq))
        for p in out:
            used.update([x.start for x in p.words])
        return out

    def _given(self, word: str) -> bool:
        given = self.lex.given
        return word in given or ("-" in word and all(p in given for p in word.split("-")))

    def _lone_given(self, w: _Word, text: str) -> bool:
        """A given name on its own, not after an article or adjective (``das Tor``, ``15 Tore``)."""
        return (
            self._given(w.text)
            and name_ok(w.text)
            and not NOUN_BEFORE.search(text, max(0, w.start - 30), w.start)
        )

    def _cued(self, seq: list[_Word], text: str) -> bool:
        """A bare name after a verb of saying (``sagte Barth.``) or before an age (``(26)``)."""
        start, end = seq[0].start, seq[-1].end
        if AGE_AFTER.match(text, end):
            return True
        return bool(SPEECH_BEFORE.search(text, max(0, start - 20), start)) and bool(
            SPEECH_AFTER.match(text, end)
        )

    def _chain(self, seq: list[_Word], i: int, weak: bool) -> int | None:
        """End index of the name starting at ``seq[i]``, or ``None``."""
        n = len(seq)
        if i >= n or seq[i].particle:
            return None
        first = seq[i].text
        if first in self.lex.east_asian and i + 1 < n and self._syllabic(seq[i + 1].text):
            j = i + 2
            if j < n and self._syllabic(seq[j].text) and "-" not in seq[j - 1].text:
                j += 1
            return j
        strong = self._given(first) or bool(INITIAL.fullmatch(first))
        if not (strong or weak) or (first[-1] != "." and not name_ok(first, strong)):
            return None
        if i > 0 and seq[i - 1].text in self.lex.place_prefixes:
            return None  # San Antonio, St. Johann
        j, surnames = i + 1, 0
        while j < n and j - i < 5:
            k = j
            if (strong or surnames == 2) and surnames and not seq[k].particle:
                break  # the surname ends the name, unless a particle follows: Collor de Mello
            if seq[k].text in ("der", "den", "dem"):
                break  # an article is a particle only after von/van/de: von der Leyen
            while k < n and seq[k].particle:
                k += 1
            if k >= n:
                break
            word = seq[k].text
            if INITIAL.fullmatch(word) and surnames == 0:
                j = k + 1  # George W. Bush
                continue
            # After a first name word a city may be a surname (Lloyd Austin); a country not.
            if not name_ok(word, True, first=INITIAL.fullmatch(first) is not None):
                break
            j = k + 1
            if not self._given(word):
                surnames += 1  # one surname ends the name: no "Neil Armstrong Mond"
        while j > i + 1 and INITIAL.fullmatch(seq[j - 1].text):
            j -= 1
        if j == i + 1 and (not weak or first[-1] == "."):
            return None  # a lone given name is too often a word or a place
        if j < n and seq[j].text in self.lex.org_heads:
            return None  # Dave Matthews Band, Lee Strasberg Theatre
        if i > 0 and seq[i - 1].text in self.lex.org_heads:
            return None  # Verlag Paul Haupt
        if lookup(" ".join(w.text for w in seq[i:j])) is not None:
            return None
        return j

    def _syllabic(self, word: str) -> bool:
        return (
            bool(SYLLABIC.fullmatch(word))
            and word not in self.lex.not_names
            and (word.lower() not in STOP_WORDS)
        )

    def _role_person(self, seq, j, end, role, text, start) -> _Person | None:
        if end is None:
            return None
        person = self._person(seq[j:end])
        if role:
            person.role, person.country = role
            if person.country is None:
                person.country = self._context_country(text, start)
        return person

    def _apposition(self, text: str, w: _Word, role, by_start: _Sequences) -> _Person | None:
        m = APPOSITION.match(text, w.end)
        seq = by_start.get(m.end()) if m else None
        if seq is None:
            return None
        end = self._chain(seq, 0, weak=True)
        if end is None or not CLOSING.match(text, seq[end - 1].end):
            return None
        person = self._person(seq[:end])
        person.role, person.country = role
        if person.country is None:
            person.country = self._gen_country(m["gen"]) or self._context_country(text, w.start)
        return person

    def _list(self, text: str, first: _Person, by_start: _Sequences, plural: bool) -> list[_Person]:
        """Further names coordinated with the first: ``Lee Seong-kweun und Kim Byung-kee``."""
        out, last = [], first.words[-1]
        while m := LIST_SEP.match(text, last.end):
            seq = by_start.get(m.end())
            end = self._chain(seq, 0, weak=plural) if seq else None
            if end is None:
                break
            person = self._person(seq[:end])
            person.role, person.country = first.role, first.country
            out.append(person)
            last = seq[end - 1]
        return out

    def _person(self, words: list[_Word]) -> _Person:
        family_first = len(words) > 1 and words[0].text in self.lex.east_asian
        return _Person(list(words), family_first=family_first)

    def _context_country(self, text: str, start: int) -> str | None:
        """Country of an adjective or genitive before a role: ``der ukrainische Präsident``."""
        for word in reversed(text[max(0, start - 40) : start].split()[-2:]):
            entry = lookup(word)
            if entry is None or entry.get("label") != "LOCderiv":
                # a plain place name before a role is not its country; a genitive is
                entry = lookup(word[:-1]) if word.endswith("s") else None
            if entry and entry.get("country"):
                return entry["country"]
        return None

    def _gen_country(self, gen: str) -> str | None:
        for word in gen.split():
            entry = lookup(word)
            if entry and entry.get("country") and entry.get("label") == "LOCderiv":
                return entry["country"]
        return None

    def _later_mentions(
        self, text: str, found: _Sequences, persons: list[_Person], used: set[int]
    ) -> list[_Person]:
        """Surnames repeated after the full name: ``Selenskyj``, ``Selenskyjs``, ``Lee``.

        First in sequences that are scanned (several words, or a word that may start a person),
        then in the other lone words, with the keys found by then (``Selenskyjs`` too).
        """
        keys = {p.key for p in persons}
        words: dict[int, tuple[_Word, bool]] = {}  # start -> word, whether in a scanned sequence
        for key in keys:
            size, i = len(key), text.find(key)
            while i >= 0:
                before = text[i - 1 : i]
                if (
                    i not in words
                    and i not in used  # a word in a name is no later mention
                    and not (before.isalnum() or before in _NOT_BEFORE)
                    and (key[-1] == "." or _mention_ends(text, i + size))
                ):
                    m = found.containing(i)
                    if m is not None:
                        self._mention_at(m, i, text, found, words)
                i = text.find(key, i + 1)
        out: list[_Person] = []
        for scanned in (True, False):
            if not scanned:
                keys = {p.key for p in persons} | {p.key for p in out}
            for start in sorted(words):
                w, in_scanned = words[start]
                if in_scanned != scanned or w.particle or w.start in used:
                    continue
                if w.text in keys or (w.text[-1:] == "s" and w.text[:-1] in keys):
                    out.append(_Person([w]))
                    used.add(w.start)
        return out

    def _mention_at(
        self,
        m: re.Match[str],
        start: int,
        text: str,
        found: _Sequences,
        words: dict[int, tuple[_Word, bool]],
    ) -> None:
        """Record the word of sequence ``m`` that starts at ``start``, if one does."""
        if " " in m.group():
            for w in found.words(m):
                if w.start == start:
                    words[start] = (w, True)
        elif m.start() == start:
            word = m.group()
            scanned = self._may_start(word, text, m.start(), m.end())
            words[start] = (_Word(word, start, m.end(), word in self.lex.particles), scanned)

    def _link(self, persons: list[_Person]) -> None:
        """Give each mention its full name, and share role and country along the chain."""
        persons.sort(key=_start)
        # Full names, and lone mentions with a role, by key (in text order).
        multi: dict[str, list[_Person]] = {}
        single: dict[str, list[_Person]] = {}
        for p in persons:
            if len(p.words) > 1:
                multi.setdefault(p.key, []).append(p)
            elif p.role:
                single.setdefault(p.key, []).append(p)
        for p in persons:
            p.name = " ".join([w.text for w in p.words])
            if len(p.words) == 1:
                key, start, target = p.words[0].text, p.words[0].start, None
                for pool in (multi, single):
                    cands = pool.get(key, [])
                    if key[-1:] == "s" and key[:-1] in pool:
                        cands = sorted([*cands, *pool[key[:-1]]], key=_start)
                    cands = [q for q in cands if q is not p]
                    if cands:
                        before = [q for q in cands if q.words[0].start < start]
                        target = before[-1] if before else cands[0]
                        break
                if target is not None:
                    p.name = " ".join([w.text for w in target.words])
                    p.role = p.role or target.role
                    p.country = p.country or target.country
        by_name: dict[str, _Person] = {}
        for p in persons:  # a repeated full name keeps the role it was introduced with
            first = by_name.setdefault(p.name, p)
            p.role = p.role or first.role
            p.country = p.country or first.country
        names = Counter(p.name for p in persons)
        for p in persons:
            if len(p.words) > 1 and p.name.endswith("s") and names[p.name[:-1]]:
                names[p.name] -= 1
                p.name = p.name[:-1]  # Wolodymyr Selenskyjs
                names[p.name] += 1

    def _write(self, doc: Doc, persons: list[_Person]) -> None:
        key, per = self.span_key, doc.vocab.strings.add("PER")
        # (start, end, is a person, span): Span attributes are read once, not per person.
        group = [(s.start, s.end, s.label == per, s) for s in written_spans(doc, key)]
        bounds = [g[:2] for g in group]
        # A sorted group without overlaps stays so (a name replaces all it overlaps): the
        # overlaps of a name are then found by bisection, not by a pass over the group.
        ordered = all(a[1] <= b[0] and a < b for a, b in zip(bounds, bounds[1:], strict=False))
        ends = [b[1] for b in bounds]
        user_data = doc.user_data if values_in_user_data() else None
        written = False
        for p in persons:
            span = doc.char_span(p.words[0].start, p.words[-1].end, label=per)
            if span is None:
                continue  # the tokenizer split differently; never guess
            start, end = span.start, span.end
            if ordered:
                lo = bisect_right(ends, start)
                hi = bisect_left(bounds, (end, -1), lo)
                if any(g[2] or g[0] < start or g[1] > end for g in group[lo:hi]):
                    continue  # only a name that covers a non-person span may replace it
                group[lo:hi] = [(start, end, True, span)]
                bounds[lo:hi] = [(start, end)]
                ends[lo:hi] = [end]
            else:
                kept = []
                for g in group:
                    if g[0] >= end or start >= g[1]:
                        kept.append(g)
                    elif g[2] or g[0] < start or g[1] > end:
                        break
                else:
                    group = [*kept, (start, end, True, span)]
                if group[-1][3] is not span:
                    continue
            written = True
            value = {
                "name": p.name,
                "type": "person",
                "country": p.country,
                "lat": None,
                "lon": None,
                "role": p.role,
            }
            if user_data is not None:
                # What ``span._.factx_entity = value`` does, without an Underscore object.
                user_data[("._.", "factx_entity", span.start_char, span.end_char)] = value
            else:
                span._.factx_entity = value
        if not ordered:
            group.sort(key=itemgetter(0, 1))
        elif not written and key in doc.spans:
            return  # the group stays as it is: building it again costs a Span per entity
        doc.spans[key] = [g[3] for g in group]


@Language.factory("factx_persons", default_config={"span_key": ENTITIES})
def make_persons(nlp: Language, name: str, span_key: str) -> PersonFinder:
    """Build the ``factx_persons`` component (spaCy factory)."""
    return PersonFinder(span_key=span_key)
