"""Fact highlighting and snippet marks: escaped, well formed, every fact's words marked."""
from __future__ import annotations

from html.parser import HTMLParser

from vnparty_nlp.web.render import CLOSE, OPEN, FactView, highlight_facts, snippet_html, web_url

TEXT = "Thực hiện Chỉ thị số 35-CT/TW ngày 30-5-2019 của Bộ Chính trị, <Đảng bộ> xã Mường Toong có 45 chi bộ."


class Marks(HTMLParser):
    """Which characters of the text each mark covers, rebuilt from the HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.open: list[tuple[str, int]] = []
        self.spans: list[tuple[str, int, int]] = []

    def handle_starttag(self, tag, attrs):
        assert tag == "mark"
        self.open.append((dict(attrs)["data-fact"], len(self.text)))

    def handle_endtag(self, tag):
        number, start = self.open.pop()
        self.spans.append((number, start, len(self.text)))

    def handle_data(self, data):
        self.text += data


def fact(n, kind, start, stop):
    return FactView(n, kind, start, stop, TEXT[start:stop], {})


def covered(spans, number):
    out = set()
    for n, s, e in spans:
        if n == str(number):
            out |= set(range(s, e))
    return out


def test_nested_and_crossing_facts_are_each_marked_exactly():
    doc = TEXT.index("Chỉ thị")
    date = TEXT.index("ngày")
    org = TEXT.index("Bộ Chính trị")
    facts = [
        fact(1, "documents", doc, TEXT.index("30-5-2019") + 9),  # contains the date
        fact(2, "dates", date, date + len("ngày 30-5-2019")),
        fact(3, "organizations", TEXT.index("30-5"), org + len("Bộ Chính trị")),  # crosses 1 and 2
        fact(4, "counts", TEXT.index("45"), TEXT.index("45") + 9),
    ]
    facts.sort(key=lambda f: (f.start, -f.stop))
    html = str(highlight_facts(TEXT, facts))
    parser = Marks()
    parser.feed(html)
    assert parser.text == TEXT
    assert not parser.open
    for f in facts:
        assert covered(parser.spans, f.number) == set(range(f.start, f.stop)), f
    assert html.count('id="fact-3"') == 1
    assert "&lt;Đảng bộ&gt;" in html


def test_out_of_range_spans_do_not_break_the_text():
    html = str(highlight_facts(TEXT, [fact(1, "dates", 5, 5)]))
    assert "<mark" not in html and html.startswith("Thực hiện")


def test_snippet_marks_are_balanced_and_escaped():
    s = f"…<b>{OPEN}đại{CLOSE} & {OPEN}hội{OPEN}{CLOSE}"
    assert str(snippet_html(s)) == "…&lt;b&gt;<mark>đại</mark> &amp; <mark>hội</mark>"
    assert str(snippet_html(f"{CLOSE}x{OPEN}y")) == "x<mark>y</mark>"


def test_only_web_addresses_become_links():
    assert web_url(" https://xaydungdang.org.vn/a ") == "https://xaydungdang.org.vn/a"
    assert web_url("javascript:alert(1)") is None and web_url("data:text/html,x") is None and web_url(None) is None
