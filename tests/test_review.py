"""Review pages: highlights nest correctly whatever overlaps, every quote and person of a summary is
highlighted in place, and a real headless browser (Debian's chromium) draws them, at desktop and mobile
width, with a screenshot kept in the test's temporary folder."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.ingest import read
from pipeline.models import Summary
from pipeline.review import Mark, highlight, render_page, review

from .conftest import RAW, SEED

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class _Marks(HTMLParser):
    """The text inside each ``<mark>``, by the order number the test gave it; fails on bad nesting."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.text_of: dict[str, list[str]] = {}
        self.all_text: list[str] = []
        self.pieces: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.stack.append((tag, attributes))
        if tag == "mark":
            self.pieces.append(attributes)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]!r}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.all_text.append(data)
        for tag, attrs in self.stack:
            if tag != "mark":
                continue
            keys = [attrs.get("data-n"), attrs.get("data-quote") and f"quote {attrs['data-quote']}",
                    attrs.get("data-entity") and f"entity {attrs['data-entity']} {attrs['data-span']}"]
            for key in filter(None, keys):
                self.text_of.setdefault(key, []).append(data)


def _parse(fragment: str) -> _Marks:
    parser = _Marks()
    parser.feed(fragment)
    parser.close()
    assert not parser.stack, f"unclosed: {parser.stack!r}"
    return parser


_KINDS = ["quote", "person", "place", "figure", "date", "speaker", "warning", "organization"]


@st.composite
def _text_and_marks(draw: st.DrawFn) -> tuple[str, list[Mark]]:
    text = draw(st.text(alphabet="海淀于军“”<>&\"'\n 表示2万", min_size=1, max_size=40))
    n = len(text)
    marks = []
    for i in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, n - 1))
        end = draw(st.integers(start + 1, n))
        marks.append(Mark(start, end, draw(st.sampled_from(_KINDS)), {"data-n": str(i)}, f"id{i}", i))
    return text, marks


@settings(max_examples=300, deadline=None)
@given(_text_and_marks())
def test_highlights_nest_and_each_covers_exactly_its_span(case: tuple[str, list[Mark]]) -> None:
    text, marks = case
    parsed = _parse(highlight(text, marks))
    assert "".join(parsed.all_text) == text
    for m in marks:
        assert "".join(parsed.text_of.get(m.attrs["data-n"], [])) == text[m.start:m.end]
    # one id per mark, on its first piece, and a mark cut in pieces says so on every cut
    ids = [p["id"] for p in parsed.pieces if p.get("id")]
    assert sorted(ids) == sorted(m.ident for m in marks)


def test_partial_overlap_is_cut_and_reopened() -> None:
    text = "甲乙丙丁戊己"
    out = highlight(text, [Mark(0, 4, "quote", ident="Q1"), Mark(2, 6, "warning", ident="W1")])
    assert out == ('<mark class="m m-quote" id="Q1" data-span="0,4">甲乙'
                   '<mark class="m m-warning split-next" id="W1" data-span="2,6">丙丁</mark></mark>'
                   '<mark class="m m-warning split-prev" data-span="2,6">戊己</mark>')


def test_text_is_escaped() -> None:
    assert highlight("<b>&", [Mark(0, 3, "person")]) == '<mark class="m m-person" data-span="0,3">&lt;b&gt;</mark>&amp;'


# --------------------------------------------------------------------------------------------------
# The seed article, with hand-made people and quotes where the stages do not (yet) give them


def _rich_seed(seed: Summary) -> dict[str, Any]:
    """The seed's summary plus hand-made items over its real text (offsets found by searching it):
    a person inside a quote, a speaker span shared by a person mention, a figure inside a quote and
    a warning that straddles a quote's end."""
    text = read(SEED).text
    data = json.loads(seed.to_json())

    def at(sub: str, start: int = 0) -> list[int]:
        i = text.index(sub, start)
        return [i, i + len(sub)]

    yu = at("于军")
    q1 = "我们一直认为产学研用高水平的互动是中关村不断发展的一个关键环节。"
    q2_start = yu[1] + len("表示,")
    q2_end = text.index("。", q2_start)
    liang = [at("梁爽")]
    while True:
        try:
            liang.append(at("梁爽", liang[-1][1]))
        except ValueError:
            break
    q3_start = liang[1][1] + len("表示,")
    q3_end = text.index("。", q3_start)
    yu_jun = {"person": "P1", "name": "于军", "title": "海淀区委书记", "type": "person"}
    data["people"] = [
        {"id": "P1", "name": "于军", "titles": ["海淀区委书记"], "mentions": [yu], "rule": "hand"},
        {"id": "P2", "name": "梁爽", "titles": ["海淀区区委常委", "副区长"], "mentions": liang, "rule": "hand"},
        # a mention inside a quote: the place-like word is treated as a person only to test nesting
        {"id": "P3", "name": "海淀", "titles": [], "mentions": [at("海淀", q2_start)], "rule": "hand"},
    ]
    data["places"] = [{"id": "L1", "name": "中关村", "kind": "zone", "mentions": [at("中关村", at(q1)[0])],
                       "rule": "hand"}]
    data["figures"] = [{"text": "15条", "value": 15.0, "low": None, "high": None, "unit": "条", "currency": None,
                        "approx": None, "kind": "count", "subject": "措施", "context": "", "span": at("15条", q2_start),
                        "rule": "hand"}]
    data["quotes"] = [
        {"id": "Q1", "text": q1, "kind": "direct", "cue": "表示", "span": at(q1), "speaker_span": yu, "rule": "hand",
         "speaker": yu_jun},
        {"id": "Q2", "text": text[q2_start:q2_end], "kind": "indirect", "cue": "表示", "span": [q2_start, q2_end],
         "speaker_span": yu, "rule": "hand", "speaker": yu_jun},
        {"id": "Q3", "text": text[q3_start:q3_end], "kind": "indirect", "cue": "表示", "span": [q3_start, q3_end],
         "speaker_span": liang[1], "rule": "hand",
         "speaker": {"person": "P2", "name": "梁爽", "title": None, "type": "person"}},
    ]
    data["warnings"] = [{"code": "test_overlap", "message": "straddles the end of Q2",
                         "span": [q2_end - 3, q2_end + 2]}]
    Summary.model_validate(data)  # the hand-made part follows the published models
    return data


