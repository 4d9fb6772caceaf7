"""The organizations stage: lexicon bodies and their short forms, suffix names, title and list frames."""

from __future__ import annotations

from pipeline.api import extract
from pipeline.models import Summary


def orgs(text: str) -> dict[str, str]:
    return {o.name: o.kind for o in extract(text).organizations}


def test_short_forms_of_national_bodies() -> None:
    found = orgs("金融业由银保监会、证监会负责，而IT产业则由工信部设立标准。")
    assert found == {"银保监会": "government", "证监会": "government", "工信部": "government"}


def test_fullest_form_in_the_article_is_the_name() -> None:
    s = extract("中国科学院发布报告。中科院专家表示，研究还在继续。")
    (org,) = s.organizations
    assert org.name == "中国科学院"
    assert len(org.mentions) == 2


def test_suffix_names_with_a_sound_left_boundary() -> None:
    found = orgs("园区聚集了北京生命科学研究所、北京脑科学与类脑研究中心等研发机构。"
                 "依托“开放原子”开源基金会，鼓励落地。")
    assert "北京生命科学研究所" in found
    assert "北京脑科学与类脑研究中心" in found
    assert found["“开放原子”开源基金会"] == "association"


def test_party_organs_of_a_division() -> None:
    found = orgs("海淀区委书记于军表示，将继续推进。昌平区委书记于光辉表示，将聚焦产业。")
    assert found == {"海淀区委": "party", "昌平区委": "party"}


def test_title_and_list_frames() -> None:
    found = orgs("博雅辑因首席执行官魏东表示，行业发展很快。目前已聚集了华为、用友网络、北斗星通等科技创新企业。")
    assert {"博雅辑因", "华为", "用友网络", "北斗星通"} <= set(found)


def test_generic_references_are_not_names() -> None:
    assert orgs("该公司表示，有关部门和商务部门已经介入，管委会也在协调。本报记者了解到情况。") == {}


def test_seed_article_organizations(summaries: dict[str, Summary]) -> None:
    found = {o.name for o in summaries["000_e860e59f66b08cf4"].organizations}
    expected = {"海淀区委", "昌平区委", "北京商报", "国家药监局", "工信部", "银保监会", "证监会", "旷视科技",
                "博雅辑因", "高领资本", "用友网络", "华为", "北斗星通", "北京脑科学与类脑研究中心",
                "国家蛋白质科学中心",
                "北京生命科学研究所", "“开放原子”开源基金会", "北京服务外包企业协会", "谷歌", "Facebook"}
    assert len(expected & found) >= 19
    assert len(found - expected) <= 1


def test_local_body_starts_at_the_last_division() -> None:
    found = orgs("浙江省淳安县左口乡纪委书记汪逢生说。贵州毕节市委常委蒋兴勇说。沙土镇党委书记詹世顺说。")
    assert {"左口乡纪委", "毕节市委", "沙土镇党委"} <= set(found)
    assert "浙江省淳安县左口乡纪委" not in found


def test_levels_and_glued_prepositions_are_no_bodies() -> None:
    found = orgs("现在由县纪委、监察委对乡镇纪委书记进行考核，监督组与乡镇党委是监督关系，经镇纪委同意。")
    assert not any(name.startswith(("由", "经", "监督组", "乡镇")) or name in ("县纪委", "镇纪委") for name in found)


def test_country_before_a_party_or_mission_starts_its_name() -> None:
    found = orgs("摩洛哥真实性与现代党总书记说。南非共产党中央委员说。"
                 "中华人民共和国驻南非共和国大使馆开馆，人们赶到中国大使馆。")
    assert {"摩洛哥真实性与现代党", "南非共产党", "中华人民共和国驻南非共和国大使馆"} <= set(found)
    assert "中国大使馆" not in found  # a mention of the one mission named in full


def test_predicates_and_counted_groups_are_no_part_of_a_name() -> None:
    found = orgs("欧盟知名智库发布报告。该舰被誉为中国海军的摇篮。北京将建设三大国际科技创新中心。")
    assert "欧盟" in found and "中国海军" in found
    assert not any(name.startswith(("欧盟知名", "被誉为", "建设", "三大")) for name in found)


