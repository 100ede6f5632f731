"""The published pack of the simulated county, and one headless browser, shared by the e2e tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import EXTRACT, PROJECT_DIR, run_iro

AXE = PROJECT_DIR / ".local/node/node_modules/axe-core/axe.min.js"

#: The commentary of the pack's financial year; its month has none (a draft).
COMMENTARY = """# 2016-17

## Key messages
The test county's key messages, in the service's words.

## The children
Commentary on the children, with **emphasis**.

## What went well
- Reviews were held in time.

## What must improve
- Conference timeliness.

## Priorities and recommendations
1. Keep caseloads within the guideline.
"""


@pytest.fixture(scope="module")
def pack(county, tmp_path_factory) -> dict:
    """``iro publish`` of a month and a financial year into a fresh folder.

    Per module: ``test_nightly.py`` advances the shared county, so each module's pack
    is published from the warehouse its tests compare it with.
    """
    out = tmp_path_factory.mktemp("pack")
    notes = tmp_path_factory.mktemp("commentary")
    (notes / "financial_year").mkdir()
    (notes / "financial_year/2016-17.md").write_text(COMMENTARY, encoding="utf-8")
    env = {**county["env"], "IRO_OUTPUT_DIR": str(out), "IRO_COMMENTARY_DIR": str(notes)}
    for label in ("2017-03", "2016-17"):
        done = run_iro(["publish", "--period", label, "--extract-date", EXTRACT.isoformat()], env)
        assert done.returncode == 0, done.stderr
    return {"out": out, "warehouse": county["warehouse"], "env": env, "commentary": notes}


@pytest.fixture(scope="session")
def browser(tmp_path_factory) -> Iterator:
    """One headless Chromium for every browser test of the session."""
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        pytest.skip("chromium and chromium-driver are not installed (make test installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tmp_path_factory.mktemp("chromium-profile")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--window-size=1100,1600",
    ):  # fmt: skip
        options.add_argument(flag)
    session = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    session.set_script_timeout(120)
    try:
        yield session
    finally:
        session.quit()


def axe_source() -> str:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed (scripts/install-test-tools.sh installs it)")
    return AXE.read_text(encoding="utf-8")


def open_page(browser, page: Path) -> None:
    browser.get(page.as_uri())
    assert browser.execute_script("return document.readyState") == "complete"
