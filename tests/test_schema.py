"""The published JSON Schema (docs/schema.json) is what the models generate, and the summaries the
project ships and writes validate against it with an ordinary JSON Schema tool."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from pipeline.models import Summary, json_schema

from .conftest import EXTRACTED, ROOT

SCHEMA_FILE = ROOT / "docs" / "schema.json"
GOLDEN_FILES = sorted(EXTRACTED.glob("*.json"))


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_published_schema_is_what_the_models_generate() -> None:
    published = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert published == json_schema(), "docs/schema.json is stale: run  zhnews schema -o docs/schema.json"


def test_published_schema_is_the_commands_output_byte_for_byte() -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app

    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.output == SCHEMA_FILE.read_text(encoding="utf-8")


@pytest.mark.parametrize("golden", GOLDEN_FILES, ids=[p.stem for p in GOLDEN_FILES])
def test_golden_file_validates(golden: Path, validator: Draft202012Validator) -> None:
    errors = sorted(validator.iter_errors(json.loads(golden.read_text(encoding="utf-8"))), key=str)
    assert not errors, f"{golden.name}: " + "; ".join(f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors)


def test_fresh_extraction_validates(summaries: dict[str, Summary], validator: Draft202012Validator) -> None:
    for article_id, summary in summaries.items():
        data = json.loads(summary.to_json())
        errors = list(validator.iter_errors(data))
        assert not errors, f"{article_id}: {errors[0].message} at {list(errors[0].path)}"


def test_schema_rejects_what_the_contract_forbids(summaries: dict[str, Summary],
                                                  validator: Draft202012Validator) -> None:
    good = json.loads(next(iter(summaries.values())).to_json())
    validator.validate(good)
    broken = []
    no_article = copy.deepcopy(good)
    del no_article["article"]
    broken.append(no_article)
    bad_span = copy.deepcopy(good)
    bad_span["figures"] = [{"text": "2万余家", "span": [1, 2, 3]}]
    broken.append(bad_span)
    bad_kind = copy.deepcopy(good)
    bad_kind["quotes"] = [{"id": "Q1", "text": "…", "kind": "shouted", "speaker": {"name": "于军"}, "span": [0, 1]}]
    broken.append(bad_kind)
    extra = copy.deepcopy(good)
    extra["article"]["unexpected"] = 1
    broken.append(extra)
    for data in broken:
        with pytest.raises(ValidationError):
            validator.validate(data)
