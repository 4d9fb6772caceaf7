"""The summary's JSON: ``to_json`` and ``to_json_line`` write the bytes of the standard library's
``json.dumps`` (the canonical form), whichever encoder writes them."""

from __future__ import annotations

import json
import types
import typing

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from pipeline import models
from pipeline.models import Article, Figure, Person, Summary


def reference(summary: Summary, *, line: bool = False) -> str:
    data = summary.model_dump(mode="json")
    if line:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _summary(text: str, values: list[float | None]) -> Summary:
    article = Article(id="a", source=text, sha256="0" * 64, encoding="utf-8", pipeline_version="test", title=text)
    figures = [Figure(text=text, value=v, low=v, high=None, span=(0, 1)) for v in values]
    return Summary(article=article, people=[Person(id="P1", name=text, titles=[text, ""], mentions=[(0, 2)])],
                   figures=figures)


def test_fresh_summaries_are_written_as_json_dumps_writes_them(summaries: dict[str, Summary]) -> None:
    for summary in summaries.values():
        assert summary.to_json() == reference(summary)
        assert summary.to_json_line() == reference(summary, line=True)


@settings(max_examples=300, deadline=None)
@given(st.text(), st.lists(st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True),
                                     st.integers(-10**17, 10**17).map(float),
                                     st.integers(1, 10**7).map(lambda n: n / 10**7)), max_size=6))
def test_any_text_and_float_is_written_as_json_dumps_writes_it(text: str, values: list[float | None]) -> None:
    """Control characters, quotes, backslashes, astral characters; floats Python writes with an exponent
    (1e-05, 1e+16), non-finite ones and ordinary ones."""
    summary = _summary(text, values)
    assert summary.to_json() == reference(summary)
    assert summary.to_json_line() == reference(summary, line=True)


def test_exponent_floats_keep_python_s_form() -> None:
    summary = _summary("十万分之一", [1e-05, 2e-06, 1e16, 0.0001])
    assert '"value": 1e-05' in summary.to_json() and '"value": 1e+16' in summary.to_json()


def _floats_in(model: type[BaseModel], seen: set[type]) -> set[tuple[str, str]]:
    found = set()
    seen.add(model)
    for name, field in model.model_fields.items():
        stack = [field.annotation]
        while stack:
            tp = stack.pop()
            if tp is float:
                found.add((model.__name__, name))
            elif isinstance(tp, type) and issubclass(tp, BaseModel):
                if tp not in seen:
                    found |= _floats_in(tp, seen)
            else:
                stack.extend(typing.get_args(tp) if isinstance(tp, types.UnionType) or typing.get_origin(tp)
                             else ())
    return found


def test_float_fields_list_is_complete() -> None:
    """``Summary._plain_floats`` checks the fields of ``FLOAT_FIELDS``: a new float field must join it."""
    assert _floats_in(Summary, set()) == set(models.FLOAT_FIELDS)
