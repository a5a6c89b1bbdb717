"""The ``factx_entities`` component: countries, places, regions, organisations and demonyms."""

import re
from itertools import compress

from spacy.language import Language
from spacy.tokens import Doc, Span

from factx import extensions
from factx.extensions import ENTITIES, WordCache, text_of, values_in_user_data
from factx.gazetteer import (
    ADJECTIVE_END,
    ADJECTIVE_LETTERS,
    CAPITAL,
    WORD_PATTERN,
    Gazetteer,
    load_gazetteer,
)
from factx.names import role_of

extensions.register()

#: Lowercase words right before a match that are not a preposition: used for the
#: ``Essen``/``Halle`` rule (those count as places only after ``in``, ``nach``, ...).
_PREVIOUS_WORD = re.compile(r"(\w+)\s+$")
#: What joins a place to the place before it: ``Berlin, Warschau und Venedig``.
_COORDINATION = re.compile(r"\s*(?:,|und|oder|sowie|bis|–|-|/)\s*$")
_SPACE = re.compile(r"\s+")
_group = re.Match.group
_start = re.Match.start
#: Up to three capitalised words or years after a club head (``FC Carl Zeiss Jena``).
_CLUB_WORDS = re.compile(r"(?: (?:[A-ZÄÖÜ][\w'-]*|1[89]\d\d|\d\d)(?![\w-])){1,3}")
_NAME_WORD = re.compile(r" ([A-ZÄÖÜ][\w'-]*|\d+)")
_NUMBER_AFTER = re.compile(r" (?:\d|[IVX]+\b)")
#: North American team names: a plural after the town (``Chicago Bulls``, ``Red Wings``).
_TEAM = re.compile(r"(?:[A-Z][a-z]+ )?[A-Z][a-z]+s\b(?!-)")
#: "1. FC Köln": the number before a club head belongs to the name.
_CLUB_NUMBER = re.compile(r"\b[1-9]\. $")
_SPOKESPERSON = ("Sprecher", "Sprecherin", "sprecher", "sprecherin")
_HOUSE_NUMBER = re.compile(r" \d{1,4}[a-z]?(?![\w.,])")
_FUER = re.compile(r" für ([A-ZÄÖÜ][\w-]*(?: und [A-ZÄÖÜ][\w-]*)?)")
#: Characters after which a capitalised word may just be sentence-initial.
_SENTENCE_START = frozenset('.!?:;"„“»«()[]–-\n')

# The scanner's pattern starts with a lookbehind, so ``re`` tries it at every character.
# The same words are found faster by parts: capitalised words by a pattern that starts
# with their first letter (the lookbehind moved behind it), adjectives from where they end.
_CAPITALISED = re.compile(rf"{CAPITAL}(?<![\w-].)[\w-]*")
_ADJECTIVE_END = re.compile(ADJECTIVE_END)
_ADJECTIVE_LETTERS = frozenset(
    c for c in map(chr, range(0x250)) if re.fullmatch(f"[{ADJECTIVE_LETTERS}]", c)
)
#: Characters that may stand before a word: all but ASCII letters, digits, ``_`` and ``-``
#: and the Latin-1 letters (more than that is harmless: the scanner confirms each find).
#: Written as what it is not: a class up to U+10FFFF costs ``re`` 8 ms to compile.
_BEFORE_WORD = r"[^A-Za-z0-9_\-\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]"
#: What a word can do, as the fast scan sees it: begin an entity (``Berlin``, ``dpa``), or
#: end one begun by the word before it (the suffix in ``Bosch GmbH``, the place noun in
#: ``Schwabacher Straße``). Words that do neither are skipped without a look.
_BEGINS = 1
_ENDS = 2
#: A word that no rule knows but that begins longer names (``Die Linke``).
_NAMES = 4
#: Heads that a word is (:meth:`EntityTagger._word_facts`): of a region (``Gebiet Kursk``),
#: a club (``FC Carl Zeiss Jena``) or a body (``Universität Hamburg``).
_REGION_HEAD = 1
_CLUB_HEAD = 2
_ORG_HEAD = 4
#: Endings of the words that :meth:`Gazetteer.demonym` reads as city derivations.
_DERIVATION_ENDINGS = ("er", "ern", "erin", "erinnen")


