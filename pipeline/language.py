"""The spaCy pipeline: the tokenizer and the named stages, in order, in one place.

A newsroom that wants to switch a stage off or replace it edits ``COMPONENTS`` (or passes its own list
to ``get_nlp``); every stage is a registered spaCy component that reads the ``Doc`` and writes spans.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

# Importing the stage modules registers their components with spaCy.
from . import contacts, dates, figures, layout, organizations, people, places, quotes, segment  # noqa: F401

COMPONENTS: tuple[str, ...] = (
    "zhnews_layout",
    "zhnews_sentences",
    "zhnews_contacts",
    "zhnews_people",
    "zhnews_organizations",
    "zhnews_places",
    "zhnews_figures",
    "zhnews_dates",
    "zhnews_quotes",
)

#: characters per article the pipeline accepts (spaCy's own guard against runaway memory)
MAX_CHARS = 3_000_000


@cache
def get_nlp(components: tuple[str, ...] = COMPONENTS) -> Language:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "zhnews.jieba_tokenizer.v1"}}})
    nlp.max_length = MAX_CHARS
    for name in components:
        nlp.add_pipe(name)
    return nlp
