"""Attribution in German news: source noun phrases and the claims cue table.

Pure functions over text: find the noun phrase after ``laut`` or before ``zufolge``, the
person a pronoun (``berichtete er``) points back to, and compile ``data/de/claims.json``.
"""

import json
import re
from functools import lru_cache
from importlib.resources import files

from factx.extensions import WORD_CACHE_MAX
from factx.precompiled import compile_all
from factx.quantities import alternation, word_starts

DETERMINERS = frozenset(
    "der die das den dem des ein eine einer eines einem einen dieser diese diesem dessen".split()
)
WORD = re.compile(r"\([^()]{1,40}\)|[\w][\w\-:.']*")
ADJ = re.compile(r"^[a-zäöüß][\w\-]*(?:e|en|er|es|em)$")
NOT_NP = frozenset(
    "und oder aber dass wonach ob wie als nicht noch auch bereits zuvor heute gestern weiter "
    "am im in zu bei mit nach von vor seit für sich sie er es man wir dies jenes alle viele "
    "einige beide andere keine seine ihre hatte hatten habe haben werde werden wurde wurden "
    "sollte sollten könnte könnten müsse wolle sagte meldete erklärte".split()
)
RELATIVE = re.compile(r"\s*(?:die|der|das|denen|dem|deren|dessen|welche[rsnm]?)\b")
ARTICLE_BEFORE = re.compile(r"\b(?:das|die|der|den|dem|ein|eine|einen)\s+$")
TERMINATOR = re.compile(r"\b(?:aber|doch|jedoch|allerdings|dagegen|hingegen|sondern|während)\b|;")
STATUS_ORDER = ("denied", "planned", "hedged", "reported")


# Attribution triggers: found inside words ("Regierungsangaben") or at a word start ("laut").
_TRIGGER_IN_WORDS = (
    "angaben",
    "Angaben",
    "[Ii]nformationen",
    "[Kk]reisen",
    "chätzung",
    r"Zahlen\s+d",
    "Dekret",
    "[Pp]länen",
)
_TRIGGER_WORDS = ("[Ll]aut", "zufolge", r"so\b")
# A pattern that starts with look-behinds and a speech verb
_SPEECH_LED = re.compile(r"(?:\(\?<![^()]*\))*\\b\(\?:SPEECH\)")


#: The claims table's regexes compiled, shipped as data (see ``factx.precompiled``).
COMPILED = "claims.compiled.json"


@lru_cache(maxsize=1)
def claim_sources() -> dict:
    """The claims cue table with its regexes as pattern text (:func:`claim_rules` compiles)."""
    table = json.loads((files("factx") / "data" / "de" / "claims.json").read_text("utf-8"))
    speech = table["speech_verbs"]
    return {
        # "+SPEECH" on a rule id: its pattern needs a speech verb (skipped in sentences without)
        "patterns": [
            (
                p["id"] + ("+SPEECH" if "SPEECH" in p["pattern"] else ""),
                p["pattern"].replace("SPEECH", speech),
                p["direction"],
            )
            for p in table["source_patterns"]
        ],
        "status": {
            name: (
                spec["scope"],
                r"(?<![\w])(?:" + "|".join(initial_case(c) for c in spec["cues"]) + ")",
            )
            for name, spec in table["status"].items()
        },
        "speech": r"(?<![\w])(?:" + speech + r")\b",
        "source_nouns": r"^(?:" + table["source_nouns"] + r")$",
        "carry": table["carry_cues"],
        "trigger": "(?:"
        + "|".join(_TRIGGER_IN_WORDS)
        + r"|(?<![\w])(?:"
        + "|".join(_TRIGGER_WORDS)
        + "|"
        + speech
        + "))",
        # patterns whose matches start at a speech verb ("sagte der Sprecher")
        "speech_led": {
            p["id"] + "+SPEECH" for p in table["source_patterns"] if _SPEECH_LED.match(p["pattern"])
        },
        "backward": table["backward_attribution"].replace("SPEECH", speech),
        "next_denial": table["next_sentence_denial"],
    }


def claim_pattern_texts() -> list[str]:
    """Every regex of the claims table as pattern text, in a fixed order."""
    src = claim_sources()
    return [
        *(text for _, text, _ in src["patterns"]),
        *(text for _, text in src["status"].values()),
        *(src[key] for key in ("speech", "source_nouns", "carry", "trigger", "backward")),
        src["next_denial"],
    ]


