"""Landing file bytes to text: gzip, byte-order marks and CSV encodings (docs/real-inputs.md §4).

JSON is UTF-8 by definition (RFC 8259), with or without a BOM. A CSV export is whatever the
spreadsheet saved: UTF-8 (BOM or not), else Windows-1252 (what Excel writes on Western
systems; it is Latin-1 plus printable characters in 0x80-0x9F), else Latin-1, which decodes
every byte. A per-source setting forces one encoding instead of detecting it.
"""

from __future__ import annotations

import codecs
import gzip
import zlib

from ingestion.files.manifest import LandingFile

BOM = "\ufeff"


class UnreadableFile(Exception):
    """A landing file that cannot be turned into text (its message is the quarantine reason)."""


def file_bytes(f: LandingFile) -> bytes:
    data = f.path.read_bytes()
    if not f.gzipped:
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise UnreadableFile(f"not a valid gzip file: {exc}") from None


def utf8_text(data: bytes) -> str:
    """UTF-8 text without its BOM; anything else is unreadable."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"not UTF-8: {exc}") from None


def csv_text(data: bytes, encoding: str | None = None) -> str:
    """A CSV export's text: `encoding` when given, else UTF-8 / Windows-1252 / Latin-1."""
    if encoding:
        codec = "utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise UnreadableFile(f"not {encoding} (the configured CSV encoding): {exc}") from None
        return text[1:] if text.startswith(BOM) else text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")