def _expected(summary: dict[str, Any], text: str) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    quotes = {q["id"]: text[q["span"][0]:q["span"][1]] for q in summary["quotes"]}
    mentions = {(p["id"], f"{s},{e}"): text[s:e] for p in summary["people"] for s, e in p["mentions"]}
    return quotes, mentions


def test_every_quote_and_person_is_highlighted_in_the_html(seed: Summary) -> None:
    data = _rich_seed(seed)
    text = read(SEED).text
    page, problems = render_page(data, text)
    assert problems == []
    body = re.search(r'<div class="text" lang="zh">(.*?)</div>\n<h2 id="meta">', page, re.S)[1]
    parsed = _parse(body)
    assert html.unescape("".join(parsed.all_text)) == text
    quotes, mentions = _expected(data, text)
    for qid, quote_text in quotes.items():
        pieces = [p for p in parsed.pieces if p.get("data-quote") == qid]
        assert pieces and pieces[0]["id"] == qid
        assert "".join(parsed.text_of[f"quote {qid}"]) == quote_text
    for (pid, span), mention_text in mentions.items():
        assert "".join(parsed.text_of.get(f"entity {pid} {span}", [])) == mention_text, (pid, span)
    # tables: people with titles and mention counts, quotes linking to their highlight
    assert "海淀区区委常委、副区长" in page and '<a href="#Q3">Q3</a>' in page


def test_a_span_that_does_not_fit_the_text_is_reported(seed: Summary) -> None:
    data = _rich_seed(seed)
    data["quotes"][0]["span"] = [0, 5]
    _page, problems = render_page(data, read(SEED).text)
    assert len(problems) == 1 and problems[0].startswith("quotes[0]: span [0, 5) holds")


