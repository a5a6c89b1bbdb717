"""Attribution in German news: source noun phrases and the claims cue table.

Pure functions over text: find the noun phrase after ``laut`` or before ``zufolge``, the
person a pronoun (``berichtete er``) points back to, and compile ``data/de/claims.json``.
"""

import json
import re
from functools import lru_cache
from importlib.resources import files

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


@lru_cache(maxsize=1)
def claim_rules() -> dict:
    """The claims cue table with its regexes compiled."""
    table = json.loads((files("factx") / "data" / "de" / "claims.json").read_text("utf-8"))
    speech = table["speech_verbs"]
    # a rule id gets "+SPEECH" when its pattern needs a speech verb: skipped in sentences without
    patterns = [
        (
            p["id"] + ("+SPEECH" if "SPEECH" in p["pattern"] else ""),
            re.compile(p["pattern"].replace("SPEECH", speech)),
            p["direction"],
        )
        for p in table["source_patterns"]
    ]
    status = {
        name: (
            spec["scope"],
            re.compile(r"(?<![\w])(?:" + "|".join(initial_case(c) for c in spec["cues"]) + ")"),
        )
        for name, spec in table["status"].items()
    }
    return {
        "patterns": patterns,
        "speech": re.compile(r"(?<![\w])(?:" + speech + r")\b"),
        "source_nouns": re.compile(r"^(?:" + table["source_nouns"] + r")$"),
        "carry": re.compile(table["carry_cues"]),
        "status": status,
        "trigger": re.compile(
            r"(?:angaben|Angaben|[Ii]nformationen|[Kk]reisen|chätzung|Zahlen\s+d|Dekret|[Pp]länen|"
            r"(?<![\w])(?:[Ll]aut|zufolge|so\b|" + speech + r"))"
        ),
        "backward": re.compile(table["backward_attribution"].replace("SPEECH", speech)),
        "next_denial": re.compile(table["next_sentence_denial"]),
    }


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