#: The last doc's entity span group and the spans written into it: reading a span group
#: makes a new ``Span`` object per span, and ``factx_persons`` needs them all right after.
#: One slot, emptied by the reader (spans hold their doc: a dict of docs would keep all).
_WRITTEN: list = [None, None, None]


def written_spans(doc: Doc, key: str) -> list[Span]:
    """The spans of ``doc.spans[key]`` (``[]`` if there is no such group).

    They are the ``Span`` objects this component wrote if the group is still the one it
    wrote, else those read from the group.
    """
    written_doc, written_group, spans = _WRITTEN
    _WRITTEN[:] = None, None, None
    group = doc.spans.get(key)
    if group is None:
        return []
    if written_doc is doc and written_group is group and len(spans) == len(group):
        return spans
    return list(group)


class EntityTagger:
    """Finds the words of the scanner's pattern that may begin an entity; rules decide.

    The scanner's words are capitalised words, ``-sch`` adjectives and the names that begin
    in lower case (``dpa``). Most of them are in no table and fit no rule, so what a word
    can do is worked out once per word (:meth:`_kind_function`) and only about one in
    seven occurrences reaches the rules (:meth:`_several_words`, :meth:`_one_word`); the
    result is what the rules make of every word. A ``PhraseMatcher`` over ~50,000 place
    names would cost more than the tokenizer; this costs a fraction.
    """

    def __init__(
        self, demonyms: bool = True, city_derivations: bool = True, acronyms: bool = True
    ) -> None:
        """Set options; the tables load on first use (``load_gazetteer`` is cached)."""
        self.demonyms = demonyms
        self.acronyms = acronyms
        self.city_derivations = city_derivations
        self._gazetteer: Gazetteer | None = None
        self._scanner: re.Pattern | None = None
        self._suffix: re.Pattern | None = None
        self._place_head: re.Pattern | None = None
        self._inert = WordCache(self._is_inert)  # word -> whether _is_inert(word)
        self._facts = WordCache(self._word_facts)  # word -> _word_facts(word)
        self._kinds: WordCache | None = None  # word -> _BEGINS | _ENDS | _NAMES
        self._lower_words: re.Pattern | None = None
        self._end_words: tuple[frozenset[str], tuple[str, ...]] | None = None
        self._shapes: re.Pattern | None = None

    def __getstate__(self) -> dict:
        """The options only (for pickling): tables and caches are rebuilt on first use."""
        return {
            "demonyms": self.demonyms,
            "city_derivations": self.city_derivations,
            "acronyms": self.acronyms,
        }

    def __setstate__(self, state: dict) -> None:
        """Restore a pickled tagger (see ``__getstate__``)."""
        self.__init__(**state)

    @property
    def gazetteer(self) -> Gazetteer:
        """The shared gazetteer, loaded lazily so that building a pipeline stays cheap."""
        if self._gazetteer is None:
            self._compile(load_gazetteer())
        return self._gazetteer

    def _compile(self, gaz: Gazetteer) -> None:
        lower = "|".join(re.escape(w) for w in gaz.lowercase_words)
        self._scanner = re.compile(rf"(?<![\w-])(?:{lower}|{WORD_PATTERN})(?![\w])")
        # A name in lower case stands after a character that is no letter: looking for that
        # character first is twice as fast as a lookbehind, and a trie of the names is
        # faster than a list of them.
        self._lower_words = re.compile(_BEFORE_WORD + _trie(gaz.lowercase_words))
        suffixes = "|".join(re.escape(w) for w in sorted(gaz.company_suffix, key=len)[::-1])
        self._suffix = re.compile(rf"[ \t]+(?:{suffixes})(?![\w])")
        heads = "|".join(re.escape(w) for w in sorted(gaz.place_heads, key=len)[::-1])
        self._place_head = re.compile(rf"[ \t]+(?:{heads})(?:es|s)?(?![\w-])")
        self._end_words = _end_words(gaz.company_suffix, gaz.place_heads)
        # The rules on a word's shape that are patterns of the tables, in one pattern.
        self._shapes = re.compile(f"(?:{gaz.acronym.pattern})|(?:{gaz.federal_compound.pattern})")
        self._kinds = WordCache(self._kind_function(gaz))
        self._gazetteer = gaz

    def __call__(self, doc: Doc) -> Doc:
        """Write ``doc.spans["factx_entities"]`` (sorted, non-overlapping)."""
        spans = list(filter(None, self.find(doc)))
        doc.spans[ENTITIES] = spans
        _WRITTEN[:] = doc, doc.spans[ENTITIES], spans
        return doc

    def find(self, doc: Doc):
        """Yield entity spans in text order (``None`` where a match does not fit tokens)."""
        multiword = self.gazetteer.multiword  # (loads the tables and compiles the scanner)
        text = text_of(doc)
        end_of_last = 0
        self._last_place = -1  # end of the last place found: "Berlin, Warschau und Venedig"
        one_word = self._one_word
        char_span = doc.char_span
        # Where ``span._.factx_entity = value`` keeps the value (see _span), or None.
        values = doc.user_data if values_in_user_data() else None
        for match in self._candidates(text):
            start = match.start()
            if start < end_of_last:
                continue
            word = match[0]
            if word[-1] == "-":
                continue  # "Nord- und Südkorea": the first part is no entity of its own
            names = multiword.get(word)
            found = (
                names is not None
                and text.startswith(names, start)
                and self._several_words(text, start, word)
            ) or one_word(text, start, word)
            if found is None:
                continue
            end, entry = found
            end_of_last = end
            label = entry["label"]
            if label == "LOC":
                self._last_place = end
            first = entry.get("start", start)
            span = char_span(first, end, label=label)
            if span is None or values is None:
                yield _span(doc, first, end, entry)
                continue
            # What ``span._.factx_entity = value`` does, without building an Underscore
            # object per span (half the cost of a span); strict spans start and end here.
            values[("._.", "factx_entity", first, end)] = _value(entry)
            yield span

    def _candidates(self, text: str):
        """The scanner's matches in text order, less those that cannot begin an entity.

        Most capitalised words are in no table and fit no rule: they begin an entity only
        if a company suffix or a place noun follows (``Bosch GmbH``, ``Schwabacher Straße``).
        Such a word is held back until the next match shows whether it is such a suffix.
        The first word of a longer name is kept only where one of those names stands.
        """
        kinds = self._kinds
        multiword = self._gazetteer.multiword
        # The kinds are read in C (map); most are 0, and only the others reach Python. The
        # word held back before a word that can end a name is the match before it, unless
        # that one was yielded as a beginning.
        matches = self._matches(text)
        found = list(map(kinds.__getitem__, map(_group, matches)))
        began = -1
        for i in compress(range(len(found)), found):
            kind = found[i]
            match = matches[i]
            if kind & _ENDS and i and began != i - 1:
                yield matches[i - 1]
            if kind & _BEGINS or (
                kind & _NAMES and text.startswith(multiword[match[0]], match.start())
            ):
                began = i
                yield match

    def _matches(self, text: str) -> list[re.Match]:
        """What ``self._scanner.finditer(text)`` finds, found in about half the time.

        Capitalised words come from :data:`_CAPITALISED`. Words in lower case (adjectives
        in ``-sch``, names such as ``dpa``) are few: they are looked for where they end or
        after a character that is no letter, and the scanner confirms each one. The two
        never overlap (a word starts after a character that is no letter, and both consist
        of letters, digits and hyphens), so they are merged by where they start.
        """
        starts = set()
        for hit in _ADJECTIVE_END.finditer(text):
            start = hit.start()
            while start and text[start - 1] in _ADJECTIVE_LETTERS:
                start -= 1
            starts.add(start)
        for hit in self._lower_words.finditer(text):
            starts.add(hit.start() + 1)
        if text[:1].islower():
            starts.add(0)
        matches = list(_CAPITALISED.finditer(text))
        if not starts:
            return matches
        end = 0
        lower = []
        for start in sorted(starts):
            match = self._scanner.match(text, start) if start >= end else None
            if match is not None:
                lower.append(match)
                end = match.end()
        if lower:
            matches += lower
            matches.sort(key=_start)
        return matches

    def _kind_function(self, gaz: Gazetteer):
        """``word -> kind`` (``_BEGINS``, ``_ENDS``, ``_NAMES``, see there, or 0).

        It runs once for each new word, tens of thousands of times in a batch, so the
        tables are bound as local names. A quick test comes first, true of every word
        that :meth:`_rule_applies` or :meth:`_spokesperson` may make something of and of
        the first words of longer names: the tables are asked as one set of words (for
        the word, its genitive ``-s``/``-es``, its Swiss spelling, the parts of a compound),
        a rule on the word's shape only for words of that shape.
        """
        ends = self._end_words
        words = gaz.whole_words
        swiss = gaz.swiss_spellings
        compass = gaz.compass_prefixes
        streets = gaz.street_and_lake_suffixes
        shapes = self._shapes.match
        multiword = gaz.multiword
        rule_applies = self._rule_applies
        spokesperson = self._spokesperson
        inert = self._inert

        def kind_of(word: str) -> int:
            kind = 0
            if ends is None or word in ends[0] or word.startswith(ends[1]):
                kind = _ENDS
            if not (
                word in words
                or (word[-1] == "s" and (word[:-1] in words or word[:-2] in words))
                or ("ss" in word and word.replace("ß", "ss") in swiss)
                or (
                    "-" in word
                    and _may_be_compound(word, words)
                    and (spokesperson(word) is not None or gaz.demonym(word) is not None)
                )
                or (word.endswith(_DERIVATION_ENDINGS) and _may_derive(word, words))
                or (word.startswith(compass) and gaz.compass_region(word) is not None)
                or word.lower().endswith(streets)
                or shapes(word) is not None
            ):
                # No rule can make anything of the word alone (the quick test's promise):
                # what _is_inert would find, should the word come before a company suffix.
                inert[word] = "-" not in word
                return kind
            applies = rule_applies(word)
            # What _one_word would ask again (as _is_inert) for most of these words.
            inert[word] = "-" not in word and not applies
            if applies or spokesperson(word) is not None:
                return kind | _BEGINS
            return kind | _NAMES if word in multiword else kind

        return kind_of

    def _several_words(self, text: str, start: int, word: str):
        gaz = self._gazetteer
        for name in gaz.multiword.get(word, ()):
            if not text.startswith(name, start):
                continue
            end = start + len(name)
            tail = _word_tail(text, end)
            entry = gaz.lookup(name)
            if tail == "":
                return end, entry
            if tail == "s" and entry["type"] != "group":
                return end + 1, entry  # New Yorks
            if tail == "er" and entry["type"] == "city" and self.city_derivations:
                return end + 2, {**entry, "label": "LOCderiv"}  # New Yorker
        return None

    def _word_facts(self, word: str) -> tuple:
        """What :meth:`_one_word` asks of ``word`` alone, asked once per word.

        ``(derived, inert, heads, entry, needs_context, alone)``: whether it may be an
        adjective before a place noun (``Schwabacher``), :meth:`_is_inert`, the ``_*_HEAD``
        bits, its :meth:`Gazetteer.lookup` entry and whether that entry needs a context;
        without an entry, ``alone`` is ``(length, entry)`` of what the word makes whatever
        follows it (a spokesperson's body, a street, a federal body), else ``None``.
        """
        gaz = self._gazetteer
        derived = word.endswith("er") and len(word) > 4 and word[0].isupper()
        if self._inert[word]:
            return derived, True, 0, None, False, None
        heads = (
            (_REGION_HEAD if word in gaz.region_heads else 0)
            | (_CLUB_HEAD if word in gaz.club_heads else 0)
            | (_ORG_HEAD if word in gaz.head_then_place or word in gaz.head_fuer else 0)
        )
        entry = gaz.lookup(word)
        if entry is not None:
            return derived, False, heads, entry, gaz.needs_context(word), None
        alone = None
        spokesperson = self._spokesperson(word)
        if spokesperson is not None:
            head, org = spokesperson
            # "Kreml-Sprecher", "NATO-Sprecherin": a spokesperson speaks for the body, which
            # is the source of what is said (a "CSU-Politiker" is only a member). The
            # tokenizer keeps the compound whole, so the span covers it (see _span).
            alone = len(head), {**org, "prefix": True}
        elif (named := gaz.street_or_lake(word) or gaz.compass_region(word)) is not None:
            alone = -1, named  # -1: up to a house number after it (see _one_word)
        elif gaz.federal_compound.match(word):
            alone = len(word), _organization(word, gaz.federal_country)
        return derived, False, heads, None, False, alone

    def _one_word(self, text: str, start: int, word: str):
        gaz = self._gazetteer
        end = start + len(word)
        derived, inert, heads, entry, needs_context, alone = self._facts[word]
        if derived:
            head = self._place_head.match(text, end)
            if head is not None:
                # "Schwabacher Straße", "Thüringer Wald", "Frankfurter Hauptbahnhof"
                stop = _house_number(text, head.end())
                return stop, _place(text[start:stop], "region", gaz.demonym(word))
        if inert:
            # Most capitalised words are common nouns: after the first miss only the
            # rules that look at the next word remain ("Bosch GmbH").
            suffix = self._suffix.match(text, end)
            if suffix is not None and word[0].isupper():
                return suffix.end(), _organization(text[start : suffix.end()], None)
            return None
        if heads:
            if heads & _REGION_HEAD:
                region = self._region(text, end, word)
                if region is not None:
                    return region
            if heads & _CLUB_HEAD:
                club = self._club(text, start, end, word)
                if club is not None:
                    return club
            if heads & _ORG_HEAD:
                org = self._organization_head(text, end, word)
                if org is not None:
                    return org
        if entry is not None:
            if needs_context and not self._place_context(text, start):
                return None
            if entry["label"] == "ORG":
                suffix = self._suffix.match(text, end)
                if suffix is not None:
                    return suffix.end(), entry  # Rheinmetall AG
                if word.isupper():
                    place = self._next_word(text, end)
                    if place is not None and self._is_place(place.group()):
                        return place.end(), _organization(text[start : place.end()], None)
            elif entry["type"] == "city":
                team = self._team(text, end, entry)
                if team is not None:
                    return team
            return end, entry
        if alone is not None:
            length, entry = alone
            return (start + length if length >= 0 else _house_number(text, end)), entry
        suffix = self._suffix.match(text, end)
        if suffix is not None and word[0].isupper():
            return suffix.end(), _organization(text[start : suffix.end()], None)  # Bosch GmbH
        village = gaz.village(word)
        if village is not None and self._place_context(text, start):
            return end, village  # "in Kreischa", "Gemeinde Taiskirchen"
        if self.acronyms and gaz.acronym.match(word) and word not in gaz.not_acronyms:
            if len(word) > 3:
                place = gaz.lookup(word[0] + word[1:].lower())
                if place is not None and place["label"] == "LOC":
                    return end, place  # a dateline in capitals: "BOCHUM -", "TOKIO ("
            if _NUMBER_AFTER.match(text, end):
                return None  # a product, statute or index: "GTX 480", "SGB I", "NJW 1972"
            place = self._next_word(text, end)
            if place is not None and self._is_place(place.group()):
                # "THW Kiel", "TH Zürich": a club or school named by acronym and town
                return place.end(), _organization(text[start : place.end()], None)
            return end, _organization(word, None)  # an unknown acronym mostly names a body
        if self.demonyms:
            entry = gaz.demonym(word)
            if entry is None or not (self.city_derivations or entry["type"] != "city"):
                return None
            if word[0].isupper():
                # "Berliner Zeitung", "Hessischer Rundfunk": the pair names an organisation.
                head = self._next_word(text, end)
                if head is not None and head.group() in gaz.place_then_head:
                    name = text[start : head.end()]
                    return head.end(), _organization(name, entry["country"])
                # A capitalised adjective inside a sentence belongs to a longer name
                # (Bayerischer Wald, Norddeutscher Rundfunk), not a LOCderiv of its own.
                if gaz.is_adjective(word) and not _sentence_initial(text, start):
                    return None
            return end, entry
        return None

    def _is_inert(self, word: str) -> bool:
        """Whether no rule but the next-word ones can make anything of ``word``."""
        return "-" not in word and not self._rule_applies(word)

    def _rule_applies(self, word: str) -> bool:
        """Whether a table or a rule on ``word`` alone may make something of it.

        That is :meth:`_is_inert` without its compounds: a compound that no table or rule
        knows as a whole is something only by the spokesperson rule (:meth:`_spokesperson`).
        """
        gaz = self._gazetteer
        return bool(
            word in gaz.region_heads
            or word in gaz.club_heads
            or word in gaz.head_then_place
            or word in gaz.head_fuer
            or gaz.lookup(word) is not None
            or gaz.street_or_lake(word) is not None
            or gaz.compass_region(word) is not None
            or gaz.federal_compound.match(word)
            or gaz.village(word) is not None
            or gaz.acronym.match(word)
            or gaz.demonym(word) is not None
        )

    def _spokesperson(self, word: str) -> tuple[str, dict] | None:
        """``("Kreml", entry)`` for ``Kreml-Sprecher``: the body a spokesperson speaks for."""
        if "-" not in word:
            return None
        head, _, rest = word.partition("-")
        org = self._gazetteer.lookup(head)
        role = role_of(rest) if org is not None and org["label"] == "ORG" else None
        if role is not None and role[0].endswith(_SPOKESPERSON):
            return head, org
        return None

    def _next_word(self, text: str, end: int):
        gap = _SPACE.match(text, end)
        if gap is None or "\n" in gap.group():
            return None
        return self._scanner.match(text, gap.end())

    def _club(self, text: str, start: int, end: int, head: str):
        """``FC Carl Zeiss Jena``, ``TSV Odenhausen``, ``Hansa Rostock``: a club.

        The name runs to the last of up to three words that is a place or a year
        (``TSV 1860 München``); after an abbreviation (``FC``, ``TSV``) one word will do.
        """
        words = _CLUB_WORDS.match(text, end)
        if words is None:
            return None
        stop = None
        for word in _NAME_WORD.finditer(words.group()):
            token = word.group(1)
            if token.isdigit() or self._is_place(token):
                stop = end + word.end()
        if stop is None and head[-1].isupper():
            stop = end + _NAME_WORD.match(words.group()).end()
        if stop is None:
            return None
        number = _CLUB_NUMBER.search(text, max(0, start - 4), start)
        first = number.start() if number else start
        return stop, {**_organization(text[first:stop], None), "start": first}

    def _team(self, text: str, end: int, city: dict):
        """``Stoke City``, ``Chicago Bulls``, ``Detroit Red Wings``: a team named by its town."""
        name = self._next_word(text, end)
        if name is None:
            return None
        if name.group() in self._gazetteer.club_suffixes:
            return name.end(), _organization(text[end - len(city["name"]) : name.end()], None)
        if city["country"] in ("US", "CA"):
            team = _TEAM.match(text, name.start())
            if team is not None:
                start = end - len(city["name"])
                return team.end(), _organization(text[start : team.end()], city["country"])
        return None

    def _is_place(self, word: str) -> bool:
        entry = self._gazetteer.lookup(word)
        if entry is not None:
            return entry["type"] in ("city", "region")
        return self._gazetteer.village(word) is not None

    def _organization_head(self, text: str, end: int, head: str):
        """``Universität Hamburg``, ``Bundesamt für Migration``: a head plus a name."""
        gaz = self._gazetteer
        if head in gaz.head_fuer:
            tail = _FUER.match(text, end)
            if tail is not None:
                return tail.end(), _organization(text[end - len(head) : tail.end()], None)
        if head in gaz.head_then_place:
            place = self._next_word(text, end)
            if place is not None:
                entry = gaz.lookup(place.group())
                if entry is not None and entry["type"] in ("city", "region"):
                    name = text[end - len(head) : place.end()]
                    return place.end(), _organization(name, entry["country"])
        return None

    def _region(self, text: str, end: int, head: str):
        """``Gebiet Kursk``, ``Region Donezk``: the head plus a known place is a region."""
        gap = _SPACE.match(text, end)
        if gap is None:
            return None
        match = self._scanner.match(text, gap.end())
        if match is None:
            return None
        entry = self._gazetteer.lookup(match.group())
        if entry is None or entry["type"] not in ("city", "region"):
            return None
        name = f"{head} {match.group()}"
        return match.end(), {**entry, "name": name, "type": "region", "label": "LOC"}

    def _place_context(self, text: str, start: int) -> bool:
        """Whether the words before ``start`` make a place of an ambiguous name.

        A preposition (``in Halle``), a place noun (``Gemeinde Kreischa``, ``der Stadt Hof``)
        or a place just before it in a list (``Berlin, Warschau und Venedig``).
        """
        gaz = self._gazetteer
        previous = _PREVIOUS_WORD.search(text, max(0, start - 24), start)
        if previous is not None:
            word = previous.group(1)
            if word.lower() in gaz.prepositions or word in gaz.place_nouns:
                return True
        if 0 <= self._last_place <= start:
            return _COORDINATION.fullmatch(text, self._last_place, start) is not None
        return False


