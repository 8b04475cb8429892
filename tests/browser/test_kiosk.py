"""The kiosk in a real browser: a service button plays its guidance as sign video, text and voice."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot, sign_in

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
    page.click("#slow")
    assert page.get_attribute("#slow", "aria-pressed") == "true"
    page.locator("#services button", has_text="화장실").click()  # a new answer keeps the slower signing
    page.wait_for_function("document.getElementById('sign-video').videoWidth > 0 && "
                           "document.getElementById('guidance').textContent.includes('화장실')", timeout=120_000)
    assert page.evaluate("document.getElementById('sign-video').playbackRate") == 0.6


def test_interpreter_call_reaches_the_desk_and_the_kiosk_hears_back(page, live_server: str) -> None:
    page.goto(f"{live_server}/kiosk?kiosk=본관 3층 키오스크")
    page.locator("#services button").first.wait_for()
    page.click("#interpreter")
    page.locator("#kiosk-status", has_text="수어통역사를 호출했습니다").wait_for()
    assert page.locator("#cancel-call").is_visible()

    desk = page.context.browser.new_context(locale="ko-KR", viewport={"width": 1280, "height": 900}).new_page()
    sign_in(desk, live_server, "civil1")
    call = desk.locator("#interpreter-list li", has_text="본관 3층 키오스크")
    call.wait_for(timeout=15_000)
    assert desk.title().startswith("(수어통역 호출")
    screenshot(desk, "clerk-interpreter-call")
    call.locator("button", has_text="응대하기").click()
    desk.locator("#interpreter-list li", has_text="응대 중").wait_for()

    page.locator("#kiosk-status", has_text="직원이 호출을 확인했습니다").wait_for(timeout=20_000)
    screenshot(page, "kiosk-interpreter-accepted")
    desk.locator("#interpreter-list button", has_text="응대 완료").click()
    desk.locator("#interpreter-calls").wait_for(state="hidden")
    page.locator("#kiosk-status", has_text="통역 응대가 끝났습니다").wait_for(timeout=20_000)
    assert page.locator("#cancel-call").is_hidden()

    roads = page.context.browser.new_context(locale="ko-KR").new_page()
    sign_in(roads, live_server, "roads1")
    assert roads.locator("#interpreter-calls").count() == 0  # another department's desk is not disturbed
