"""Where articles come from: files, folders, stdin, path lists and JSONL — decoded safely.

Every input becomes a :class:`Source` that holds its text, names a file still to be read, or
says in one line why it cannot be read; a bad file never stops the batch.
"""

from __future__ import annotations

import errno
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatch
from html.parser import HTMLParser
from typing import BinaryIO, TextIO

#: Suffixes whose files are always read as HTML.
HTML_SUFFIXES = (".html", ".htm", ".xhtml")

#: Single-byte encodings charset-normalizer reports for German text; Windows-1252 is a superset
#: of Latin-1's printable range and is what such files almost always are.
_WESTERN = frozenset(
    {
        "latin_1",
        "iso8859_15",
        "cp1250",
        "cp1252",
        "iso8859_2",
        "mac_roman",
        "mac_latin2",
        "cp850",
        "cp437",
        "iso8859_9",
        "cp1254",
        "iso8859_16",
    }
)
#: What the non-ASCII characters of German text read as Windows-1252 mostly are.
_GERMAN_CHARS = frozenset("äöüÄÖÜßé„“”‚‘’–—…€«»°§")
#: C0 controls other than tab, newline, form feed and carriage return: not in any text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_START = re.compile(
    r"\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<(?:!doctype\s+)?html)", re.I
)


@dataclass
class Source:
    """One article to process, a file still to be read, or the reason it can't be.

    Attributes:
        name: The path, ``-`` for stdin, or the id of a JSONL record (what error lines and the
            record's ``source`` field show).
        text: The decoded text, or None while unread or when it failed.
        published: Publication date given for this input (``--date`` or the JSONL field).
        error: Why the input failed, one line; None when it did not.
        warnings: Notes about how it was read (a guessed encoding, HTML markup removed).
        path: A file to read when its turn comes (possibly in a worker process).
    """

    name: str
    text: str | None = None
    published: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    path: str | None = None

    @property
    def pending(self) -> bool:
        """Whether the text still has to be read from :attr:`path`."""
        return self.path is not None and self.text is None and self.error is None


class InputError(Exception):
    """A file that cannot be read as text; the message is one line."""


def iter_paths(paths: Iterable[str], glob: str = "*.txt") -> Iterator[Source | str]:
    """Expand files and folders (recursively, by ``glob``) into paths, in a stable order.

    Yields path strings, ``"-"`` for stdin, or a :class:`Source` with an error for a path that
    does not exist or a folder without matching files. Files named explicitly are taken
    whatever their name; ``glob`` applies to what is found inside folders.
    """
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        try:
            is_dir = os.path.isdir(raw)
        except (OSError, ValueError):
            is_dir = False
        if is_dir:
            found = False
            for sub in _walk(raw, glob):
                found = True
                yield sub
            if not found:
                yield Source(raw, error=f"no files matching {glob} in this folder")
        elif os.path.lexists(raw):
            yield raw  # a dangling link or a link loop fails, with its reason, when read
        else:
            yield Source(raw, error="no such file or folder")


