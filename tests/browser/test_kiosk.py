"""The kiosk in a real browser: a service button plays its guidance as sign video, text and voice."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_kiosk_button_shows_sign_video_text_and_voice(page, live_server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 1024})
    page.goto(f"{live_server}/kiosk")
    page.locator("#services button", has_text="여권").click()
    page.wait_for_function("document.getElementById('sign-video').videoWidth > 0", timeout=120_000)
    assert "여권은 2층 창구에서 신청합니다" in page.locator("#guidance").inner_text()
    assert page.evaluate("document.getElementById('sign-video').videoWidth") == 512
    assert "speech?text=" in page.evaluate("document.getElementById('voice').src")
    page.wait_for_function("document.getElementById('voice').readyState >= 1", timeout=60_000)
    assert page.evaluate("document.getElementById('voice').duration") > 1
    page.evaluate("document.getElementById('sign-video').currentTime = 1.5")
    page.wait_for_timeout(500)
    assert "검수" in page.locator(".notice").inner_text()
    screenshot(page, "kiosk")
    buttons = page.locator("#services button")
    assert buttons.count() >= 8
    assert min(buttons.nth(i).bounding_box()["height"] for i in range(buttons.count())) >= 80  # touch targets
