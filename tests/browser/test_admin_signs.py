"""The admin's sign tools in a real browser: edit a lexicon entry, see a look-alike warning, preview the sign,
enrol a recognition template from a clip of a real signer."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import create_staff, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]

KSL77_CLIP = Path("/work/shared/data/signlang/ksl77/no_example1.mp4")


def test_admin_edits_a_sign_is_warned_of_a_look_alike_and_enrols_a_template(page, live_server: str) -> None:
    create_staff("signadmin", "admin", "수어 관리자")
    sign_in(page, live_server, "signadmin", next_page="/admin")
    page.locator("#sign-entries a", has_text="화장실").first.wait_for()
    page.wait_for_function("document.getElementById('sign-dominant-handshape').options.length > 10")

    # A new sign with its own form: saved, no warning, and the avatar signs it in the preview.
    page.fill("#sign-gloss", "민원안내")
    page.fill("#sign-words", "민원안내")
    page.select_option("#sign-hands", "1")
    page.select_option("#sign-dominant-handshape", "Y")
    page.select_option("#sign-dominant-location", "forehead")
    page.select_option("#sign-dominant-orientation", "palm_out")
    page.select_option("#sign-dominant-movement", "zigzag")
    page.click("#sign-form button[type=submit]")
    page.locator("#admin-message", has_text="민원안내").wait_for()
    assert page.locator("#sign-lookalikes").is_hidden()
    page.locator("#sign-entries a", has_text="민원안내").wait_for()
    page.click("#sign-preview")
    page.wait_for_function("document.getElementById('sign-preview-video').videoWidth > 0", timeout=60_000)
    # The same sign as a .pose in the vendored pose-viewer component (from npm, served locally).
    page.wait_for_function("document.getElementById('sign-preview-pose').duration > 0", timeout=60_000)
    assert page.evaluate("customElements.get('pose-viewer') !== undefined")

    # A copy of 화장실 under another name is saved but flagged: the kiosk could not tell the two apart.
    page.locator("#sign-entries a", has_text="화장실").first.click()
    assert page.input_value("#sign-dominant-handshape") == "F"
    page.fill("#sign-gloss", "화장실안내")
    page.fill("#sign-words", "")
    page.click("#sign-form button[type=submit]")
    warning = page.locator("#sign-lookalikes")
    warning.wait_for()
    assert "화장실" in warning.inner_text() and "비슷해 보이는 수어" in warning.inner_text()
    screenshot(page, "admin-sign-editor")

    if not KSL77_CLIP.is_file():
        pytest.skip("KSL-77 clips are not on this machine")
    page.select_option("#template-gloss", "아니")
    page.set_input_files("#template-file", str(KSL77_CLIP))
    page.locator("#template-status", has_text="템플릿").wait_for(timeout=120_000)
    assert "거부 기준" in page.locator("#template-status").inner_text()
