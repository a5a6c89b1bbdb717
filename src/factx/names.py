"""German person names and roles: the lexicon and the word tests of ``factx_persons``.

Pure functions over words, no spaCy pipeline: what a role word is (``US-Verteidigungsminister``
→ role and country), whether a capitalised word can be a name, and the regular expressions the
component combines. The tables are ``data/de/roles.json`` and ``data/de/given_names.json``.
"""

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from spacy.lang.de.stop_words import STOP_WORDS

UPPER = "A-ZÄÖÜÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶŁŃŅŇŌŐŒŘŚŞŠŢŤŪŮŰŲŹŻŽ"
LOWER = "a-zäöüßà-öø-ÿāăąćčďđēėęěğīįıķłńņňōőœřśşšţťūůűųźżž"
#: A capitalised word (``Selenskyj``, ``Seong-kweun``, ``US-Verteidigungsminister``) or a title.
_REST = rf"[{UPPER}{LOWER}0-9'’]"
ARABIC = ("al", "el", "ad", "as", "at", "ash", "ibn", "bin", "abu", "abd")
_ARABIC = rf"(?:{'|'.join(ARABIC)})-"
WORD = (
    rf"(?:Dr\.|Prof\.|[{UPPER}]\.|{_ARABIC}[{UPPER}]{_REST}*"
    rf"|[{UPPER}]{_REST}*(?:-[{UPPER}{LOWER}0-9]{_REST}*)*)"
)
INITIAL = re.compile(rf"[{UPPER}]\.")
#: A word that can be part of a name: ``Rutte``, ``McCain``, ``O'Brien``, ``Frank-Walter``.
NAME_WORD = re.compile(
    rf"(?:Mc|Mac|O['’]|D['’]|{_ARABIC})?[{UPPER}][{LOWER}]+(?:['’][{LOWER}]+)?"
    rf"(?:-[{UPPER}{LOWER}][{LOWER}]+)*"
)
#: German noun endings that surnames (almost) never have: ``Regierung``, ``Ministerium``.
NOUN_ENDINGS = (
    "ung|ungen|heit|heiten|keit|keiten|schaft|schaften|tion|tionen|ismus|ität|itäten|nis|"
    "nisse|ium|ien|tum|tümer|chen|lein|erei|ament|ument|tur|turen"
).split("|")
NOUNISH = re.compile(rf"[a-zäöüß]{{2}}(?:{'|'.join(NOUN_ENDINGS)}|[a-zäöü]{{3}}ei)$")
#: One romanised Korean or Chinese syllable (``Tae``, ``Seong``, ``kweun``, ``Jin``, ``ping``).
SYLLABLE = (
    r"(?:ch|sh|zh|ts|kk|tt|pp|ss|jj|[bcdfghjklmnpqrstwxz])?[wy]?[aeiouü]{1,3}(?:ng|n|m|l|k|p|t|r)?"
)
SYLLABIC = re.compile(rf"(?i:{SYLLABLE}(?:{SYLLABLE})?(?:-{SYLLABLE})?)")
ENDINGS = "innen|in|en|es|n|s|e|r|m"
#: What may stand between a role and its name after a comma (``Der Leiter des ukrainischen
#: Militärgeheimdienstes, Kyrylo Budanow``): up to two article-led phrases.
APPOSITION = re.compile(
    rf"(?P<gen>(?: +(?:des|der|dem|den|von|vom|für|im|am|beim|zur|zum|in)"
    rf"(?: +(?:[{LOWER}]+(?:e|en|er|es|em)|{WORD})){{1,4}}){{0,2}}) *, +"
)
#: Verbs of saying right before a bare surname: ``", sagte Barth."``, ``so Scholz``.
SPEECH_VERBS = (
    "sagte|sagt|sagten|so|erklärte|betonte|meinte|kritisierte|warnte|forderte|schrieb|"
    "ergänzte|bestätigte|räumte|fügte|argumentierte|versicherte|unterstrich|erwiderte"
).split("|")
SPEECH_BEFORE = re.compile(rf"\b(?:{'|'.join(SPEECH_VERBS)}) +$")
SPEECH_AFTER = re.compile(
    r" *(?:[.,;:!?]|(?:am|im|gegenüber|der|dem|in|bei|auf|vor|nach|zu|laut|zufolge|weiter)\b)"
)
#: What stands before a common noun but rarely before a bare given name.
NOUN_BEFORE = re.compile(
    r"(?:\b(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines|ins|im|zum|zur|beim|vom|"
    r"am|kein\w*|mein\w*|dein\w*|sein\w*|ihr\w*|unser\w*|dies\w*|jede\w*|alle\w*|viele\w*|"
    r"beide\w*|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|\w+zig|hundert|"
    r"tausend|[a-zäöüß]+(?:e|en|er|es|em))|\d[\d.,]*|Mio\.|Mrd\.|St *\.?|Sankt|San|Santa)"
    r" *[\"„“»«]? *$"
)
#: An age in brackets after a name: ``Ali Y. (26)``.
AGE_AFTER = re.compile(r" *\( *\d{1,3} *\)")
#: The same age on its own, to find in a whole text (a pattern that starts with a literal).
AGE = re.compile(r"\( *\d{1,3} *\)")
#: A run of letters starting with a capital: a name word up to its first hyphen, apostrophe or
#: digit, or the last part of ``US-Verteidigungsminister``. Every word a person can start with
#: begins such a run, and finding the runs is the cheapest scan of a whole text.
CAPITALISED = re.compile(rf"[{UPPER}][{UPPER}{LOWER}]*")
#: The letters of ``UPPER`` and ``LOWER`` (the characters a capitalised run consists of).
LETTERS = frozenset(
    c for c in map(chr, range(0x250)) if re.fullmatch(rf"[{UPPER}{LOWER}]", c) is not None
)
#: The characters a word sequence may hold besides spaces (``Lexicon.sequence``).
SEQUENCE = rf"{UPPER}{LOWER}0-9'’.\-"
#: Those characters and the space, as a set: a character not in it ends every sequence.
IN_SEQUENCE = frozenset(
    c for c in [*map(chr, range(0x250)), "’"] if re.fullmatch(rf"[{SEQUENCE} ]", c) is not None
)
LIST_SEP = re.compile(r"(?: *, *| +(?:und|sowie|oder) +)")
CLOSING = re.compile(r" *(?:[,.;:!?()\[\]–—\"“”„]|$)")


