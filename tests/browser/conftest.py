"""A real server on loopback and Debian's Chromium driven by Playwright (its own browser download does not
work here). Screenshots go to var/screenshots/ so people can look at the pages."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from serving.app import create_app
from serving.auth import create_user
from serving.settings import PROJECT_ROOT, Settings
from tests.conftest import SHARED_MODELS_DIR

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = PROJECT_ROOT / "var" / "screenshots"
CLERK_PASSWORD = "correct-horse-battery"
LIVE_APP = None  # the app behind live_server, for tests that set up data directly


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory, small_config_dir: Path) -> Iterator[str]:
    config = tmp_path_factory.mktemp("browser-config") / "data"
    shutil.copytree(small_config_dir, config)  # the admin page writes the city's configuration
    settings = Settings(environment="test", data_dir=tmp_path_factory.mktemp("browser") / "var", config_dir=config,
                        whisper_model=str(SHARED_MODELS_DIR / "whisper-base"), diarizer="none")
    global LIVE_APP
    app = LIVE_APP = create_app(settings)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/health", timeout=5).status_code in (200, 503):
                break
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.2)
    # Models and the manuals index are built on the first chat; pay that here (minutes on a busy 2-core machine)
    # so each page's own waits measure the page, not the warm-up.
    assert httpx.post(f"{url}/api/chat", json={"question": "전입신고"}, timeout=900).status_code == 200
    with app.state.database.session() as session:
        create_user(session, "roads1", CLERK_PASSWORD, "clerk", department="roads", display_name="도로과 김주무관")
        create_user(session, "civil1", CLERK_PASSWORD, "clerk", department="civil", display_name="민원과 이주무관")
    yield url
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium; make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="ko-KR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(120_000)  # first requests warm models on a 2-core machine
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def create_staff(username: str, role: str, display_name: str) -> None:
    """A user made directly in the live server's database (its app runs in this process)."""
    with LIVE_APP.state.database.session() as session:
        create_user(session, username, CLERK_PASSWORD, role, display_name=display_name)


def sign_in(page, url: str, username: str, landing: str = "/clerk", next_page: str | None = None) -> None:
    page.goto(f"{url}/login" + (f"?next={next_page}" if next_page else ""))
    page.fill("#username", username)
    page.fill("#password", CLERK_PASSWORD)
    with page.expect_response("**/api/auth/login") as response:
        page.click("#login")
    assert response.value.status == 200, response.value.text()
    page.wait_for_url(f"{url}{next_page or landing}")