def test_place_and_ordinary_words_before_a_suffix() -> None:
    # sentences written for this test: a division or city, then ordinary words, then the suffix
    found = orgs("他毕业于西安美术学院，在长沙市城市管理局和上海市教育局工作过，后调到浙江出版联合集团。"
                 "北京石景山发电总厂归华北电管局管理。")
    assert {"西安美术学院", "长沙市城市管理局", "上海市教育局", "浙江出版联合集团", "北京石景山发电总厂",
            "华北电管局"} <= set(found)


def test_office_words_that_are_no_office() -> None:
    found = orgs("这改变了中国西南部的经济格局，也形成了北京新格局。市教育局和县纪委监察局参与，驻京办事机构被清理。")
    assert not any(name.endswith(("格局", "部")) or name.startswith(("市", "县", "驻")) for name in found)


def test_names_jieba_knows_whole_start_where_they_do() -> None:
    found = orgs("他的作品藏于中国美术馆，去过首都博物馆，是中国美协会员。")
    assert {"中国美术馆", "首都博物馆", "中国美协"} <= set(found)
    assert not any(name.startswith(("作品", "去过")) for name in found)


def test_historical_and_foreign_bodies() -> None:
    found = orgs("清政府和国民党都没有做到。捷克众议院副议长菲利普访华。")
    assert {"清政府", "国民党", "捷克众议院"} <= set(found)


def test_numbered_unit_and_quoted_name_after_its_kind() -> None:
    s = extract("中国电科38所所长说，研究所有新成果。欧洲知名智库“未来论坛”亚洲研究部主任发言。")
    assert {"中国电科38所", "未来论坛"} <= {o.name for o in s.organizations}


def test_a_short_name_is_not_read_across_a_word() -> None:
    assert "华为" not in orgs("他在此基础上升华为一件作品。")
    assert "华为" in orgs("他在华为工作了三年。")


def test_a_short_form_that_is_a_place_needs_its_full_name() -> None:
    s = extract("从西藏拉萨走了六天才到阿里，阿里地广人稀。")
    assert "阿里巴巴集团" not in {o.name for o in s.organizations}
    assert "阿里" in {p.name for p in s.places}
    assert "阿里巴巴集团" in orgs("阿里巴巴集团称，阿里将继续投资。")


def test_a_place_before_a_name_met_again_is_one_organization() -> None:
    s = extract("北京石景山发电总厂很大。石景山发电总厂有三千名工人。")
    (org,) = s.organizations
    assert org.name == "北京石景山发电总厂" and len(org.mentions) == 2


def test_kinds_of_bodies_are_no_names() -> None:
    found = orgs("钱庄、票号等金融机构兴起，外国银行随后进入。他从师范学校毕业后回乡任教。")
    assert not {"钱庄", "外国银行", "师范学校"} & set(found)