def _organization(name: str, country: str | None) -> dict:
    return {
        "name": name,
        "type": "organization",
        "country": country,
        "lat": None,
        "lon": None,
        "label": "ORG",
    }


def _place(name: str, type_: str, derived_from: dict | None) -> dict:
    country = derived_from["country"] if derived_from else None
    return {
        "name": name,
        "type": type_,
        "country": country,
        "lat": None,
        "lon": None,
        "label": "LOC",
    }


def _end_words(suffixes, heads) -> tuple[frozenset[str], tuple[str, ...]] | None:
    """The scanner's words that can be a company suffix or a place noun (see ``_ENDS``).

    The word is what ``_suffix`` or ``_place_head`` matches, up to its first character
    that is no letter, digit or hyphen (``Corp.`` -> ``Corp``); a suffix may go on with ``-``
    (``AG-Chef``), a place noun with ``-es``/``-s``. Returns words and prefixes, or
    ``None`` if one of them does not start with a capital (then any word may end a name).
    """
    words, prefixes = set(), []
    for name, endings in [*((s, None) for s in suffixes), *((h, ("es", "s")) for h in heads)]:
        word = re.match(r"[\w-]*", name).group()
        if not re.match(CAPITAL, word):
            return None
        words.add(word)
        if word == name and endings is None:
            prefixes.append(word + "-")
        elif word == name:
            words.update(word + ending for ending in endings)
    return frozenset(words), tuple(prefixes)


