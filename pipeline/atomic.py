"""Files written whole or not at all: a reader (another process, a resumed run) never sees half a file.

Imports nothing heavy: the start-up caches (compiled patterns, the segmenter's dictionary, the tag table)
are written with it by modules a cold start imports anyway.
"""

from __future__ import annotations

import contextlib
import os
import tempfile


def write_bytes_atomic(target: str | os.PathLike[str], data: bytes, *, prefix: str | None = None) -> None:
    """Write ``data`` to a temporary file in ``target``'s folder, then rename it over ``target``.

    ``prefix`` names the temporary file (default ``.<name>.``, with ``.tmp`` after it); a failure leaves
    no temporary file behind and raises (``OSError`` for the file system's refusals)."""
    path = os.fspath(target)
    directory = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix=prefix if prefix is not None else f".{os.path.basename(path)}.",
                               suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
