"""Sign API for the kiosk and the admin: glosses, cached video, voice, recognition, lexicon edits."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from serving.app import create_app
from serving.settings import PROJECT_ROOT, Settings
from tests.serving.routes.conftest import sign_in

KSL77 = Path("/work/shared/data/signlang/ksl77")


@pytest.fixture
def client(settings: Settings, tmp_path: Path):
    config = tmp_path / "config"
    for folder in ("registry", "dictionaries", "signlang"):
        shutil.copytree(PROJECT_ROOT / "data" / folder, config / folder)
    with TestClient(create_app(settings.model_copy(update={"config_dir": config}))) as client:
        yield client


def test_glosses_video_and_voice_for_the_kiosk(client: TestClient, settings: Settings) -> None:
    glosses = client.get("/api/sign/gloss", params={"text": "여권은 2층 창구에서 신청합니다"}).json()
    assert [g["source"] for g in glosses["glosses"]] == ["sentence", "number", "sentence", "sentence", "sentence"]
    assert "검수" in glosses["notice"] and not any(g["reviewed"] for g in glosses["glosses"])
    first = client.get("/api/sign/video", params={"text": "안녕하세요"})
    assert first.status_code == 200 and first.headers["content-type"] == "video/mp4"
    cached = list((settings.data_dir / "sign" / "cache").glob("*.mp4"))
    assert len(cached) == 1
    again = client.get("/api/sign/video", params={"text": "안녕하세요"})
    assert again.content == first.content and len(list((settings.data_dir / "sign" / "cache").glob("*"))) == 1
    assert client.get("/api/sign/video", params={"text": "안녕", "format": "gif"}).content[:3] == b"GIF"
    voice = client.get("/api/sign/speech", params={"text": "화장실은 1층에 있습니다"})
    assert voice.status_code == 200 and voice.content[:4] == b"RIFF"
    config = client.get("/api/sign/kiosk").json()
    assert {c["service"] for c in config["commands"]} <= {s["id"] for s in config["services"]}


@pytest.mark.parametrize("path, params", [
    ("/api/sign/gloss", {"text": ""}),
    ("/api/sign/gloss", {"text": "가" * 301}),
    ("/api/sign/video", {"text": "안녕", "format": "avi"}),
    ("/api/sign/speech", {}),
])
def test_bad_requests_are_422(client: TestClient, path: str, params: dict) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422 and "Traceback" not in response.text


def test_text_without_words_is_a_clear_422(client: TestClient) -> None:
    response = client.get("/api/sign/video", params={"text": "..."})
    assert response.status_code == 422 and "수어로 옮길" in response.json()["detail"]


def test_recognize_refuses_a_file_that_is_not_video(client: TestClient) -> None:
    response = client.post("/api/sign/recognize", files={"file": ("sign.mp4", b"not a video", "video/mp4")})
    assert response.status_code == 415 and "영상 파일이 아닙니다" in response.json()["detail"]


def test_lexicon_admin_needs_an_admin_and_edits_take_effect(client: TestClient) -> None:
    entry = {"words": ["민원실"], "category": "place", "hands": 1, "nonmanual": "none", "duration_s": 0.8,
             "dominant": {"handshape": "Y", "location": "forehead", "orientation": "palm_out", "movement": "zigzag"}}
    assert client.put("/api/sign/lexicon/민원실", json=entry).status_code == 401
    sign_in(client, "clerk1")
    assert client.put("/api/sign/lexicon/민원실", json=entry).status_code == 403
    sign_in(client, "boss", role="admin")
    assert client.get("/api/sign/gloss", params={"text": "민원실"}).json()["glosses"][0]["source"] == "fingerspelling"
    saved = client.put("/api/sign/lexicon/민원실", json=entry)
    assert saved.status_code == 200 and saved.json()["reviewed"] is False and saved.json()["look_alikes"] == []
    copy = client.get("/api/sign/lexicon").json()
    passport = next(e for e in copy if e["gloss"] == "여권")
    twin = {**{k: passport[k] for k in ("hands", "dominant", "nondominant", "nonmanual")}, "words": ["여행증"],
            "duration_s": passport["duration_s"] + 0.1}
    warned = client.put("/api/sign/lexicon/여행증", json=twin).json()
    assert [p["gloss"] for p in warned["look_alikes"]][:1] == ["여권"]  # saved, with the warning
    assert client.get("/api/sign/gloss", params={"text": "민원실"}).json()["glosses"][0]["source"] == "lexicon"
    bad = client.put("/api/sign/lexicon/민원실", json={**entry, "hands": 2})
    assert bad.status_code == 422 and "nondominant" in bad.json()["detail"]
    listed = {e["gloss"]: e for e in client.get("/api/sign/lexicon").json()}
    assert "민원실" in listed and listed["민원실"]["recorded_pose"] is False
    garbage = client.post("/api/sign/lexicon/민원실/pose", files={"file": ("x.pose", b"garbage", "application/x")})
    assert garbage.status_code == 422 and "포즈" in garbage.json()["detail"]


@pytest.mark.slow
def test_recognize_a_real_clip_against_the_kiosk_vocabulary(client: TestClient) -> None:
    with open(KSL77 / "no_example1.mp4", "rb") as clip:
        response = client.post("/api/sign/recognize", files={"file": ("sign.mp4", clip, "video/mp4")})
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) >= {"gloss", "score", "unknown", "candidates", "service"}
    assert body["unknown"] or body["service"] is not None


def test_a_kiosk_replaying_cached_guidance_is_not_rate_limited(settings: Settings, tmp_path: Path) -> None:
    config = tmp_path / "limited-config"
    shutil.copytree(PROJECT_ROOT / "data" / "signlang", config / "signlang")
    for folder in ("registry", "dictionaries"):
        shutil.copytree(PROJECT_ROOT / "data" / folder, config / folder)
    limited = settings.model_copy(update={"config_dir": config, "rate_limit_sign_per_minute": 2})
    with TestClient(create_app(limited)) as client:
        assert all(client.get("/api/sign/video", params={"text": "안녕하세요"}).status_code == 200 for _ in range(5))
        assert client.get("/api/sign/video", params={"text": "감사합니다"}).status_code == 200  # second render
        new_text = client.get("/api/sign/video", params={"text": "화장실은 1층에 있습니다"})
        assert new_text.status_code == 429 and "너무 많습니다" in new_text.json()["detail"]  # third render
        assert client.get("/api/sign/kiosk").status_code == 200
        assert client.get("/api/sign/speech", params={"text": "안녕하세요"}).status_code == 429  # a new voice text


def test_the_same_new_text_asked_twice_at_once_renders_cleanly(client: TestClient, settings: Settings) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def ask(_: int):
        return client.get("/api/sign/video", params={"text": "주차는 2시간 무료입니다"})

    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(ask, range(2))
    assert first.status_code == second.status_code == 200 and first.content == second.content
    assert not list((settings.data_dir / "sign" / "cache").glob("*partial*"))


def test_the_guidance_cache_keeps_to_its_budget_and_what_kiosks_replay(settings: Settings, tmp_path: Path) -> None:
    config = tmp_path / "budget-config"
    for folder in ("registry", "dictionaries", "signlang"):
        shutil.copytree(PROJECT_ROOT / "data" / folder, config / folder)
    cache = tmp_path / "state" / "sign" / "cache"
    # Only new texts count against the rate limit: four distinct texts are four renders, a fifth would be a 429.
    state = {"config_dir": config, "data_dir": tmp_path / "state", "rate_limit_sign_per_minute": 4}
    with TestClient(create_app(settings.model_copy(update=state))) as c:
        kiosk = c.get("/api/sign/speech", params={"text": "안녕하세요"}).content
        budget_mb = 2.5 * len(kiosk) / 2**20  # room for about two spoken texts
        c.app.state.settings = c.app.state.settings.model_copy(update={"sign_cache_mb": budget_mb})
        # texts as long as the kiosk's, so that any two of them fit the budget and three do not
        for text in ("감사합니다", "안녕하세요", "반갑습니다", "안녕하세요", "어서오세요"):
            assert c.get("/api/sign/speech", params={"text": text}).status_code == 200
        sizes = [p.stat().st_size for p in cache.iterdir()]
        assert sum(sizes) <= budget_mb * 2**20 and len(sizes) == 2
        assert c.get("/api/sign/speech", params={"text": "안녕하세요"}).content == kiosk  # replayed: never redone


def test_one_file_bigger_than_the_budget_evicts_nothing_and_a_render_in_progress_stays(tmp_path: Path) -> None:
    import os

    from serving.routes.sign import _store

    cache = tmp_path / "cache"
    cache.mkdir()
    for number in range(3):
        (cache / f"kiosk-{number}.wav").write_bytes(b"x" * 1000)
    in_progress = cache / "other.1234abcd.partial.mp4"
    in_progress.write_bytes(b"x" * 5000)
    big = cache / "big.partial"
    big.write_bytes(b"x" * 50_000)
    _store(big, cache / "big.wav", budget_mb=30_000 / 2**20)
    assert len(list(cache.glob("kiosk-*.wav"))) == 3 and in_progress.exists()
    small = cache / "small.partial"
    small.write_bytes(b"x" * 1000)
    old = (1_000_000_000, 1_000_000_000)
    os.utime(cache / "big.wav", old)
    _store(small, cache / "small.wav", budget_mb=10_000 / 2**20)
    assert not (cache / "big.wav").exists() and in_progress.exists()  # the oldest went; the render in progress stayed
