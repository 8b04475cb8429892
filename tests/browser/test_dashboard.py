"""A clerk opens the complaint dashboard and sees the numbers, the gas-leak spike and the three pictures."""

from __future__ import annotations

import pytest

from tests.browser import conftest as live
from tests.browser.conftest import screenshot, sign_in
from tests.serving.routes.conftest import GAS_LEAKS, ORDINARY_COMPLAINTS, ORDINARY_DAYS, seed_dashboard_complaints

pytestmark = pytest.mark.browser


def test_clerk_sees_counts_spike_and_charts(page, live_server: str) -> None:
    with live.LIVE_APP.state.database.session() as session:
        seed_dashboard_complaints(session)
    sign_in(page, live_server, "civil1")
    page.click("text=민원 통계")
    page.wait_for_url(f"{live_server}/clerk/dashboard")
    page.wait_for_function("document.getElementById('total').textContent.endsWith('건')")
    total = len(ORDINARY_DAYS) * len(ORDINARY_COMPLAINTS) + GAS_LEAKS
    assert int(page.inner_text("#total").removesuffix("건")) >= total  # the other browser tests file some too
    assert "가스누출" in page.inner_text("#spikes") and "나운동" in page.inner_text("#spikes")
    for chart in ("#chart-weekly", "#chart-wordcloud", "#chart-departments"):
        page.wait_for_function(f"document.querySelector('{chart}').complete && "
                               f"document.querySelector('{chart}').naturalWidth > 300")
    screenshot(page, "clerk-dashboard")
    page.select_option("#department", "safety")
    page.wait_for_function(f"document.getElementById('total').textContent === '{GAS_LEAKS}건'")