def _trie(words) -> str:
    """A pattern for ``words`` that branches on each letter: ``d(?:pa|dp)`` for dpa, ddp."""
    if "" in words:
        rest = [w for w in words if w]
        return f"(?:{_trie(rest)})?" if rest else ""
    branches: dict[str, list[str]] = {}
    for word in words:
        branches.setdefault(word[0], []).append(word[1:])
    parts = [re.escape(first) + _trie(rests) for first, rests in sorted(branches.items())]
    return parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"


def _may_be_compound(word: str, words: frozenset[str]) -> bool:
    """Whether a table may know the first part of a compound or its last.

    The first as in ``Kreml-Sprecher`` (see ``_spokesperson``; also by its genitive or Swiss
    spelling, as ``lookup`` reads it), the last as in ``deutsch-französische``.
    """
    head = word.partition("-")[0]
    return (
        head in words
        or word.rpartition("-")[2] in words
        or "ss" in head
        or (head[-1:] == "s" and (head[:-1] in words or head[:-2] in words))
    )


def _may_derive(word: str, words: frozenset[str]) -> bool:
    """Whether ``word`` may be a city derivation (``Berliner``), see ``Gazetteer.demonym``."""
    for ending in ("erinnen", "erin", "ern"):
        if word.endswith(ending):
            word = word[: -len(ending)] + "er"
            break
    return word.endswith("er") and (
        word[:-2] in words
        or word[:-2] + "en" in words
        or word[:-3] + "en" in words
        or word[:-4] + "en" in words
    )


