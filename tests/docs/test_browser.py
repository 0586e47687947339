"""Open the built DynamoDB Streams page in headless Chromium, use it, and take a screenshot.

Uses Debian's `chromium` and `chromium-driver` (`/usr/bin/chromium`, `/usr/bin/chromedriver`;
override with CHROMIUM_BIN / CHROMEDRIVER_BIN). Nothing is downloaded: the driver path is given
explicitly, so Selenium Manager never runs. Without Chromium the test is skipped locally and
fails when CI=true.

The screenshots go to `.results/screenshots/`, outside the built site (which is published).
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--disable-dev-shm-usage",
    "--window-size=1280,1000",
]


def _missing() -> str | None:
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not (Path(path).is_file() and os.access(path, os.X_OK)):
            return f"{path} not found (install Debian's {package}: apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[docs]')"
    return None


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 at a free port, in a thread."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _missing()
    if reason:
        if IN_CI:
            pytest.fail(f"headless Chromium is required in CI: {reason}")
        pytest.skip(f"browser test skipped: {reason}")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="ddbstreams-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _visible_text(driver: Any, element: Any) -> str:
    return str(driver.execute_script("return arguments[0].innerText;", element))


# The DynamoDB page embeds one event and loads the other eighteen when their tab opens; embedding
# them all made it about 790 KB of HTML.
DYNAMODB_PAGE_MAX_BYTES = 400_000
# The top of the first event sample, within the first screen of a desktop and a phone.
FIRST_SCREEN = {1280: 1000, 420: 900}
FIRST_SAMPLE = """
const block = [...document.querySelectorAll('article .highlight')]
  .find(b => b.innerText.includes('"Records"'));
return block ? block.getBoundingClientRect().top : null;
"""


def test_dynamodb_page_size(site: Path) -> None:
    size = (site / "dynamodb" / "index.html").stat().st_size
    assert size < DYNAMODB_PAGE_MAX_BYTES, f"dynamodb/index.html is {size} bytes"


@pytest.mark.parametrize("width", sorted(FIRST_SCREEN))
def test_event_sample_on_the_first_screen(browser: Any, base_url: str, width: int) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.set_window_size(width, FIRST_SCREEN[width])
    try:
        browser.get(base_url + "dynamodb/")
        WebDriverWait(browser, 15).until(
            ec.presence_of_element_located((By.CSS_SELECTOR, "article h1"))
        )
        top = browser.execute_script(FIRST_SAMPLE)
        visible = browser.execute_script("return window.innerHeight;")
        assert top is not None, "no event sample on the page"
        # At least a few lines of the event show without scrolling.
        assert top + 100 < visible, f"sample starts at {top}px, the screen is {visible}px high"
        lazy = browser.find_elements(By.CSS_SELECTOR, ".ddb-lazy-event")
        assert not lazy, "events in tabs far below the first screen are not loaded yet"
    finally:
        browser.set_window_size(1280, 1000)


def test_dynamodb_page(browser: Any, base_url: str, site: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(base_url + "dynamodb/")
    wait = WebDriverWait(browser, 15)
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "article h1")))
    assert "DynamoDB Streams" in browser.find_element(By.CSS_SELECTOR, "article h1").text

    # The canonical sample is embedded as JSON.
    codes = browser.find_elements(By.CSS_SELECTOR, "article .highlight code")
    texts = [_visible_text(browser, c) for c in codes]
    assert any('"Records"' in t and '"eventName"' in t and '"NewImage"' in t for t in texts), (
        "no embedded stream event on the page"
    )

    # The response schema is embedded, with its title bar naming the file.
    schema_blocks = [
        b
        for b in browser.find_elements(By.CSS_SELECTOR, "article .highlight")
        if "schemas/batch-response.schema.json" in _visible_text(browser, b)
    ]
    assert schema_blocks, "the batch-response schema is not embedded"
    schema_text = _visible_text(browser, schema_blocks[0])
    assert "batchItemFailures" in schema_text and "itemIdentifier" in schema_text

    # Switch an event-name tab and see the visible fixture change.
    anchor = browser.find_element(By.ID, "every-event-name-and-view-type")
    tabs = anchor.find_element(By.XPATH, "following::div[contains(@class,'tabbed-set')][1]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'});", anchor)

    def shown() -> str:
        blocks = [b for b in tabs.find_elements(By.CSS_SELECTOR, ".highlight") if b.is_displayed()]
        return _visible_text(browser, blocks[0]) if blocks else ""

    # The open tab's event is fetched once the tab is on screen.
    wait.until(lambda _: '"eventName": "INSERT"' in shown())
    before = shown()
    label = next(
        lb
        for lb in tabs.find_elements(By.CSS_SELECTOR, ":scope > .tabbed-labels > label")
        if lb.text.strip() == "MODIFY"
    )
    label.click()
    wait.until(lambda _: '"eventName": "MODIFY"' in shown())
    after = shown()
    assert after != before and '"eventName": "INSERT"' not in after

    # Every resource the page loaded came from the local server: nothing from third parties.
    resources = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name);"
    )
    foreign = [r for r in resources if not r.startswith(base_url)]
    assert not foreign, f"requests to other hosts: {foreign}"

    shots = site.parent / ".results" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'});", anchor)
    browser.execute_script("window.scrollBy(0, -80);")
    time.sleep(0.5)  # let the header's title transition finish
    assert browser.save_screenshot(str(shots / "dynamodb.png"))
    browser.execute_script("window.scrollTo(0, 0);")
    time.sleep(0.5)
    assert browser.save_screenshot(str(shots / "dynamodb-top.png"))
