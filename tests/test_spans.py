"""Span groups on the Doc: the kept token table and the token splits ``set_spans`` makes (synthetic texts)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.clean import identity
from pipeline.language import get_nlp
from pipeline.spans import Match, doc_text, ensure_boundaries, info_of, set_spans, token_spans, token_starts

TEXT = "海淀区委书记王一表示，中关村科学城的企业有2万余家。北京市科委主任李二说，明年再增加一倍。"


def make_doc(text: str = TEXT):
    doc = get_nlp().make_doc(text)
    doc._.clean = identity(text)
    doc._.meta = {}
    return doc


def fresh_tokens(doc) -> list[tuple[int, int, str]]:
    return [(t.idx, t.idx + len(t.text), t.text) for t in doc]


def test_kept_token_table_follows_splits() -> None:
    doc = make_doc()
    assert token_spans(doc) == fresh_tokens(doc)
    n = len(doc)
    # offsets inside words: the kept table must show the split tokens without being read again
    set_spans(doc, "a", [Match(1, 3, "X", "test"), Match(TEXT.index("书记") + 1, TEXT.index("王一") + 1, "Y", "test")])
    assert len(doc) > n
    assert token_spans(doc) == fresh_tokens(doc)
    assert token_starts(doc) == [t.idx for t in doc]


def test_earlier_groups_keep_their_offsets_across_a_split() -> None:
    doc = make_doc()
    wang, li = TEXT.index("王一"), TEXT.index("李二")
    set_spans(doc, "people", [Match(wang, wang + 2, "PERSON", "test", attrs={"name": "王一"}),
                              Match(li, li + 2, "PERSON", "test")])
    before = [(s.start_char, s.end_char, s.label_, s.text) for s in doc.spans["people"]]
    science = TEXT.index("科学")
    set_spans(doc, "cut", [Match(1, 2, "X", "test"), Match(science + 1, science + 3, "X", "test")])
    after = [(s.start_char, s.end_char, s.label_, s.text) for s in doc.spans["people"]]
    assert after == before
    for span in doc.spans["people"]:  # the same token indices a fresh lookup finds
        again = doc.char_span(span.start_char, span.end_char)
        assert (again.start, again.end) == (span.start, span.end)
    assert info_of(doc.spans["people"][0])["name"] == "王一"


def test_a_doc_retokenized_elsewhere_gets_a_new_table() -> None:
    doc = make_doc()
    token_spans(doc)
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:3])
    assert token_spans(doc) == fresh_tokens(doc)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(TEXT)), st.integers(1, 6)), max_size=12))
def test_spans_match_char_span_at_any_offsets(cuts: list[tuple[int, int]]) -> None:
    """Whatever offsets the matches have, each span is the one spaCy's strict ``char_span`` gives after the
    split, and every earlier group still covers its characters."""
    doc = make_doc()
    set_spans(doc, "first", [Match(a, min(len(TEXT), a + n), "F", "test") for a, n in cuts[::2] if a < len(TEXT)])
    first = [(s.start_char, s.end_char) for s in doc.spans["first"]]
    spans = set_spans(doc, "second", [Match(a, min(len(TEXT), a + n), "S", "test") for a, n in cuts[1::2]
                                      if a < len(TEXT)])
    assert token_spans(doc) == fresh_tokens(doc)
    for span in spans:
        strict = doc.char_span(span.start_char, span.end_char, label="S")
        assert strict is not None and (strict.start, strict.end) == (span.start, span.end)
    assert [(s.start_char, s.end_char) for s in doc.spans["first"]] == first


def test_ensure_boundaries_leaves_aligned_offsets_alone() -> None:
    doc = make_doc()
    n = len(doc)
    ensure_boundaries(doc, [t.idx for t in doc] + [0, len(TEXT), -1, len(TEXT) + 5])
    assert len(doc) == n


def test_doc_text_is_the_clean_text_object() -> None:
    """Read from where spaCy keeps ``doc._.clean``, not rebuilt from the tokens."""
    doc = make_doc()
    assert doc_text(doc) is doc._.clean.text
    bare = get_nlp().make_doc(TEXT)
    assert doc_text(bare) == TEXT