def _house_number(text: str, end: int) -> int:
    """The end of a street name including its house number (``Neuendorfer Straße 90c``)."""
    match = _HOUSE_NUMBER.match(text, end)
    return match.end() if match else end


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip()
    return not before or before[-1] in _SENTENCE_START


def _word_tail(text: str, end: int) -> str:
    """Letters glued to the end of a match (``""`` at a word boundary)."""
    stop = end
    while stop < len(text) and (text[stop].isalnum() or text[stop] == "-"):
        stop += 1
    return text[end:stop]


def _span(doc: Doc, start: int, end: int, entry: dict) -> Span | None:
    span = doc.char_span(start, end, label=entry["label"])
    if span is None and entry.get("prefix"):
        span = doc.char_span(start, end, label=entry["label"], alignment_mode="expand")
    return span if span is None else _with_value(span, entry)


def _value(entry: dict) -> dict:
    """The ``span._.factx_entity`` value of a gazetteer entry."""
    return {
        "name": entry["name"],
        "type": entry["type"],
        "country": entry["country"],
        "lat": entry["lat"],
        "lon": entry["lon"],
        "role": None,
    }


def _with_value(span: Span, entry: dict) -> Span:
    """``span`` with ``span._.factx_entity`` set from ``entry``."""
    value = _value(entry)
    if values_in_user_data():
        # What ``span._.factx_entity = value`` does, without building an Underscore
        # object per span (half the cost of a span).
        span.doc.user_data[("._.", "factx_entity", span.start_char, span.end_char)] = value
    else:
        span._.factx_entity = value
    return span


@Language.factory(
    "factx_entities",
    default_config={"demonyms": True, "city_derivations": True, "acronyms": True},
)
def make_entities(
    nlp: Language, name: str, demonyms: bool, city_derivations: bool, acronyms: bool
) -> EntityTagger:
    """Build the ``factx_entities`` component (no ``initialize()`` needed).

    Args:
        nlp: The pipeline.
        name: The component's name in the pipeline.
        demonyms: Tag ``nordkoreanische``/``Nordkoreaner`` as ``LOCderiv``.
        city_derivations: Tag ``Berliner``/``New Yorker`` as ``LOCderiv`` of the city.
        acronyms: Tag unknown acronyms (``IBM``, ``SLM``) as ``ORG`` with no country.
    """
    return EntityTagger(demonyms=demonyms, city_derivations=city_derivations, acronyms=acronyms)
