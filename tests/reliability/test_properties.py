"""Property and fuzz tests: hypothesis for the text layer (masking never leaks and never crashes), schemathesis
against the running app's OpenAPI schema (no input makes any endpoint answer 5xx). Rows of the evaluation
report's property table (eval/reliability.py)."""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Iterator

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from nlp.korean import clean_unicode
from nlp.pii import PiiMasker, load_name_words
from serving.app import create_app
from serving.settings import Settings
from tests.serving.routes.conftest import sign_in

MASKER = PiiMasker()
OFFICE_MAILBOXES = load_name_words()["office_mailboxes"]

# Filler a citizen might write around personal data, without digits so any digit left after masking leaked.
FILLER = st.text(alphabet=st.sampled_from("가나다라마바사아자차카타파하민원접수처리 동호층번지,.!?~ㅠㅋ()\n😀"),
                 max_size=40)
SEPARATORS = st.sampled_from(["-", " ", ".", "", " - ", "－", "_", "/"])


@st.composite
def mobile_numbers(draw) -> str:
    first, second = draw(SEPARATORS), draw(SEPARATORS)
    middle = draw(st.integers(1000, 9999))
    last = draw(st.integers(0, 9999))
    prefix = draw(st.sampled_from(["010", "011", "016", "+82 10", "+8210"]))
    return f"{prefix}{first}{middle}{second}{last:04d}"


@st.composite
def resident_numbers(draw) -> str:
    year, month, day = draw(st.integers(0, 99)), draw(st.integers(1, 12)), draw(st.integers(1, 28))
    gender = draw(st.sampled_from("12345678"))
    rest = draw(st.integers(0, 999_999))
    return f"{year:02d}{month:02d}{day:02d}{draw(st.sampled_from(['-', '', ' ']))}{gender}{rest:06d}"


@st.composite
def emails(draw) -> str:
    local = draw(st.from_regex(r"[a-z][a-z0-9._]{1,12}[a-z0-9]", fullmatch=True))
    domain = draw(st.sampled_from(["naver.com", "daum.net", "gmail.com", "korea.kr", "gunsan.go.kr"]))
    # an office's public mailbox at a government domain (minwon@gunsan.go.kr) is no personal data
    assume(not (domain.endswith("kr") and local in OFFICE_MAILBOXES))
    return f"{local}@{domain}"


SECRETS = st.one_of(mobile_numbers(), resident_numbers(), emails())


@pytest.mark.reliability("property", "전화·주민등록번호·이메일을 임의의 글 사이에 (hypothesis, 300 texts)",
                         "no digit and no @ of the personal data survives masking")
@settings(max_examples=300, deadline=None)
@given(before=FILLER, secret=SECRETS, after=FILLER)
def test_masking_never_leaks_personal_data(before: str, secret: str, after: str) -> None:
    masked = MASKER.mask(f"{before} {secret} {after}").text
    assert not any(character.isdigit() for character in masked), masked
    assert "@" not in masked


@pytest.mark.reliability("property", "임의의 유니코드 글 마스킹 (hypothesis, 500 texts)",
                         "never raises; spans sorted, disjoint, inside the text; no control characters; idempotent")
@settings(max_examples=500, deadline=None)
@given(text=st.text(max_size=300))
def test_masking_never_crashes_and_is_stable(text: str) -> None:
    result = MASKER.mask(text)
    assert unicodedata.is_normalized("NFC", result.text)
    assert not any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in result.text)
    ends = [0]
    for span in MASKER.find(text):
        assert ends[-1] <= span.start < span.end
        ends.append(span.end)
    assert MASKER.mask(result.text).text == result.text


@pytest.mark.reliability("property", "유니코드 정리 (hypothesis, 500 texts)", "NFC, idempotent, never raises")
@settings(max_examples=500, deadline=None)
@given(text=st.text(max_size=300))
def test_clean_unicode_is_idempotent(text: str) -> None:
    cleaned = clean_unicode(text)
    assert clean_unicode(cleaned) == cleaned
    assert unicodedata.is_normalized("NFC", cleaned)


# --- schemathesis --------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def running_app(tmp_path_factory: pytest.TempPathFactory, small_config_dir, complaint_analyzer) -> Iterator[TestClient]:
    base = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(small_config_dir, base / "config")  # admin endpoints write the city's configuration
    app_settings = Settings(environment="test", data_dir=base / "var", config_dir=base / "config", diarizer="none")
    with TestClient(create_app(app_settings)) as client:  # runs the lifespan: database, jobs, models
        client.app.state.complaint_analyzer = complaint_analyzer
        sign_in(client, "fuzz-admin", role="admin")
        yield client


@pytest.fixture(scope="module")
def api_schema(running_app: TestClient):
    # FastAPI writes OpenAPI 3.1, which schemathesis 3 reads as 3.0 when asked (the differences do not matter here).
    return schemathesis.from_asgi("/openapi.json", running_app.app, force_schema_version="30")


schema = schemathesis.from_pytest_fixture("api_schema")


@pytest.mark.slow
@pytest.mark.reliability("property", "OpenAPI 스키마 전체를 임의 요청으로 (schemathesis, 관리자 토큰)",
                         "no endpoint answers 5xx")
@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_makes_a_server_error(case, running_app: TestClient) -> None:
    response = case.call_asgi(headers={"Authorization": running_app.headers["Authorization"]})
    case.validate_response(response, checks=(not_a_server_error,))
