"""Stage 1, ingest: raw bytes to decoded text, with the encoding that was used.

Every offset the pipeline writes indexes the string this stage returns (the *raw decoded text*),
so nothing here may add, drop or reorder characters after decoding.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

#: Files larger than this are refused with a clear error instead of exhausting a worker's memory.
DEFAULT_MAX_BYTES = 8 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Encodings a Chinese newsroom's files come in, tried in this order when detection is unsure.
_CHINESE_FALLBACKS = ("gb18030", "big5")


class IngestError(Exception):
    """An article that cannot be read as text; the message names the problem, the caller the file."""


@dataclass(frozen=True)
class RawText:
    text: str
    encoding: str
    sha256: str
    size: int
    #: problems that did not stop decoding (replaced bytes), reported in the summary's warnings
    notes: tuple[str, ...] = ()


def decode(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> RawText:
    """Decode an article's bytes; raise IngestError for input that is not a text article."""
    if len(data) > max_bytes:
        raise IngestError(f"file too large: {len(data):,} bytes (limit {max_bytes:,}; see --max-bytes)")
    if not data.strip():
        raise IngestError("empty file" if not data else "file holds only whitespace")
    sha = hashlib.sha256(data).hexdigest()
    try:
        text, encoding, notes = _decode_text(data)
    except IngestError:
        if _binary_bytes(data):
            raise IngestError("binary content: not a text file") from None
        raise
    if not text.strip():  # full-width spaces, a lone byte-order mark: still nothing to read
        raise IngestError("file holds only whitespace")
    if "\x00" in text or _control_ratio(text) > 0.05 or _implausible(text):
        raise IngestError("binary content: not a text file")
    return RawText(text=text, encoding=encoding, sha256=sha, size=len(data), notes=notes)


def read_bytes(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """An article file's bytes; a file that is too large is refused before it is read. Every command
    (extract, archive, review) reads through here, so a problem has the same message everywhere."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(f"file too large: {size:,} bytes (limit {max_bytes:,}; see --max-bytes)")
        return path.read_bytes()
    except IsADirectoryError as exc:
        raise IngestError("is a directory") from exc
    except FileNotFoundError as exc:
        raise IngestError("no such file") from exc
    except PermissionError as exc:
        raise IngestError("permission denied") from exc
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror or exc}") from exc


def read(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> RawText:
    return decode(read_bytes(path, max_bytes=max_bytes), max_bytes=max_bytes)


def _decode_text(data: bytes) -> tuple[str, str, tuple[str, ...]]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec, ()
            except UnicodeDecodeError as exc:
                raise IngestError(f"broken {codec} text after its byte-order mark at byte {exc.start}") from exc
    if b"\x00" in data[:4096] and _looks_like_utf16(data):
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                return data.decode(codec), codec, ()
            except UnicodeDecodeError:
                continue
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few broken bytes (a truncated last character, a pasted GBK fragment):
    # keep the text and say how many bytes were replaced rather than guessing another charset.
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    if bad and bad <= max(3, len(data) // 200) and _cjk_ratio(replaced) > 0.2:
        return replaced, "utf-8", (f"{bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD",)
    if _utf16_cjk(data[:4096]) and len(data) % 2 == 0:
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _cjk_ratio(text) > 0.6:
                return text, codec, ()
    from charset_normalizer import from_bytes  # only for what is neither UTF-8 nor UTF-16: not at every start

    best = from_bytes(data).best()
    if best is not None and best.encoding and _cjk_ratio(str(best)) > 0.2:
        return str(best), _canonical(best.encoding), ()
    for codec in _CHINESE_FALLBACKS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _cjk_ratio(text) > 0.2:
            return text, codec, ()
    if best is not None and best.encoding:
        return str(best), _canonical(best.encoding), ()
    raise IngestError("unknown encoding: neither UTF-8, UTF-16, GB18030 nor a charset that can be detected")


def _canonical(name: str) -> str:
    name = codecs.lookup(name).name
    # GBK and GB2312 files are GB18030 subsets; decoding with the superset loses nothing.
    return "gb18030" if name in {"gbk", "gb2312", "hz"} else name


def _looks_like_utf16(data: bytes) -> bool:
    """ASCII-heavy UTF-16 without a byte-order mark has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return False
    half = len(sample) / 2
    return max(sample[0::2].count(0), sample[1::2].count(0)) > 0.3 * half


def _utf16_cjk(sample: bytes) -> bool:
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample[: len(sample) // 2 * 2].decode(codec)
        except UnicodeDecodeError:
            continue
        if _cjk_ratio(text) > 0.6:
            return True
    return False


def _cjk_ratio(text: str) -> float:
    sample = text[:4000]
    letters = [c for c in sample if not c.isspace()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f") / len(letters)


# Scripts a news article is written in; text decoded from binary bytes falls mostly outside them.
_PLAUSIBLE = re.compile(r"[\t\n\r\x20-\x7e\u00a0-\u024f\u0370-\u04ff\u2000-\u206f\u2100-\u27bf"
                        r"\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f"
                        r"\uff00-\uffef]")


def _implausible(text: str) -> bool:
    sample = text[:8000]
    return bool(sample) and len(_PLAUSIBLE.findall(sample)) < 0.7 * len(sample)


_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\v")


def _binary_bytes(data: bytes) -> bool:
    """Bytes no charset reads as text, with the control bytes of a binary format among them: say
    "binary" rather than "unknown encoding", which would send the user looking for a charset."""
    sample = data[:8000]
    return len(sample) - len(sample.translate(None, _CONTROL_BYTES)) > 0.05 * len(sample)


def _control_ratio(text: str) -> float:
    sample = text[:8000]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f\v") or c == "\ufffd")
    return bad / len(sample)
