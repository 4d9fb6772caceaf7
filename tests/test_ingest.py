"""Ingest: every encoding a newsroom's files come in decodes to the same text; bad input is named."""

from __future__ import annotations

import codecs

import pytest

from pipeline.ingest import IngestError, decode, read

TEXT = "海淀区委书记表示，“我们一直认为产学研用高水平的互动是关键环节。”\n２０２０年３月，企业2万余家。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "gbk", "utf-16-bom", "utf-16-le", "utf-16-be"],
)
def test_encodings_decode_to_the_same_text(data: bytes, encoding: str) -> None:
    raw = decode(data)
    assert raw.text == TEXT
    assert raw.encoding == encoding


def test_sha256_is_of_the_raw_bytes() -> None:
    import hashlib

    data = TEXT.encode("gb18030")
    assert decode(data).sha256 == hashlib.sha256(data).hexdigest()


def test_crlf_is_kept_in_the_raw_text() -> None:
    assert decode(TEXT.replace("\n", "\r\n").encode()).text == TEXT.replace("\n", "\r\n")


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "empty file"), (b"  \n\t\n", "whitespace"), (bytes(range(256)) * 20, "binary|encoding"),
     (b"\x00\x01\x02\x03" * 500, "binary|encoding")],
    ids=["empty", "whitespace", "binary", "nul-bytes"],
)
def test_bad_input_is_named(data: bytes, message: str) -> None:
    with pytest.raises(IngestError, match=message):
        decode(data)


def test_a_truncated_last_character_is_replaced_and_reported() -> None:
    raw = decode(TEXT.encode("utf-8")[:-2])  # cut inside the final "。\n"
    assert raw.text.startswith(TEXT[:20])
    assert raw.notes and "replaced" in raw.notes[0]


def test_too_large_is_refused_before_reading(tmp_path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(TEXT.encode() * 100)
    with pytest.raises(IngestError, match="too large"):
        read(big, max_bytes=1000)


def test_unreadable_paths(tmp_path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        read(tmp_path / "missing.txt")
    with pytest.raises(IngestError, match="directory"):
        read(tmp_path)
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "nowhere")
    with pytest.raises(IngestError, match="no such file"):
        read(link)
