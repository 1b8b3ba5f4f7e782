"""`vnparty serve` in a real headless Chromium (Debian's package, driven by Playwright).

One server (the CLI, as a user starts it) and one browser for the whole session; a handful of tests
that walk the pages a reader uses, and the screenshots of the three pages for README.md.
"""
from __future__ import annotations

import csv
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (apt-get install chromium)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(web_archive: Path):
    """`vnparty serve ARCHIVE --port N` on 127.0.0.1, until the session ends."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen([sys.executable, "-m", "vnparty_nlp.cli", "serve", str(web_archive), "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/api/stats", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"vnparty serve exited: {proc.stdout.read() if proc.stdout else ''}")
            if time.monotonic() > deadline:
                proc.kill()
                pytest.fail("vnparty serve did not answer within 60 s")
            time.sleep(0.2)
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 860}, accept_downloads=True)
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    yield pg
    assert not dialogs, f"a script ran: {dialogs}"
    context.close()


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_search_without_accents_then_click_a_province(page, server):
    page.goto(server + "/search")
    page.fill("input[name=q]", "dai hoi diem")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search?q=dai+hoi+diem*")
    marked = {t.lower() for t in page.locator(".snippet mark").all_inner_texts()}
    assert {"đại", "hội", "điểm"} <= marked
    assert page.locator(".hit h3").count() == 2
    shoot(page, "search")

    page.locator('[data-facet=province] a', has_text="Điện Biên").click()
    page.wait_for_url("**province=*")
    titles = page.locator(".hit h3").all_inner_texts()
    assert titles == ["Điện Biên: Hoàn thành chỉ đạo đại hội điểm cấp cơ sở"]
    assert page.locator("#count strong").inner_text() == "1"
    assert "province: Điện Biên" in page.locator(".chips").inner_text()


def test_article_shows_facts_at_their_words(page, server):
    page.goto(server + "/search?q=%22s%E1%BB%91+d%C6%B0%22&province=Dien+Bien")
    page.locator(".hit h3 a").first.click()
    page.wait_for_url("**/articles/*")
    doc = page.locator("mark[data-kind=documents]", has_text="35-CT/TW").first
    assert doc.inner_text() == "Chỉ thị số 35-CT/TW"
    assert doc.is_visible()
    colour = doc.evaluate("el => getComputedStyle(el).backgroundColor")
    date = page.locator("mark[data-kind=dates]").first
    assert colour != date.evaluate("el => getComputedStyle(el).backgroundColor")  # coloured by type
    # every mark of the table's first shortcoming holds the words the table gives
    row = page.locator("#facts tr[data-kind=shortcomings]").first
    number, words = row.locator("td").nth(0).inner_text(), row.locator("td").nth(2).inner_text()
    assert page.locator(f"#fact-{number}").inner_text() == words
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "article")

    page.locator("#facts a", has_text="CT/TW").first.click()
    page.wait_for_url("**/documents/35-CT/TW")
    assert page.locator("h1").inner_text() == "35-CT/TW"
    assert "Điện Biên" in page.locator("#by-province").inner_text()
    shoot(page, "document")


def test_export_csv_reads_back(page, server, tmp_path):
    page.goto(server + "/search?q=dai+hoi")
    ids = [h.split("/")[-1] for h in page.locator(".hit h3 a").evaluate_all("els => els.map(e => e.href)")]
    with page.expect_download() as info:
        page.click("#export-csv")
    path = tmp_path / "export.csv"
    info.value.save_as(path)
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert sorted(r["id"] for r in rows) == sorted(ids)
    assert {r["province"] for r in rows} == {"Điện Biên", "Hải Dương"}
    assert all(r["title"] for r in rows)


def test_script_in_an_article_stays_text(page, server, ids):
    page.goto(f"{server}/articles/{ids['hostile']}")
    text = page.locator("#text").inner_text()
    assert "<script>alert('xss')</script>" in text and "<b>in đậm</b>" in text
    assert page.locator("#text b").count() == 0
    assert page.locator("#source-link").count() == 0  # a javascript: URL is not a link
    page.goto(server + "/search?q=" + "%3Cscript%3Ealert(1)%3C/script%3E+tin")
    assert "<script>alert(1)</script>" in page.locator("#count").inner_text()
