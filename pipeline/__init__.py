"""zhnews: who said what, with which figures, in Chinese news articles.

``pipeline.extract(text_or_path)`` runs the whole pipeline on one article and returns its ``Summary``.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from . import regex_cache
from .startup import defer_spacy_cli

# before anything imports spaCy: its command-line half (a third of ``import spacy``) waits until used
defer_spacy_cli()
# before the stages compile their patterns: what they compile to is read back from the last run
regex_cache.install()

try:
    __version__ = version("zhnews")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"

__all__ = ["__version__", "extract"]


def extract(text_or_path, **kwargs):
    from .api import extract as _extract

    return _extract(text_or_path, **kwargs)
