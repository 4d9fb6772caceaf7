"""The places stage: countries, administrative divisions and their short forms, towns, named zones."""

from __future__ import annotations

from pipeline.api import extract
from pipeline.models import Summary


def places(text: str) -> dict[str, str]:
    return {p.name: p.kind for p in extract(text).places}


def test_short_and_full_forms_are_one_place() -> None:
    s = extract("海淀区出台了政策。海淀近期还将建设人才驿站。")
    (place,) = s.places
    assert place.name == "海淀区"
    assert len(place.mentions) == 2


def test_countries_and_regions() -> None:
    found = places("中国企业在美国和南非设立子公司，京津冀协同仍有提升空间。")
    assert {"中国", "美国", "南非", "京津冀"} <= set(found)
    assert found["美国"] == "country"


def test_named_zones() -> None:
    found = places("北京自贸区科技创新片区包括中关村科学城和北京生命科学园。")
    assert {"北京自贸区科技创新片区", "中关村科学城", "北京生命科学园"} <= set(found)


def test_towns_and_villages_after_a_division() -> None:
    found = places("贵州金沙县沙土镇纪委书记王成说，山西省柳林县下三交镇坪上村发展很快。")
    assert {"金沙县", "山西省", "柳林县"} <= set(found)


def test_place_inside_an_organization_name_is_no_place() -> None:
    found = places("北京大学和清华大学的学者参加了会议。")
    assert "北京" not in found


def test_seed_article_places(summaries: dict[str, Summary]) -> None:
    found = {p.name for p in summaries["000_e860e59f66b08cf4"].places}
    for name in ("北京自贸区", "上海自贸区", "北京自贸区科技创新片区", "中关村科学城", "北京生命科学园", "海淀区",
                 "昌平区", "京津冀", "中国", "美国", "广州", "深圳", "海南"):
        assert name in found
