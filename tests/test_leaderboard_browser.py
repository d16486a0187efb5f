"""Headless Chromium (Debian's, driven by Playwright) loads the served page, sorts a table, takes a screenshot."""

import os
import shutil
import threading

import pytest

import codemix
from codemix.leaderboard import Leaderboard
from codemix.leaderboard.serve import make_server
from codemix.tasks.submission import write_submission

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

if not os.path.exists(CHROMIUM) and not os.environ.get("CI"):
    pytest.skip("Debian's chromium is not installed here (.ci/run installs it; CI runs this test)", allow_module_level=True)


def test_browser_sorts_the_served_table(tmp_path):
    from playwright.sync_api import sync_playwright

    board = Leaderboard(tmp_path / "lb.sqlite")
    board.init(["demo_hien"])
    test = codemix.load("demo_hien", split="test")
    for team, wrong, kind in [("alpha", 9, "classical"), ("beta", 0, "prompted"), ("gamma", 4, "fine-tuned")]:
        rows = [(r["id"], r["sentiment"] if i >= wrong else next(l for l in ("negative", "neutral", "positive")
                                                                 if l != r["sentiment"])) for i, r in enumerate(test)]
        board.submit(write_submission(tmp_path / team, {"team": team, "system": "नमस्ते বাংলা", "description": "",
                                                         "external_data": False, "kind": kind, "shots": 2},
                                      {("sentiment", "demo_hien"): rows}))
    board.close()
    server = make_server(tmp_path / "lb.sqlite", "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
            page.click("nav button[data-tab=sentiment]")
            teams = lambda: page.locator("#table-sentiment tbody tr td:nth-child(2)").all_inner_texts()  # noqa: E731
            assert teams() == ["beta", "gamma", "alpha"]  # rank order
            page.click("#table-sentiment th:nth-child(5)")  # the demo_hien score column: first click sorts descending
            assert teams() == ["beta", "gamma", "alpha"]
            page.click("#table-sentiment th:nth-child(5)")
            assert teams() == ["alpha", "gamma", "beta"]
            kinds = page.locator("#table-sentiment tbody tr td:nth-child(4)").all_inner_texts()
            assert kinds == ["classical", "fine-tuned", "prompted 2-shot"]
            page.select_option("#kind-filter", "prompted")  # the model-kind filter hides the other rows
            visible = [row.inner_text().split("\t")[1] for row in page.locator("#table-sentiment tbody tr").all() if row.is_visible()]
            assert visible == ["beta"]
            page.select_option("#kind-filter", "")
            page.screenshot(path=str(tmp_path / "leaderboard.png"), full_page=True)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert (tmp_path / "leaderboard.png").read_bytes()[:4] == b"\x89PNG"
    shutil.copy(tmp_path / "leaderboard.png", tmp_path / "kept.png")


def test_browser_shows_the_heatmap_references_filters_and_cell_detail(tmp_path, monkeypatch):
    import dataclasses

    from playwright.sync_api import sync_playwright

    from codemix.loaders.registry import all_specs
    from codemix.loaders.spec import Reference

    spec = all_specs()["demo_hien"]
    published = Reference(task="sentiment", metric="weighted_f1", value=0.61, system="Some LLM", citation="a paper",
                          model_kind="LLM")
    monkeypatch.setitem(all_specs(), "demo_hien", dataclasses.replace(spec, references=(published,)))
    board = Leaderboard(tmp_path / "lb.sqlite")
    board.init(["demo_hien"])
    test = codemix.load("demo_hien", split="test")
    for team, wrong, external in [("alpha", 12, False), ("beta", 3, ["pre-trained model x"])]:
        rows = [(r["id"], r["sentiment"] if i >= wrong else next(l for l in ("negative", "neutral", "positive")
                                                                 if l != r["sentiment"])) for i, r in enumerate(test)]
        board.submit(write_submission(tmp_path / team, {"team": team, "system": "s", "description": "",
                                                         "external_data": external, "kind": "classical"},
                                      {("sentiment", "demo_hien"): rows}))
    page_path = board.render(tmp_path / "site")
    board.close()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(page_path.as_uri())
        page.click("nav button[data-tab=sentiment]")
        reference = page.locator("#table-sentiment tbody.reference tr")
        assert reference.count() == 1 and "Some LLM (published)" in reference.inner_text()
        assert "0.6100 weighted_f1" in reference.inner_text() and "ref" in reference.inner_text()  # not ranked
        colours = page.locator("#table-sentiment tbody:not(.reference) td.num[style]").evaluate_all(
            "cells => cells.map(c => getComputedStyle(c).backgroundColor)")
        assert len(set(colours)) >= 2  # cells are coloured by score
        page.select_option("#external-filter", "no")
        visible = [r.inner_text().split("\t")[1] for r in page.locator("#table-sentiment tbody:not(.reference) tr").all()
                   if r.is_visible()]
        assert visible == ["alpha"] and reference.is_visible()
        page.select_option("#external-filter", "")
        page.goto(page_path.as_uri() + "#cell-sentiment-demo_hien")
        detail = page.locator("#cell-sentiment-demo_hien")
        assert detail.get_attribute("open") is not None and "F1 positive" in detail.inner_text()
        page.screenshot(path=str(tmp_path / "cell.png"), full_page=True)
        browser.close()
    assert (tmp_path / "cell.png").read_bytes()[:4] == b"\x89PNG"
    if os.environ.get("CODEMIX_KEEP_SCREENSHOTS"):  # to look at the page by eye
        shutil.copy(tmp_path / "cell.png", os.environ["CODEMIX_KEEP_SCREENSHOTS"])