@lru_cache(maxsize=1)
def claim_rules() -> dict:
    """The claims cue table with its regexes compiled."""
    src = claim_sources()
    texts = claim_pattern_texts()
    compiled = dict(zip(texts, compile_all(texts, COMPILED), strict=True))
    patterns = [
        (rule_id, compiled[text], direction) for rule_id, text, direction in src["patterns"]
    ]
    return {
        "patterns": patterns,
        "speech": compiled[src["speech"]],
        "source_nouns": compiled[src["source_nouns"]],
        "carry": compiled[src["carry"]],
        "status": {name: (scope, compiled[text]) for name, (scope, text) in src["status"].items()},
        "trigger": compiled[src["trigger"]],
        # the text every match of a source pattern holds (None: unknown), to skip sentences
        "required": {rule_id: required_text(p.pattern) for rule_id, p, _ in patterns},
        # the words a pattern's matches start with ("[Ll]aut" -> Laut, laut), where known
        "leading": {rule_id: leading_words(p.pattern) for rule_id, p, _ in patterns},
        "speech_led": src["speech_led"],
        "backward": compiled[src["backward"]],
        "next_denial": compiled[src["next_denial"]],
    }


def required_text(pattern: str) -> str | None:
    """The longest plain text that every match of ``pattern`` holds, or None if unsure.

    A conservative reading of the pattern: only characters outside groups and character
    classes, not made optional by a quantifier, in a pattern without a top-level ``|`` or a
    case-insensitive flag.
    """
    if "(?i" in pattern:
        return None
    best, run, depth, i = "", "", 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            if depth == 0:
                best, run = max(best, run, key=len), ""
            continue
        if c == "[":
            i = _class_end(pattern, i)
            if depth == 0:
                best, run = max(best, run, key=len), ""
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif depth == 0:
            if c == "|":
                return None
            if c in "?*{" and run:
                run = run[:-1]  # "s?", "s*", "s{0,2}": the character may be missing
            if c in ".^$?*+{":
                best, run = max(best, run, key=len), ""
                if c == "{":
                    i = pattern.index("}", i)
            else:
                run += c
        if depth != 0 and run:
            best, run = max(best, run, key=len), ""
        i += 1
    best = max(best, run, key=len)
    return best or None


_LEADING = re.compile(r"\\b(?:\[([^\W\d_])([^\W\d_])\])?([^\W\d_]+)")


def leading_words(pattern: str) -> tuple[str, ...] | None:
    """The words every match of ``pattern`` starts with, if it opens with one.

    ``\\b[Ll]aut\\s+...`` -> ("Laut", "laut"); None when the pattern opens otherwise or has a
    top-level ``|`` (then a match may start elsewhere).
    """
    m = _LEADING.match(pattern)
    if m is None or _top_level_bar(pattern):
        return None
    heads = [h for h in (m.group(1), m.group(2)) if h] or [""]
    return tuple(h + m.group(3) for h in heads)


def _top_level_bar(pattern: str) -> bool:
    """Whether ``pattern`` has a ``|`` outside groups and character classes."""
    depth, i = 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(pattern, i)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False


def _class_end(pattern: str, i: int) -> int:
    """The index after the character class that opens at ``pattern[i]``."""
    i += 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":
        i += 1
    while pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


def _spellings(alternative: str) -> tuple[list[str], bool]:
    """The words a trigger alternative starts with, and whether ``\\b`` follows them.

    ``"[Ii]nformationen"`` -> (["Informationen", "informationen"], False).
    """
    heads = [""]
    i = 0
    if alternative.startswith("[") and alternative[3:4] == "]":
        heads = list(alternative[1:3])
        i = 4
    m = re.match(r"[^\W\d_]+", alternative[i:])
    tail = m.group() if m else ""
    return [h + tail for h in heads], alternative[i + len(tail) :].startswith(r"\b")


@lru_cache(maxsize=1)
def trigger_needles() -> list[tuple[str, bool, bool, bool]] | None:
    """``(word, at word start, \\b after, speech verb)`` for every trigger alternative.

    Every match of the trigger (and of the speech verbs) starts where one of these words
    stands (at a word start where so marked); None if the speech verbs are not plain words.
    """
    speech = json.loads((files("factx") / "data" / "de" / "claims.json").read_text("utf-8"))[
        "speech_verbs"
    ].split("|")
    if not all(re.fullmatch(r"[^\W\d_]+(?: [^\W\d_]+)*", v) for v in speech):
        return None
    needles = []
    for alternatives, word_start in ((_TRIGGER_IN_WORDS, False), (_TRIGGER_WORDS, True)):
        for alternative in alternatives:
            words, boundary = _spellings(alternative)
            needles += [(w, word_start, boundary, False) for w in words]
    needles += [(v.split()[0], True, False, True) for v in dict.fromkeys(speech)]
    return needles


@lru_cache(maxsize=1)
def _needle_tests() -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """A search for the trigger words found inside words, and the words found at word starts."""
    needles = trigger_needles()
    if needles is None:
        return None
    inside = alternation(w for w, at_start, *_ in needles if not at_start)
    return inside, alternation(w for w, at_start, *_ in needles if at_start)


