"""The ``factx_persons`` component: people named in German news, with their role and country."""

import re
from dataclasses import dataclass, field

from spacy.lang.de.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from factx import extensions  # noqa: F401  (registers Span._.factx_entity)
from factx.extensions import ENTITIES, text_of
from factx.names import (
    AGE_AFTER,
    APPOSITION,
    CLOSING,
    INITIAL,
    LIST_SEP,
    NOUN_BEFORE,
    SPEECH_AFTER,
    SPEECH_BEFORE,
    SYLLABIC,
    load_lexicon,
    lookup,
    name_ok,
    role_of,
)


@dataclass
class _Word:
    text: str
    start: int
    end: int
    particle: bool


class _Starts(dict):
    """Word sequences by start offset; lone words not scanned are made into one on demand."""

    def __init__(self, seqs: dict, singles: dict[int, tuple[int, str]], particles) -> None:
        super().__init__(seqs)
        self.singles = singles
        self.particles = particles

    def get(self, start, default=None):  # noqa: D102
        found = super().get(start)
        if found is None and start in self.singles:
            end, word = self.singles[start]
            found = [_Word(word, start, end, word in self.particles)]
        return default if found is None else found

    def single_seqs(self, persons: list["_Person"]) -> list[list[_Word]]:
        """Lone words that repeat a found person's key, as one-word sequences."""
        keys = {p.key for p in persons}
        if not keys:
            return []
        return [
            [_Word(w, s, e, w in self.particles)]
            for s, (e, w) in self.singles.items()
            if w in keys or (w[-1:] == "s" and w[:-1] in keys)
        ]


@dataclass
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