def test_cli_writes_pages_and_index(tmp_path: Path, summaries: dict[str, Summary], seed: Summary) -> None:
    folder = tmp_path / "run"
    folder.mkdir()
    for aid, summary in summaries.items():
        (folder / f"{aid}.json").write_text(summary.to_json(), encoding="utf-8")
    (tmp_path / "rich.jsonl").write_text(json.dumps(_rich_seed(seed), ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "pages"
    result = CliRunner().invoke(app, ["review", str(folder), str(tmp_path / "rich.jsonl"), "-o", str(out),
                                      "--raw", str(RAW)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.glob("*.html"))
    assert "index.html" in names and f"{SEED.stem}.html" in names and f"{SEED.stem}-2.html" in names
    assert len(names) == len(summaries) + 2
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{n}"' in index for n in names if n != "index.html")
    page = (out / f"{SEED.stem}.html").read_text(encoding="utf-8")
    assert "http://" not in page.split("<main>")[0] and "<link" not in page and "src=" not in page

    # without the raw article the page still shows the tables, and the command says what is missing
    result = CliRunner().invoke(app, ["review", str(folder / f"{SEED.stem}.json"), "-o", str(tmp_path / "p2"),
                                      "--raw", str(tmp_path)])
    assert result.exit_code == 1
    assert "raw article not found" in result.output
    assert "could not be read" in (tmp_path / "p2" / f"{SEED.stem}.html").read_text(encoding="utf-8")
    assert CliRunner().invoke(app, ["review", str(tmp_path / "nothing"), "-o", str(out)]).exit_code == 2


# --------------------------------------------------------------------------------------------------
# In a real browser

# Appended to a copy of the page: what the browser computed for every highlight, as JSON.
_PROBE = """
<script>
(function () {
  var marks = Array.prototype.map.call(document.querySelectorAll(".text mark"), function (el) {
    var r = el.getBoundingClientRect(), cs = getComputedStyle(el);
    return {id: el.id, cls: el.className, span: el.dataset.span, entity: el.dataset.entity || null,
            quote: el.dataset.quote || null, text: el.textContent, bg: cs.backgroundColor,
            border: cs.borderBottomStyle, outline: cs.outlineStyle, w: r.width, h: r.height,
            before: getComputedStyle(el, "::before").content, after: getComputedStyle(el, "::after").content};
  });
  // pointing at a quote must light up its speaker (the page's own script does it)
  var linked = Array.prototype.map.call(document.querySelectorAll("[data-quote][data-speaker-ref][id]"), function (q) {
    q.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
    var speaker = document.getElementById(q.dataset.speakerRef);
    return {quote: q.id, lit: !!speaker && speaker.classList.contains("hl") && q.classList.contains("hl")};
  });
  var pre = document.createElement("pre");
  pre.id = "zhnews-probe";
  pre.textContent = JSON.stringify({marks: marks, linked: linked, scrollWidth: document.documentElement.scrollWidth,
                                    innerWidth: window.innerWidth, fonts: getComputedStyle(document.body).fontFamily});
  document.body.appendChild(pre);
})();
</script>
"""


def _chromium(args: list[str], tmp_path: Path) -> str:
    profile = tmp_path / "chromium-profile"
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
           "--hide-scrollbars", f"--user-data-dir={profile}", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _probe(page: Path, tmp_path: Path, width: int, height: int) -> dict[str, Any]:
    probed = page.with_name(f"probe-{width}-{page.name}")
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    dom = _chromium([f"--window-size={width},{height}", "--dump-dom", probed.as_uri()], tmp_path)
    found = re.search(r'<pre id="zhnews-probe">(.*?)</pre>', dom, re.S)
    assert found, "the page's script did not run"
    return json.loads(html.unescape(found[1]))


def _assert_drawn(summary: dict[str, Any], text: str, probe: dict[str, Any]) -> None:
    marks = probe["marks"]
    quotes, mentions = _expected(summary, text)
    for qid, quote_text in quotes.items():
        pieces = [m for m in marks if m["quote"] == qid]
        assert "".join(m["text"] for m in pieces) == quote_text, qid
        assert pieces[0]["id"] == qid
        for m in pieces:
            assert m["bg"] not in ("rgba(0, 0, 0, 0)", "transparent") and m["border"] == "solid", m
            assert m["w"] > 0 and m["h"] > 0, m
        assert qid in pieces[0]["before"]  # the label naming the quote and its speaker
    for (pid, span), mention_text in mentions.items():
        pieces = [m for m in marks if m["entity"] == pid and m["span"] == span]
        assert "".join(m["text"] for m in pieces) == mention_text, (pid, span)
        for m in pieces:
            assert m["bg"] not in ("rgba(0, 0, 0, 0)", "transparent"), m
            assert m["w"] > 0 and m["h"] > 0, m
        assert pieces[-1]["after"] == '"PER"'
    for quote in summary["quotes"]:
        if quote.get("speaker_span"):
            s, e = quote["speaker_span"]
            speaker = [m for m in marks if "m-speaker" in m["cls"] and m["span"] == f"{s},{e}"]
            assert speaker and speaker[0]["outline"] == "dashed", quote["id"]
    with_speaker = {q["id"] for q in summary["quotes"] if q.get("speaker_span")}
    assert {x["quote"] for x in probe["linked"] if x["lit"]} == with_speaker


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium fonts-noto-cjk; "
                                             ".ci/run installs it)")
@pytest.mark.parametrize("which", ["fresh", "hand-made"])
def test_seed_page_in_a_headless_browser(which: str, tmp_path: Path, seed: Summary) -> None:
    data = json.loads(seed.to_json()) if which == "fresh" else _rich_seed(seed)
    text = read(SEED).text
    source = tmp_path / f"{SEED.stem}.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (page,) = review([source], tmp_path / "pages", raw_dir=RAW)
    assert page.problems == []
    path = tmp_path / "pages" / page.file_name

    desktop = _probe(path, tmp_path, 1200, 1600)
    _assert_drawn(data, text, desktop)
    assert "Noto Sans CJK SC" in desktop["fonts"]
    if which == "hand-made":
        assert len(data["quotes"]) == 3 and len(data["people"]) == 3
        split = [m for m in desktop["marks"] if "split-next" in m["cls"] or "split-prev" in m["cls"]]
        assert split, "the warning straddling a quote's end is drawn in two pieces"

    mobile = _probe(path, tmp_path, 390, 844)
    assert mobile["scrollWidth"] <= mobile["innerWidth"], "the page scrolls sideways at phone width"
    _assert_drawn(data, text, mobile)

    shot = tmp_path / f"review-{which}.png"
    _chromium(["--window-size=1000,1400", f"--screenshot={shot}", path.as_uri()], tmp_path)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