_MARKS: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {}
_NO_MARKS: tuple[tuple[int, ...], tuple[int, ...]] = ((), ())


def trigger_marks(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where in a token a trigger may start, and where a speech verb may start.

    Offsets into ``word``; a trigger or speech-verb match in a text starts at such an offset
    of the token it starts in (spaCy's tokenizer never splits a run of letters).
    """
    found = _MARKS.get(word)
    if found is not None:
        return found
    tests = _needle_tests()
    if tests is None:
        return _NO_MARKS
    inside, at_start = tests
    if word.isalnum():  # one word: a word starts only at its start
        if not at_start.match(word) and not inside.search(word):
            return _NO_MARKS
    elif not inside.search(word) and not any(at_start.match(word, k) for k in word_starts(word)):
        return _NO_MARKS
    triggers, speech = set(), set()
    for needle, word_start, boundary, is_speech in trigger_needles() or ():
        at = word.find(needle)
        while at >= 0:
            end = at + len(needle)
            if not (word_start and at and _is_word_char(word[at - 1])) and not (
                boundary and end < len(word) and _is_word_char(word[end])
            ):
                triggers.add(at)
                if is_speech:
                    speech.add(at)
            at = word.find(needle, at + 1)
    if len(_MARKS) >= WORD_CACHE_MAX:
        _MARKS.clear()
    found = _MARKS[word] = (tuple(sorted(triggers)), tuple(sorted(speech)))
    return found


def _is_word_char(c: str) -> bool:
    """Whether ``c`` is a regex word character (``\\w``)."""
    return c.isalnum() or c == "_"


def initial_case(cue: str) -> str:
    """Let a lower-case cue also match capitalised at the start of a sentence."""
    first = cue[:1]
    if first.isalpha() and first.islower():
        return f"[{first}{first.upper()}]{cue[1:]}"
    return cue


def last_person(entities, before: int, floor: int) -> tuple[int, dict] | None:
    """The person mentioned last before ``before`` ("..., berichtete er").

    ``entities`` is a :class:`factx.linking.Mentions`.
    """
    found = None
    for i, e in entities.within(floor, before):
        if e["end"] <= before and e["type"] == "person":
            found = (i, e)
    return found


def has_source_noun(phrase: str) -> bool:
    """Whether a noun phrase names a source: a ministry, a spokesman, "SPD-Politiker"."""
    nouns = claim_rules()["source_nouns"]
    return any(
        nouns.match(w) or nouns.match(w.rsplit("-", 1)[-1]) for w in re.findall(r"[\w\-]+", phrase)
    )


def np_forward(text: str, a: int, b: int) -> tuple[int | None, int]:
    """The noun phrase that starts at ``a``: determiner, adjectives, nouns and names."""
    start = end = None
    for m in WORD.finditer(text, a, b):
        w = m.group(0)
        if start is None and w.lower() in DETERMINERS:
            continue
        if w.startswith("("):
            if start is None:
                break
            end = m.end()
            continue
        if w[:1].isupper() or (ADJ.match(w) and w not in NOT_NP) or w in ("des", "der"):
            if start is None:
                start = m.start()
            end = m.end()
            continue
        break
    if start is None:
        return None, 0
    phrase = text[start:end]
    # a noun phrase ends in a noun or name: drop a trailing article or lower-case word
    phrase = re.sub(r"(?:\s+(?:des|der|[a-zäöüß][\w\-]*))+$", "", phrase)
    if not any(w[:1].isupper() for w in phrase.split()):
        return None, 0  # no noun: "nach Angaben waren ..." names nobody
    phrase = phrase.rstrip(".:")  # "sagte Präsident Selenskyj." ends the sentence, not the name
    return start, start + len(phrase)


def np_backward(text: str, a: int, b: int) -> tuple[int | None, int]:
    """The noun phrase that ends at ``b`` (before ``zufolge`` or a speech verb)."""
    words = list(WORD.finditer(text, a, b))
    start = None
    for m in reversed(words):
        w = m.group(0)
        if w[:1].isupper() or w.startswith("(") or (ADJ.match(w) and w not in NOT_NP):
            start = m.start()
            continue
        break
    if start is None:
        return None, 0
    end = words[-1].end() if words else b
    for m in words:  # "Dem NIS zufolge": the source is "NIS"
        if m.start() >= start and m.group(0).lower() in DETERMINERS and m.end() < end:
            start = m.end() + 1
        elif m.start() >= start:
            break
    return start, end


def prefix_country(phrase: str) -> str | None:
    try:
        from factx.gazetteer import load_gazetteer
    except ImportError:  # pragma: no cover
        return None
    gaz = load_gazetteer()
    for w in re.findall(r"[\w\-]+", phrase):
        entry = gaz.prefix(w) or gaz.demonym(w)
        if entry is not None and entry.get("country"):
            return entry["country"]
    return None
