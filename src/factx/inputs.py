"""Where articles come from: files, folders, stdin, path lists and JSONL — decoded safely.

Every input becomes a :class:`Source` that either holds its text or says, in one line, why it
could not be read; a bad file never stops the batch.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class Source:
    """One article to process, or the reason it can't be."""

    name: str  # the path, "-" for stdin, or the id of a JSONL record
    text: str | None = None
    published: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


class InputError(Exception):
    """A file that cannot be read as text; the message is one line."""


def iter_paths(paths: Iterable[str], glob: str = "*.txt") -> Iterator[Source | str]:
    """Expand files and folders (recursively, by ``glob``) into paths, in a stable order.

    Yields path strings, ``"-"`` for stdin, or a :class:`Source` with an error for a path that
    does not exist or a folder without matching files.
    """
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for sub in _walk(path, glob):
                found = True
                yield str(sub)
            if not found:
                yield Source(raw, error=f"no files matching {glob} in this folder")
        elif path.exists() or path.is_symlink():
            yield raw
        else:
            yield Source(raw, error="no such file or folder")


def _walk(root: Path, glob: str) -> Iterator[Path]:
    """Files under ``root`` matching ``glob``, sorted, following no symlinked folder twice."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
        except OSError:
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            continue  # a symlink loop
        seen.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        subdirs = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                subdirs.append(Path(entry.path))
            elif Path(entry.name).match(glob):
                yield Path(entry.path)
        stack.extend(reversed(subdirs))


def read_source(name: str, published: str | None = None) -> Source:
    """Read and decode one path (or ``-`` for stdin) into a :class:`Source`."""
    try:
        if name == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(name, "rb") as fh:
                data = fh.read()
    except IsADirectoryError:
        return Source(name, error="is a folder")
    except FileNotFoundError:
        return Source(name, error="no such file (it may have been removed)")
    except PermissionError:
        return Source(name, error="permission denied")
    except OSError as exc:
        return Source(name, error=exc.strerror or str(exc))
    try:
        text, warnings = decode(data)
    except InputError as exc:
        return Source(name, error=str(exc))
    if looks_like_html(text):
        text = html_to_text(text)
        warnings.append("HTML input: text extracted from the markup")
    return Source(name, text=text, published=published, warnings=warnings)


def decode(data: bytes) -> tuple[str, list[str]]:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else a detected encoding."""
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        return _normalise(data[3:].decode("utf-8", errors="replace")), warnings
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _normalise(data.decode("utf-16")), warnings
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 ({exc.reason})") from None
    try:
        return _normalise(data.decode("utf-8")), warnings
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not text")
    encoding = _detect(data)
    if encoding is None:
        raise InputError("binary file or unknown encoding, not text")
    warnings.append(f"not UTF-8; decoded as {encoding}")
    return _normalise(data.decode(encoding, errors="replace")), warnings


def _detect(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return "cp1252"
    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    enc = best.encoding
    # German text in a single-byte encoding is almost always Windows-1252 / Latin-1
    if enc in ("latin_1", "iso8859_15", "cp1250", "cp1252", "iso8859_2", "mac_roman"):
        return "cp1252"
    return enc


def _normalise(text: str) -> str:
    # Offsets refer to the text factx reads: CRLF becomes LF, like Python's universal newlines.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML document rather than plain text."""
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<body" in text.lower()


class _TextExtractor(HTMLParser):
    _SKIP = {"script", "style", "noscript", "head", "nav", "footer"}
    _BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "li", "article", "section", "tr", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):  # noqa: D102
        if tag in self._SKIP:
            self.skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):  # noqa: D102
        if tag in self._SKIP and self.skip:
            self.skip -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):  # noqa: D102
        if not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one paragraph per block element."""
    parser = _TextExtractor()
    parser.feed(html)
    text = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out, blank = [], False
    for line in lines:
        if line:
            out.append(line)
            blank = False
        elif not blank and out:
            out.append("")
            blank = True
    return "\n".join(out).strip() + "\n"


def iter_jsonl(stream, name: str) -> Iterator[Source]:
    """Articles from JSONL lines ``{"id": ..., "text": ..., "published": ...}``."""
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Source(where, error=f"invalid JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield Source(where, error='a JSONL record needs a "text" string')
            continue
        ident = obj.get("id")
        published = obj.get("published")
        yield Source(
            str(ident) if ident is not None else where,
            text=_normalise(obj["text"]),
            published=str(published) if published else None,
        )