def trie(words: Iterable[str]) -> str:
    """A regular expression matching exactly ``words``, factored by common prefixes.

    ``re`` tries the branches of an alternation one after the other; a trie tries one letter.
    """
    tails: dict[str, list[str]] = {}
    for word in set(words):
        tails.setdefault(word[:1], []).append(word[1:])
    branches = []
    for head, rest in sorted(tails.items()):
        if not head:
            continue
        sub = trie(rest)
        if not sub:
            branches.append(re.escape(head))
        else:
            branches.append(f"{re.escape(head)}(?:{sub}){'?' if '' in rest else ''}")
    return "|".join(branches)


_VERBS_REVERSED = trie(verb[::-1] for verb in SPEECH_VERBS)
#: In the reversed text: the first letter of a name word, spaces (the group) and a verb of
#: saying (``Barth etgas``, ``dassA-la os``). Read forward, the verbs would be tried at almost
#: every letter; backwards, only at capitals and at hyphens.
SPEECH_REVERSED = (
    re.compile(rf"[{UPPER}]\n?( +)(?:{_VERBS_REVERSED})"),
    re.compile(rf"-(?:{trie(a[::-1] for a in ARABIC)})\n?( +)(?:{_VERBS_REVERSED})"),
)


@dataclass(frozen=True)
class Lexicon:
    """The data of ``roles.json`` and ``given_names.json``, compiled."""

    role: re.Pattern[str]
    not_roles: frozenset[str]
    honorifics: frozenset[str]
    titles: frozenset[str]
    prefix_countries: dict[str, str]
    particles: frozenset[str]
    east_asian: frozenset[str]
    not_names: frozenset[str]
    org_heads: frozenset[str]
    place_prefixes: frozenset[str]
    given: frozenset[str]
    sequence: re.Pattern[str]
    word: re.Pattern[str]
    #: Capitalised runs that may begin a name: given names (and the first part of hyphenated
    #: ones), East Asian family names, honorifics and titles without their dot.
    starters: frozenset[str]
    #: ``NOUNISH`` for the reversed word, with ``match`` (one try instead of one per letter).
    nounish_reversed: re.Pattern[str]
    #: In reversed words between newlines: a role word without its prefix
    #: (``niretsinimznaniF``) or a capital (an initial). Read from its end, a role word is told
    #: in a few letters. (One pattern for both uses: it takes 10 ms to compile.)
    starts_reversed: re.Pattern[str]
    #: Reversed text: the nearest point before an offset that no word sequence spans.
    seq_break: re.Pattern[str]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read the person lexicons shipped under ``factx/data/de`` once."""
    base = files("factx") / "data" / "de"
    roles = json.loads((base / "roles.json").read_text(encoding="utf-8"))
    given = json.loads((base / "given_names.json").read_text(encoding="utf-8"))["names"]
    heads = sorted(roles["heads"], key=len, reverse=True)
    lower = "|".join(map(re.escape, heads))
    upper = "|".join(re.escape(h[:1].upper() + h[1:]) for h in heads)
    particles = "|".join(map(re.escape, sorted(roles["particles"], key=len, reverse=True)))
    body = rf"(?P<body>[{UPPER}][{LOWER}]*?(?:{lower})|(?:{upper}))(?P<end>{ENDINGS})?"
    endings = [*ENDINGS.split("|"), ""]
    forms = [*heads, *(h[:1].upper() + h[1:] for h in heads)]
    # Characters a word sequence may hold; a lowercase word between spaces that is no particle
    # is never part of one (read backwards: ``sagte`` is ``etgas``).
    seq = SEQUENCE
    backwards = "|".join(re.escape(p[::-1]) for p in roles["particles"])
    given_set = frozenset(given)
    role_reversed = (
        rf"(?:{trie(e[::-1] for e in endings[:-1])})?"
        rf"(?:(?:{trie(h[::-1] for h in heads)})[{LOWER}]*[{UPPER}]"
        rf"|{trie(f[::-1] for f in forms[len(heads) :])})"
    )
    return Lexicon(
        role=re.compile(rf"(?P<prefix>(?:[{UPPER}{LOWER}0-9.]+-)+)?{body}"),
        not_roles=frozenset(roles["not_roles"]),
        honorifics=frozenset(roles["honorifics"]),
        titles=frozenset(roles["titles"]),
        prefix_countries=roles["prefix_countries"],
        particles=frozenset(roles["particles"]),
        east_asian=frozenset(roles["east_asian_family_names"]),
        not_names=frozenset(roles["not_names"]),
        org_heads=frozenset(roles["org_heads"]),
        place_prefixes=frozenset(roles["place_prefixes"]),
        given=given_set,
        sequence=re.compile(rf"(?<![\w-]){WORD}(?:(?: +(?:{particles})(?!\w))* +{WORD})*"),
        word=re.compile(rf"{WORD}|(?:{particles})(?!\w)"),
        starters=given_set
        | {g.split("-")[0] for g in given_set}
        | frozenset(roles["east_asian_family_names"])
        | frozenset(roles["honorifics"])
        | {t.rstrip(".") for t in roles["titles"]},
        nounish_reversed=re.compile(
            rf"(?:{trie(e[::-1] for e in NOUN_ENDINGS)}|ie[a-zäöü]{{3}})[a-zäöüß]{{2}}"
        ),
        starts_reversed=re.compile(rf"\n((?:{role_reversed})|[{UPPER}])(?=\n)"),
        seq_break=re.compile(rf"[^{seq} ]| (?!(?:{backwards})(?![{LOWER}]))[{LOWER}]+(?![{seq}])"),
    )


@lru_cache(maxsize=1)
def _gazetteer() -> Any:
    # The gazetteer is optional: without it countries come from roles.json only.
    try:
        from factx.gazetteer import load_gazetteer
    except ImportError:
        return None
    return load_gazetteer()


@lru_cache(maxsize=65536)
def role_of(word: str) -> tuple[str, str | None] | None:
    """The canonical role and country a role word names.

    Args:
        word: One token, e.g. ``"US-Verteidigungsministerin"``.

    Returns:
        ``("Verteidigungsministerin", "US")``; ``None`` when the word is not a role.
    """
    lex = load_lexicon()
    # A role word ends in a role (after its last hyphen); read backwards, most words fail at
    # once, where the full pattern would try every head at every letter.
    if lex.starts_reversed.match(f"\n{word[word.rfind('-') + 1 :][::-1]}\n") is None:
        return None
    m = lex.role.fullmatch(word)
    if m is None or word in lex.not_roles or m["body"] in lex.not_roles:
        return None
    body, prefix = m["body"], (m["prefix"] or "")[:-1]
    role = body + ("in" if m["end"] in ("in", "innen") else "")
    country = None
    if prefix:
        country = lex.prefix_countries.get(prefix)
        entry = None if country else lookup(prefix)
        if entry is not None:
            country = entry.get("country")
        if country is None or (entry is not None and entry.get("type") != "country"):
            role = f"{prefix}-{role}"  # NATO-Sprecherin: the organisation is part of the role
    else:
        for key, code in lex.prefix_countries.items():
            if body.startswith(key) and len(body) > len(key):
                country = code
    return role, country


@lru_cache(maxsize=65536)
def lookup(word: str) -> dict[str, Any] | None:
    """The gazetteer entry (or demonym) a word names, if the gazetteer is available.

    Cached: names recur across articles (callers only read the entry).
    """
    gaz = _gazetteer()
    if gaz is None or not word:  # "s" before a role leaves an empty genitive stem
        return None
    return gaz.lookup(word) or gaz.demonym(word)


@lru_cache(maxsize=65536)
def name_ok(word: str, strong: bool = False, first: bool = True) -> bool:
    """Whether a capitalised word can be part of a person's name.

    Args:
        word: One token.
        strong: A name word precedes, so a city or organisation name (``Austin``, ``Wagner``)
            may be a surname; a country or region may not.
        first: The word starts the name. Only there can a capitalised function word be a
            sentence start (``Die``); inside a name it is a surname (``Jung``, ``Groß``).
    """
    lex = load_lexicon()
    if not NAME_WORD.fullmatch(word) or word in lex.not_names or word in lex.org_heads:
        return False
    if first and word.lower() in STOP_WORDS:
        return False
    if lex.nounish_reversed.match(word[::-1]) or role_of(word) or word in lex.honorifics:
        return False
    entry = lookup(word)
    return entry is None or (strong and entry.get("type") in ("city", "organization", "group"))