class PersonFinder:
    """Find people and add them as ``PER`` spans to the entity span group."""

    def __init__(self, span_key: str = ENTITIES) -> None:
        self.span_key = span_key
        self.lex = load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        """Annotate ``doc`` in place and return it."""
        text = text_of(doc)
        # Most capitalised words are German nouns standing alone: they are scanned only when
        # they could start a person (a role, title, given name, initial or a cue around them);
        # the others are kept as plain tuples for later mentions and appositions.
        seqs: list[list[_Word]] = []
        singles: dict[int, tuple[int, str]] = {}
        for m in self.lex.sequence.finditer(text):
            word = m.group()
            if " " not in word and not self._may_start(word, text, m.start(), m.end()):
                singles[m.start()] = (m.end(), word)
            else:
                seqs.append(self._words(m))
        by_start = _Starts({seq[0].start: seq for seq in seqs}, singles, self.lex.particles)
        used: set[int] = set()
        persons: list[_Person] = []
        for seq in seqs:
            persons.extend(self._scan(seq, text, by_start, used))
        persons.extend(self._later_mentions(seqs, persons, used))
        persons.extend(self._later_mentions(by_start.single_seqs(persons), persons, used))
        self._link(persons)
        self._write(doc, persons)
        return doc

    def _may_start(self, word: str, text: str, start: int, end: int) -> bool:
        """Whether a lone capitalised word can begin or be a person (cheap tests first)."""
        lex = self.lex
        if word in lex.honorifics or word in lex.titles or word in lex.east_asian:
            return True
        if self._given(word) or (word[-1] == "." and INITIAL.fullmatch(word)) or role_of(word):
            return True
        return bool(
            AGE_AFTER.match(text, end) or SPEECH_BEFORE.search(text, max(0, start - 20), start)
        )

    def _words(self, m: re.Match[str]) -> list[_Word]:
        off = m.start()
        return [
            _Word(w.group(), off + w.start(), off + w.end(), w.group() in self.lex.particles)
            for w in self.lex.word.finditer(m.group())
        ]

    def _scan(self, seq: list[_Word], text: str, by_start: dict, used: set[int]) -> list[_Person]:
        out: list[_Person] = []
        i = 0
        while i < len(seq):
            w = seq[i]
            if w.particle or w.start in used:
                i += 1
                continue
            role = role_of(w.text)
            if role or w.text in self.lex.honorifics or w.text in self.lex.titles:
                j = i + 1
                while j < len(seq) and seq[j].text in self.lex.titles:
                    j += 1
                end = self._chain(seq, j, weak=True)
                found = self._role_person(seq, j, end, role, text, w.start)
                if found is None and role and j == len(seq):
                    found = self._apposition(text, w, role, by_start)
                if found is not None:
                    out.append(found)
                    out.extend(self._list(text, found, by_start, plural=w.text.endswith("n")))
                    used.update(x.start for x in found.words)
                    i = j if end is None else end
                    continue
            elif self._given(w.text) or w.text in self.lex.east_asian or INITIAL.fullmatch(w.text):
                end = self._chain(seq, i, weak=False)
                if end is not None:
                    out.append(self._person(seq[i:end]))
                    used.update(x.start for x in seq[i:end])
                    i = end
                    continue
            i += 1
        if not out and len(seq) == 1 and self._lone_given(seq[0], text):
            out.append(self._person(seq))
        if not out and len(seq) <= 2 and self._cued(seq, text):
            end = self._chain(seq, 0, weak=True)
            if end == len(seq):
                out.append(self._person(seq))
        for p in out:
            used.update(x.start for x in p.words)
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

    def _apposition(self, text: str, w: _Word, role, by_start) -> _Person | None:
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

    def _list(self, text: str, first: _Person, by_start, plural: bool) -> list[_Person]:
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

    def _later_mentions(self, seqs, persons: list[_Person], used: set[int]) -> list[_Person]:
        """Surnames repeated after the full name: ``Selenskyj``, ``Selenskyjs``, ``Lee``."""
        keys = {p.key for p in persons}
        out = []
        for seq in seqs:
            for w in seq:
                if w.particle or w.start in used:
                    continue
                if w.text in keys or (w.text[-1:] == "s" and w.text[:-1] in keys):
                    out.append(_Person([w]))
                    used.add(w.start)
        return out

    def _link(self, persons: list[_Person]) -> None:
        """Give each mention its full name, and share role and country along the chain."""
        persons.sort(key=lambda p: p.words[0].start)
        multi = [p for p in persons if len(p.words) > 1]
        single = [p for p in persons if len(p.words) == 1 and p.role]
        for p in persons:
            p.name = " ".join(w.text for w in p.words)
            key = p.words[0].text
            if len(p.words) == 1:
                target = None
                for pool in (multi, single):
                    cands = [q for q in pool if q is not p and key in (q.key, q.key + "s")]
                    before = [q for q in cands if q.words[0].start < p.words[0].start]
                    if cands:
                        target = before[-1] if before else cands[0]
                        break
                if target is not None:
                    p.name = " ".join(w.text for w in target.words)
                    p.role = p.role or target.role
                    p.country = p.country or target.country
        by_name: dict[str, _Person] = {}
        for p in persons:  # a repeated full name keeps the role it was introduced with
            first = by_name.setdefault(p.name, p)
            p.role = p.role or first.role
            p.country = p.country or first.country
        for p in persons:
            if (
                len(p.words) > 1
                and p.name.endswith("s")
                and any(q.name == p.name[:-1] for q in persons)
            ):
                p.name = p.name[:-1]  # Wolodymyr Selenskyjs

    def _write(self, doc: Doc, persons: list[_Person]) -> None:
        group = list(doc.spans[self.span_key]) if self.span_key in doc.spans else []
        for p in persons:
            span = doc.char_span(p.words[0].start, p.words[-1].end, label="PER")
            if span is None:
                continue  # the tokenizer split differently; never guess
            clash = [s for s in group if s.start < span.end and span.start < s.end]
            if any(s.label_ == "PER" or s.start < span.start or s.end > span.end for s in clash):
                continue  # only a name that covers a non-person span may replace it
            group = [s for s in group if s not in clash] + [span]
            span._.factx_entity = {
                "name": p.name,
                "type": "person",
                "country": p.country,
                "lat": None,
                "lon": None,
                "role": p.role,
            }
        doc.spans[self.span_key] = sorted(group, key=lambda s: (s.start, s.end))


@Language.factory("factx_persons", default_config={"span_key": ENTITIES})
def make_persons(nlp: Language, name: str, span_key: str) -> PersonFinder:
    """Build the ``factx_persons`` component (spaCy factory)."""
    return PersonFinder(span_key=span_key)