def _walk(root: str, glob: str) -> Iterator[str]:
    """Files under ``root`` matching ``glob``, sorted, entering no folder twice (link loops)."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = os.stat(folder)
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue  # an unreadable folder: nothing in it can be named in an error either
        if (st.st_dev, st.st_ino) in seen:
            continue
        seen.add((st.st_dev, st.st_ino))
        subdirs = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                subdirs.append(entry.path)
            elif fnmatch(entry.name, glob):
                yield entry.path
        stack.extend(reversed(subdirs))


def read_source(name: str, published: str | None = None) -> Source:
    """Read and decode one path (or ``-`` for stdin) into a :class:`Source`."""
    try:
        data = _read_bytes(name)
    except OSError as exc:
        return Source(name, published=published, error=os_reason(exc))
    try:
        text, warnings = decode(data)
    except InputError as exc:
        return Source(name, published=published, error=str(exc))
    if name.lower().endswith(HTML_SUFFIXES) or looks_like_html(text):
        text = html_to_text(text)
        warnings.append("HTML input: text extracted from the markup")
    return Source(name, text=text, published=published, warnings=warnings)


def load(src: Source) -> Source:
    """``src`` with its text read if it was pending, else ``src`` itself."""
    if not src.pending:
        return src
    assert src.path is not None
    read = read_source(src.path, src.published)
    read.name = src.name
    return read


def _read_bytes(name: str) -> bytes:
    if name == "-":
        return _stdin_bytes(sys.stdin)
    with open(name, "rb") as fh:
        return fh.read()


def _stdin_bytes(stream: TextIO | BinaryIO) -> bytes:
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return buffer.read()
    data = stream.read()
    return data.encode("utf-8") if isinstance(data, str) else data


def os_reason(exc: OSError) -> str:
    """A one-line, lower-case reason for a failed read."""
    if isinstance(exc, IsADirectoryError):
        return "is a folder"
    if isinstance(exc, FileNotFoundError):
        return "no such file (it may have been removed)"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    reason = exc.strerror or str(exc)
    return reason[:1].lower() + reason[1:]


def decode(data: bytes) -> tuple[str, list[str]]:
    """Bytes to text: UTF-8 (BOM or not), UTF-16/32 with BOM, else a detected encoding.

    Returns:
        The text (CRLF and CR turned into LF) and warnings (a guessed encoding).

    Raises:
        InputError: For binary data.
    """
    warnings: list[str] = []
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {encoding.upper()} ({exc.reason})") from None
            return _checked(_normalise(text)), warnings
    if b"\x00" in data[:65536]:
        raise InputError("binary file, not text")
    try:
        return _checked(_normalise(data.decode("utf-8"))), warnings
    except UnicodeDecodeError:
        pass
    encoding = _detect(data)
    warnings.append(f"not UTF-8; decoded as {encoding}")
    return _checked(_normalise(data.decode(encoding, errors="replace"))), warnings


def _checked(text: str) -> str:
    # Text has no control characters beyond a stray one; many of them means a binary file.
    head = text[:65536]
    if head and len(_CONTROL.findall(head)) > max(2, len(head) // 100):
        raise InputError("binary file, not text")
    return text


def _detect(data: bytes) -> str:
    """The encoding of bytes that are not UTF-8: Windows-1252 when they read as German in it,
    else charset-normalizer's guess."""
    try:
        western = data[:200_000].decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None:
        # Short texts fool detectors (cp1250, KOI8, UTF-16 without a NUL); umlauts, ß and
        # German quotes and dashes are what a German text's non-ASCII bytes mostly are.
        high = [c for c in western if ord(c) > 127]
        if sum(c in _GERMAN_CHARS for c in high) * 2 >= len(high):
            return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        return "cp1252"
    encoding = best.encoding
    if encoding in _WESTERN or encoding.startswith(("utf_16", "utf_32", "utf_8")):
        return "cp1252"
    return encoding


def _normalise(text: str) -> str:
    # Offsets refer to the text factx reads: CRLF becomes LF, like Python's universal newlines.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML document rather than plain text."""
    return _HTML_START.match(text[:1000]) is not None


class _TextExtractor(HTMLParser):
    _SKIP = frozenset({"script", "style", "noscript", "head", "nav", "footer", "template"})
    _BLOCK = frozenset(
        {
            "p",
            "div",
            "br",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "li",
            "article",
            "section",
            "tr",
            "title",
            "blockquote",
            "header",
            "main",
            "figcaption",
            "dd",
            "dt",
            "pre",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self._SKIP:
            self.skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one paragraph per block element."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip() + "\n"


def iter_jsonl(stream: Iterable[str], name: str, published: str | None = None) -> Iterator[Source]:
    """Articles from JSONL lines ``{"id": ..., "text": ..., "published": ...}``.

    Args:
        stream: The lines.
        name: The file's name, for ``name:LINE`` in errors and records without an id.
        published: A date that overrides each record's own (``--date``).
    """
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Source(where, error=f"invalid JSON ({exc.msg}, column {exc.colno})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield Source(where, error='a JSONL record needs a "text" string')
            continue
        ident = obj.get("id")
        own = obj.get("published")
        if own is not None and not isinstance(own, str):
            yield Source(where, error='"published" must be a string such as "2024-10-23"')
            continue
        yield Source(
            str(ident) if ident is not None else where,
            text=_normalise(obj["text"]),
            published=published or own or None,
        )
