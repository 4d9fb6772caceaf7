"""Compiled regular expressions kept from one process to the next.

The stages build their patterns from lexicons, and Python compiles a character class such as
``[㐀-䶿一-鿿豈-\ufaff]`` by visiting every code point of its ranges in Python code: compiling the package's
patterns is about a sixth of the instructions of a one-article ``zhnews extract``. What ``re`` compiles a
pattern to (its opcode array, flags and groups) depends only on the pattern, the flags and the Python
build, so :func:`install` keeps it in a file in the temp dir, keyed by the exact Python version, and
gives ``re`` the stored result instead of compiling again.

Nothing changes about what a pattern matches: an entry holds exactly the arguments ``re`` passed to
``_sre.compile`` when it compiled the pattern, it is stored only after the pattern rebuilt from it
compared equal (opcodes, flags, pattern, groups) to the one ``re`` returned, and it is looked up by the
exact pattern string and flags. Only patterns slower to compile than ``_MIN_SECONDS`` are
stored; ``ZHNEWS_REGEX_CACHE=0`` switches the cache off.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import atexit
import contextlib
import hashlib
import marshal
import os
import re
import sys
import tempfile
import threading
import time
from array import array
from re import _compiler  # type: ignore[attr-defined]
from typing import Any

from .atomic import write_bytes_atomic

_FORMAT = "zhnews-re-1"
_MIN_SECONDS = 0.0003  # below this a pattern compiles about as fast as it is read back
_MAX_ENTRIES = 4000  # beyond this only the entries this process used are written back

#: (pattern, flags) -> (flags, opcodes as bytes, groups, groupindex, indexgroup)
_Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]

_original_compile = _compiler.compile
_table: dict[tuple[str, int], _Entry] | None = None
_new: dict[tuple[str, int], _Entry] = {}
_used: set[tuple[str, int]] = set()
_installed = False
_lock = threading.Lock()  # ``re._compiler`` sees the recorder only for the pattern being recorded


def cache_file() -> str:
    build = f"{_FORMAT}|{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}".encode()
    return os.path.join(tempfile.gettempdir(), f"zhnews-re.{hashlib.sha1(build).hexdigest()[:16]}.cache")


def install() -> bool:
    """Put the cache in front of ``re``'s compiler, once per process; False when it is switched off or
    this Python's ``re`` does not work the way it expects."""
    global _installed
    if _installed:
        return True
    if os.environ.get("ZHNEWS_REGEX_CACHE", "1") == "0" or array("I").itemsize != _sre.CODESIZE:
        return False
    probe = r"(?P<a>[一-鿿]{2,4})(?:说|表示)?(?=\d)"
    try:
        if not _same(_build(_entry(probe, 0), probe), _original_compile(probe, 0), probe):
            return False
    except Exception:  # another Python's internals: leave ``re`` alone
        return False
    _compiler.compile = _compile
    atexit.register(save)
    _installed = True
    return True


def _compile(p: Any, flags: int = 0) -> Any:
    if not isinstance(p, str) or flags & re.DEBUG:
        return _original_compile(p, flags)  # bytes (their LOCALE patterns depend on the locale), debug, parsed
    key = (p, int(flags))
    table = _load()
    found = table.get(key)
    if found is not None:
        try:
            pattern = _build(found, p)
        except (RuntimeError, TypeError, ValueError):  # an entry that does not fit: compiled as usual
            table.pop(key, None)
        else:
            _used.add(key)
            return pattern
    start = time.perf_counter()
    pattern, entry = _compile_recording(p, flags)
    if entry is not None and time.perf_counter() - start >= _MIN_SECONDS:
        with contextlib.suppress(RuntimeError, TypeError, ValueError):
            if _same(_build(entry, p), pattern, p):
                _new[key] = entry
    return pattern


class _Recorder:
    """``_sre`` as ``re._compiler`` sees it while one pattern is compiled: the same functions, and a
    ``compile`` that keeps the arguments it was called with."""

    def __init__(self) -> None:
        self.__dict__.update({name: getattr(_sre, name) for name in dir(_sre)
                              if not name.startswith("__") and name != "compile"})
        self.calls: list[tuple[Any, ...]] = []

    def compile(self, *args: Any) -> Any:
        self.calls.append(args)
        return _sre.compile(*args)


def _compile_recording(p: str, flags: int) -> tuple[Any, _Entry | None]:
    """``re``'s own compile, and what it handed to ``_sre.compile`` (None when that could not be seen)."""
    recorder = _Recorder()
    with _lock:
        _compiler._sre = recorder
        try:
            pattern = _original_compile(p, flags)
        finally:
            _compiler._sre = _sre
    if len(recorder.calls) != 1 or recorder.calls[0][0] is not p or len(recorder.calls[0]) != 6:
        return pattern, None
    _p, final_flags, code, groups, groupindex, indexgroup = recorder.calls[0]
    return pattern, (int(final_flags), array("I", code).tobytes(), int(groups), dict(groupindex), tuple(indexgroup))


def _entry(p: str, flags: int) -> _Entry:
    """The cache entry of one pattern."""
    entry = _compile_recording(p, flags)[1]
    if entry is None:
        raise ValueError("re compiled this pattern without _sre.compile")
    return entry


def _build(entry: _Entry, p: str) -> Any:
    flags, code, groups, groupindex, indexgroup = entry
    opcodes = array("I")
    opcodes.frombytes(code)
    return _sre.compile(p, flags, opcodes.tolist(), groups, groupindex, indexgroup)


def _same(rebuilt: Any, compiled: Any, p: str) -> bool:
    # Pattern equality compares flags, opcodes and the pattern string; the groups are compared here
    return (rebuilt == compiled and rebuilt.pattern == p and rebuilt.groups == compiled.groups
            and rebuilt.groupindex == compiled.groupindex)


def _load() -> dict[tuple[str, int], _Entry]:
    global _table
    if _table is None:
        _table = {}
        try:
            with open(cache_file(), "rb") as fh:
                fmt, version, entries = marshal.loads(fh.read())
            if fmt == _FORMAT and version == sys.version and isinstance(entries, dict):
                _table = entries
        except (OSError, EOFError, ValueError, TypeError):
            pass  # none yet, or broken: patterns are compiled as usual and the file written again
    return _table


def save() -> None:
    """Write the table back when this process compiled patterns it did not hold (at exit)."""
    if not _new:
        return
    table = _load()
    if len(table) + len(_new) > _MAX_ENTRIES:  # code that changed a lot: drop what this process never used
        table = {key: entry for key, entry in table.items() if key in _used}
    table.update(_new)
    _new.clear()
    target = cache_file()
    try:
        write_bytes_atomic(target, marshal.dumps((_FORMAT, sys.version, table)), prefix="zhnews-re.")
    except (OSError, ValueError):  # a read-only temp dir, or a table marshal cannot write: compiled again
        return