def test_trie_patterns_find_what_the_longest_first_alternation_finds() -> None:
    """The lexicon and country patterns are tries of the forms: at every position they take the longest
    form, as the flat alternation of the forms sorted longest first does."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from pipeline import entity_rules as er
    from pipeline.organizations import _country_pattern, _lexicon_index

    lexicon_forms = list(_lexicon_index()[1])
    country_forms = [f for e in er.country_entries() if e.kind == "country" for f in e.forms if len(f) >= 2]
    cases = [(_lexicon_index()[0], lexicon_forms), (_country_pattern(), country_forms)]
    flats = [re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))) for _p, forms in cases]
    filler = st.text(alphabet="中国南非人民银行大使馆协会、的", max_size=3)
    pieces = st.sampled_from(lexicon_forms + country_forms) | filler

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces, max_size=10).map("".join))
    def check(text: str) -> None:
        for (trie, _forms), flat in zip(cases, flats, strict=True):
            assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]

    check()


def test_a_dateline_ends_the_phrase_before_a_name() -> None:
    assert "国务院" in orgs("新华社北京5月7日电国务院副总理李岚清今天会见了客人。")


def test_quoted_names_legislatures_administrations_and_glued_short_forms() -> None:
    # adapted from People's Daily 1998 reports
    assert "少生快富甜蜜公司" in orgs("还带领群众创办了“少生快富甜蜜公司”，全部由计划生育户组成。")
    assert not orgs("他们被评为“优秀党支部”和“先进企业”。“和实生物”才是中国人的文化基因。")
    assert {"国家杜马", "国民议会"} <= set(orgs("俄总统与国家杜马僵持不下，国民议会副议长表示关注。"))
    assert "武警" in orgs("向人民解放军指战员、武警官兵、公安干警致以问候。")
    assert "特朗普政府" in orgs("美国总统特朗普签署命令，为特朗普政府的行动提供了包装。")
    s = extract("美国国会通过法案。国会议员表示反对。")
    assert [o.name for o in s.organizations] == ["美国国会"]  # 国会 is the 美国国会 the article names


def test_buildings_and_quoted_codes_are_no_bodies() -> None:
    s = extract("他走进国会大厦。大多是“703861部队”（老人妇女儿童）。")
    assert not s.organizations
    assert "国会大厦" in {p.name for p in s.places}


def test_publications_in_book_title_marks() -> None:
    found = orgs("他们的证言曾在《朝日新闻》、《每日新闻》刊登，法国《费加罗报》也有报道。"
                 "国务院发布《关于表彰的通报》。")
    assert {"朝日新闻", "每日新闻", "费加罗报"} <= set(found)
    assert not any("通报" in name for name in found)


def test_glued_short_forms_leave_suffix_names_and_programmes_alone() -> None:
    assert "华为" not in orgs("深圳华为公司通力合作建成网络。")
    assert not orgs("栏目有《过去的新闻》。")


def test_predicates_and_function_words_before_a_name_are_cut_off() -> None:
    # shapes of People's Daily sentences (example.dev of the PD NER corpus), names changed
    found = orgs("此案经海口市中级人民法院一审。本次比赛得到宾士域保安有限公司的大力支持。"
                 "又讯广东香江企业集团总经理翟美卿女士出席。发言的还有联想集团副总裁李勤。")
    assert {"海口市中级人民法院", "宾士域保安有限公司", "广东香江企业集团", "联想集团"} <= set(found)
    assert not any(n.startswith(("经", "得到", "讯", "还有")) for n in found)
    found = orgs("连续剧正由中国检察日报社影视部摄制。咨询机构需向国家环保总局备案。他荣获郑州市技术监督局的表彰。")
    assert {"中国检察日报社影视部", "国家环保总局", "郑州市技术监督局"} <= set(found)
    assert not any(n.startswith(("正由", "需向", "荣获")) for n in found)


def test_a_government_needs_a_country_division_or_leader() -> None:
    # shapes of People's Daily sentences (example.dev of the PD NER corpus)
    found = orgs("美国政府认为，这项法案可行。香港特区政府对此表示失望。1998年度政府预算比作公路。一是精简政府机构。"
                 "巴基斯坦和印度两国政府应缓解紧张。中美两国有关公司和机构今天签约。")
    assert {"美国政府", "香港特区政府"} <= set(found)
    assert not any(n.endswith(("年度政府", "精简政府", "两国政府", "有关公司")) for n in found)


def test_former_ministries_federations_parties_and_short_forms() -> None:
    found = orgs("国家计委和外经贸部今天联合发文。国际足联主席布拉特表示祝贺，中国足协将认真研究。"
                 "1944年毕业于北大的谷口清太郎说，北京大学培养了他。民革中央常务副主席周铁农出席。")
    assert {"国家计委", "外经贸部", "国际足联", "中国足协", "北京大学"} <= set(found)
    assert "北大" not in found  # the article names it in full
    assert "民革中央" in found and "民革中央常务" not in found  # 常务副主席: the rank is the title's


def test_a_party_and_its_central_committee_are_one() -> None:
    s = extract("再次当选中国农工民主党中央主席的陈竺说，农工党将继续努力。")
    assert [o.name for o in s.organizations] == ["中国农工民主党中央"]


def test_parties_jieba_knows_by_name() -> None:
    # shapes of People's Daily sentences (example.dev of the PD NER corpus)
    found = orgs("自由党愿意同中国共产党发展关系。执政三党之一的社民党对内阁决定表示反对。")
    assert {"自由党", "社民党"} <= set(found)
    found = orgs("作为大国大党，要有大抱负。我们要建设中国特色社会主义参政党。国共两党曾经合作。")
    assert not {"国大党", "中国特色社会主义参政党", "国共两党"} & set(found)


def test_sports_teams_of_a_country_or_city() -> None:
    # shapes of People's Daily sports reports (example.dev of the PD NER corpus)
    s = extract("中国女队战胜印尼女队。青岛海牛队和广州松日队的雨中之战。巴西足球队教练扎加洛说。"
                "中国医疗队抵达灾区。中国队员表现出色。")
    found = {o.name for o in s.organizations}
    assert {"中国女队", "印尼女队", "青岛海牛队", "广州松日队", "巴西足球队"} <= found
    assert not {"中国医疗队", "中国队"} & found
    assert "中国" in {p.name for p in s.places}  # 中国医疗队, 中国队员: the country, no team


def test_joined_names_counts_and_generic_plurals() -> None:
    # shapes of People's Daily sentences (example.dev of the PD NER corpus), names changed
    found = orgs("贵州裕华实业公司与北京国伦文化艺术公司合办展览。代表团与瑞士人文社会科学院进行了交流。"
                 "第四大银行美洲银行宣布合并。美国公司“消肿”时，首当其冲。双方前4局战成2∶2平。"
                 "农村跨世纪人才本报讯黑龙江省阿城市委确定了名单。去编织温馨———记四川有线电视台妇女儿童频道。")
    assert {"贵州裕华实业公司", "北京国伦文化艺术公司", "瑞士人文社会科学院", "美洲银行", "阿城市委",
            "四川有线电视台"} <= set(found)
    assert not any(n.startswith(("与", "银行", "代表团", "记", "农村")) or n in ("美国公司", "前4局")
                   for n in found)


def test_generic_bodies_and_names_inside_a_work_title() -> None:
    # shapes of People's Daily sentences (example.dev of the PD NER corpus)
    found = orgs("他发现了孤本《中国大学学术演讲录》。而上市公司盈利的增长很快。影片在陕西工厂、农村、学校放映。"
                 "最高人民法院、新华社、原国内贸易部等单位前来祝贺。行动是国务院残疾人工作协调委员会、卫生部争取的项目。")
    assert not {"中国大学", "上市公司", "陕西工厂", "原国内贸易部", "国务院"} & set(found)
    assert {"国内贸易部", "国务院残疾人工作协调委员会"} <= set(found)


def test_a_phrase_glued_of_function_characters_and_two_named_bodies() -> None:
    # shapes of People's Daily sentences (example.dev of the PD NER corpus)
    found = orgs("这是国务院残疾人工作协调委员会的项目。这是上海邮电与深圳华为公司通力合作建成的。")
    assert {"国务院残疾人工作协调委员会", "深圳华为公司"} <= set(found)
    assert "上海邮电与深圳华为公司" not in found
    assert "北京脑科学与类脑研究中心" in orgs("园区有北京脑科学与类脑研究中心。")


def test_a_county_before_a_province_is_where_the_body_stands() -> None:
    found = orgs("在睢县河南中医药大学一附院豫东医院，医生通过网络视频会诊。北京石景山发电总厂今年扩建。")
    assert {"河南中医药大学一附院豫东医院", "北京石景山发电总厂"} <= set(found)


def test_a_country_s_parliament() -> None:
    # shapes of People's Daily sentences (example.dev of the PD NER corpus)
    found = orgs("江泽民主席介绍了斯里兰卡议会的情况。总统在伊朗议会通过议案后讲话。"
                 "地方议会选举在即。议会两院一直争论。")
    assert {"斯里兰卡议会", "伊朗议会"} <= set(found)
    assert not any(n in ("议会", "地方议会") for n in found)


def test_national_squads_federal_bodies_and_city_police() -> None:
    # shapes of People's Daily sentences (example.dev of the PD NER corpus)
    found = orgs("中国女篮在昨晚的比赛中获胜。美国的联邦贸易委员会提出指控。总书记题词勉励济南交警。"
                 "保定“四快一无”交警改革见效。一名交警说。")
    assert {"中国女篮", "联邦贸易委员会", "济南交警"} <= set(found)
    assert not any(n.endswith("交警") and n != "济南交警" for n in found)


def test_local_associations_ministries_of_a_country_and_mistagged_places() -> None:
    # shapes of People's Daily sentences (example.dev of the PD NER corpus)
    found = orgs("美国政府认为，微软公司不公平。1993年，大连化工集团公司建成排渣场。西藏自治区科协正在举办展览。"
                 "美国能源部的代表今天签约。日本文化厅还说，失火的是国宝。外国友人参观了中共中央党校。在中央党校，"
                 "他们座谈。")
    assert {"微软公司", "大连化工集团公司", "西藏自治区科协", "美国能源部", "日本文化厅", "中共中央党校"} <= set(found)
    assert "中央党校" not in found and "中共中央" not in found


def test_publishers_named_by_common_nouns() -> None:
    # shapes of People's Daily sentences (example.dev of the PD NER corpus)
    found = orgs("1986年夏天，语文出版社安排他去怀柔。文集由百花文艺出版社出版。该出版社负责人说。各地出版社纷纷响应。")
    assert {"语文出版社", "百花文艺出版社"} <= set(found)
    assert not any(n.endswith("出版社") and n[0] in "该各" for n in found)


def test_committees_troupes_and_cooperatives() -> None:
    # shapes of People's Daily sentences (example.dev of the PD NER corpus)
    found = orgs("法国世界杯组委会官员在巴黎宣布。名少儿学生组成的韩国“小天使”艺术团本月来访。这个歌舞团很有名。")
    assert {"法国世界杯组委会", "韩国“小天使”艺术团"} <= set(found)
    assert not any(n.endswith("歌舞团") for n in found)


def test_a_local_body_starts_at_the_last_full_division() -> None:
    # the annotation guide's own example: 江西省玉山县电影公司经理 → 玉山县电影公司, 江西省 a place
    s = extract("江西省玉山县电影公司经理罗华民说，电影队很辛苦。南京鼓楼医院的外科医生赶来。")
    found = {o.name for o in s.organizations}
    assert {"玉山县电影公司", "南京鼓楼医院"} <= found  # 鼓楼 is a district's short form, here part of the name
    assert "江西省" in {p.name for p in s.places}


def test_media_named_in_latin_letters() -> None:
    found = orgs("Axios新闻的报道指出，专家有分歧。BLOOMBERG的分析认为，市场会波动。"
                 "CEO称业绩很好。GDP的分析表明增长放缓。")
    assert {"Axios新闻", "BLOOMBERG"} <= set(found)
    assert not {"CEO", "GDP"} & set(found)


def test_teams_jieba_glues_to_their_sponsor_or_the_next_word() -> None:
    # shapes of People's Daily sports reports (example.dev of the PD NER corpus)
    found = orgs("哥伦比亚队以1∶0击败对手。四川全兴队主场迎战延边敖东队。我希望中国能派队参加比赛。"
                 "对丹麦、马来西亚等强队时稳取一分。")
    assert {"哥伦比亚队", "四川全兴队", "延边敖东队"} <= set(found)
    assert not any(n.endswith(("能派队", "等强队")) for n in found)


def test_a_works_jieba_tags_as_a_verb() -> None:
    # a People's Daily shape (example.dev of the PD NER corpus)
    assert "郑州蝶阀厂" in orgs("80年代初，郑州蝶阀厂的创业者们接了这项任务。")


def test_an_administration_named_for_its_head() -> None:
    # 特朗普政府 is in the dev gold; jieba reads 克林顿政府 as one word, so the people stage has no 克林顿 to offer
    assert "克林顿政府" in orgs("强战略对话之后，克林顿政府明确承诺了不支持。")
