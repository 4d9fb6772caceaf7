"""Files written whole or not at all (the output JSON, the start-up caches)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.atomic import write_bytes_atomic


def test_writes_the_bytes_and_replaces_an_older_file(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    write_bytes_atomic(target, b"new \x00 bytes")
    assert target.read_bytes() == b"new \x00 bytes"
    write_bytes_atomic(str(target), b"again", prefix="zhnews-test.")
    assert target.read_bytes() == b"again"
    assert os.listdir(tmp_path) == ["out.bin"]  # no temporary file left


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")

    def refuse(src: str, dst: str) -> None:
        raise OSError("refused")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["out.bin"]


def test_a_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_bytes_atomic(tmp_path / "no" / "such" / "out.bin", b"x")
