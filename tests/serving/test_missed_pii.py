"""A clerk masks what the masker missed: the value leaves every stored copy (masked text, reply, analysis, the
routing corrections file), stays only encrypted, and becomes name-scorer training data through the CLI. Runs on
SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, select, text

from nlp.name_scorer import LabelledText, NameScorer
from nlp.name_tagger import NameTagger
from serving.app import create_app
from serving.complaint_store import NewComplaint, erase, file_complaint, marked_names
from serving.db import AuditEvent, Complaint
from serving.settings import Settings
from tests.serving.routes.conftest import sign_in

CIVICAI = str(Path(sys.executable).with_name("civicai"))
MISSED = "꼬마대장"  # what the street calls the shop owner: identifies him, and no rule knows it
ORIGINAL = (f"옆 가게 사장님 별명이 {MISSED}인데 매일 인도에 물건을 쌓아 둡니다. 010-2345-6789 로 연락 주세요. "
            f"{MISSED} 때문에 유모차가 못 지나가요.")
MASKED = ORIGINAL.replace("010-2345-6789", "[전화번호]")


@pytest.fixture
def app_settings(settings: Settings, database_url: str) -> Settings:
    return settings.model_copy(update={"database_url": database_url})


def _file(client: TestClient, settings: Settings) -> str:
    """One complaint as the intake stores it: masked text, analysis of the masked text, the original encrypted."""
    analysis = {"masked_text": MASKED, "type": "obstruction", "department": "roads", "urgent": False,
                "urgency_score": 0.1, "sentiment": "negative", "keywords": [MISSED, "인도", "유모차"],
                "evidence": {"department": ["인도"]}}
    with client.app.state.database.session() as session:
        row = file_complaint(session, settings.field_cipher(), NewComplaint(text=ORIGINAL), analysis, actor="citizen")
        return row.receipt_no


def _database_text(client: TestClient) -> str:
    engine = client.app.state.database.engine
    with engine.connect() as connection:
        return "\n".join(" ".join(map(str, row)) for table in inspect(engine).get_table_names()
                         for row in connection.execute(text(f'SELECT * FROM "{table}"')))


def test_a_clerk_masks_a_missed_name_everywhere_it_is_stored(app_settings: Settings) -> None:
    corrections = app_settings.data_dir / "complaints" / "corrections.jsonl"
    with TestClient(create_app(app_settings)) as client:
        receipt = _file(client, app_settings)
        sign_in(client, "roads1", department="roads")
        client.post(f"/api/clerk/complaints/{receipt}/reply", json={"text": f"{MISSED} 가게에 계도장을 보냈습니다."})
        assert client.post(f"/api/clerk/complaints/{receipt}/reassign", json={"department": "civil"}).status_code == 200
        assert MISSED in corrections.read_text(encoding="utf-8")  # the routing lesson kept the text of then
        with corrections.open("ab") as handle:  # a line a crash cut inside a character stays byte for byte
            handle.write('{"text": "전원이 나가 잘린 줄'.encode()[:-1] + b"\n")

        sign_in(client, "civil1", department="civil")
        done = client.post(f"/api/clerk/complaints/{receipt}/mask", json={"value": f" {MISSED} ", "type": "NAME"})
        assert done.status_code == 200, done.text
        body = done.json()
        assert body["masked"] == 3 and MISSED not in json.dumps(body, ensure_ascii=False)
        assert body["text_masked"].count("[이름]") == 2 and "[전화번호]" in body["text_masked"]
        stored = corrections.read_bytes().decode("utf-8", errors="replace")
        assert MISSED not in _database_text(client) and MISSED not in stored
        assert json.loads(stored.splitlines()[0])["department"] == "civil"
        assert corrections.read_bytes().splitlines()[1] == '{"text": "전원이 나가 잘린 줄'.encode()[:-1]
        # a reply written afterwards does not bring the name back, though the masker alone would miss it
        replied = client.post(f"/api/clerk/complaints/{receipt}/reply", json={"text": f"{MISSED} 님께 안내했습니다."})
        assert replied.status_code == 200 and MISSED not in replied.json()["reply"]

        again = client.post(f"/api/clerk/complaints/{receipt}/mask", json={"value": MISSED, "type": "NAME"})
        assert again.status_code == 422 and "없는 내용" in again.json()["detail"]
        for bad in ({"value": "꼬", "type": "NAME"}, {"value": "인도", "type": "NICKNAME"}, {"value": "[이름]"}):
            assert client.post(f"/api/clerk/complaints/{receipt}/mask", json=bad).status_code == 422
        sign_in(client, "roads1", department="roads")
        assert client.post(f"/api/clerk/complaints/{receipt}/mask", json={"value": "인도"}).status_code == 403

        with client.app.state.database.session() as session:
            event = session.scalar(select(AuditEvent).where(AuditEvent.action == "mask_missed"))
            assert event.actor == "civil1" and event.reason == "NAME ×3" and MISSED not in (event.reason or "")
            found = marked_names(session, app_settings.field_cipher(), "cli:test", lambda _text: {"박사장"})
            assert found == [LabelledText(ORIGINAL, frozenset({MISSED, "박사장"}))]
            assert session.scalar(select(AuditEvent).where(AuditEvent.action == "read_for_training")) is not None
            complaint = session.scalar(select(Complaint).where(Complaint.receipt_no == receipt))
            erase(session, "privacy1", [complaint], "삭제 청구", app_settings.complaint_training_copies())
        with client.app.state.database.session() as session:
            assert marked_names(session, app_settings.field_cipher(), "cli:test", lambda _text: set()) == []
            assert session.scalar(select(Complaint.pii_marks_encrypted)) is None


def test_a_mask_and_an_erasure_reach_that_complaints_training_copies_only(app_settings: Settings) -> None:
    """A citizen filed the same text twice and both were reassigned. Masking the first rewrites its own routing
    correction and the trained model's example, both found by receipt; the second complaint's clerk has not masked
    it yet, so its correction stays as it was, and so does a city's own example that reads the same. Erasing the
    first drops its copies."""
    copies = app_settings.complaint_training_copies()
    examples = copies.models / "20261201T090000000000Z" / "examples.jsonl"
    examples.parent.mkdir(parents=True)
    other = {"text": "가로등이 꺼졌어요", "type": "streetlight", "department": "roads", "urgent": False}
    with TestClient(create_app(app_settings)) as client:
        first, second = _file(client, app_settings), _file(client, app_settings)
        sign_in(client, "roads1", department="roads")
        for receipt in (first, second):
            assert client.post(f"/api/clerk/complaints/{receipt}/reassign", json={"department": "civil"}).is_success
        # as `complaints train --append` writes them: the correction with its receipt, and a city's own labelled
        # example (no receipt) that happens to read the same
        history = {"receipt_no": None, "text": MASKED, "type": "obstruction", "department": "civil", "urgent": False}
        examples.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in (
            {**history, "receipt_no": first}, history, other)), encoding="utf-8")
        sign_in(client, "civil1", department="civil")
        assert client.post(f"/api/clerk/complaints/{first}/mask", json={"value": MISSED, "type": "NAME"}).is_success

        def corrections() -> dict[str, str]:
            lines = copies.corrections.read_text(encoding="utf-8").splitlines()
            return {record["receipt_no"]: record["text"] for record in map(json.loads, lines)}

        assert MISSED not in corrections()[first] and corrections()[second] == MASKED
        assert [json.loads(line)["text"] for line in examples.read_text(encoding="utf-8").splitlines()] == [
            MASKED.replace(MISSED, "[이름]"), MASKED, other["text"]]  # the city's own example is no copy of it

        sign_in(client, "officer", role="privacy_officer")
        deleted = client.post("/api/privacy/subjects/delete", json={"receipt_no": first, "reason": "삭제 청구"})
        assert deleted.status_code == 200, deleted.text
        assert list(corrections()) == [second]
        assert [json.loads(line) for line in examples.read_text(encoding="utf-8").splitlines()] == [history, other]


def test_every_word_of_a_multi_word_mark_leaves_the_analysis(app_settings: Settings) -> None:
    with TestClient(create_app(app_settings)) as client:
        analysis = {"masked_text": "아내 응우옌 티 마이가 통역을 못 받았어요", "type": "civil", "department": "civil",
                    "urgent": False, "urgency_score": 0.0, "sentiment": "negative",
                    "keywords": ["아내", "응우옌", "마이", "통역"]}
        with client.app.state.database.session() as session:
            receipt = file_complaint(session, app_settings.field_cipher(),
                                     NewComplaint(text=analysis["masked_text"]), analysis, actor="citizen").receipt_no
        sign_in(client, "civil1", department="civil")
        done = client.post(f"/api/clerk/complaints/{receipt}/mask", json={"value": "응우옌 티 마이"})
        assert done.status_code == 200
        assert done.json()["analysis"]["keywords"] == ["아내", "[이름]", "[이름]", "통역"]
        assert done.json()["text_masked"] == "아내 [이름]가 통역을 못 받았어요"


def test_train_names_learns_from_clerks_marks_and_needs_a_source(settings: Settings, tmp_path: Path) -> None:
    with TestClient(create_app(settings)) as client:  # the default SQLite database under the data folder
        receipt = _file(client, settings)
        sign_in(client, "roads1", department="roads")
        assert client.post(f"/api/clerk/complaints/{receipt}/mask", json={"value": MISSED}).status_code == 200
    ordinary = tmp_path / "ordinary.txt"
    ordinary.write_text("도로 보수 공사가 언제 끝나나요\n인도에 불법 적치물이 많아요\n", encoding="utf-8")
    env = {**os.environ, "CIVICAI_DATA_DIR": str(settings.data_dir)}
    cases = Path(__file__).resolve().parents[2] / "eval" / "data" / "pii_cases.jsonl"
    made = subprocess.run([CIVICAI, "privacy", "train-names", "--cases", str(cases), "--from-marks", "--ordinary",
                           str(ordinary), "--output", str(tmp_path / "names.json")], capture_output=True, text=True,
                          env=env, timeout=600)
    assert made.returncode == 0, made.stderr
    assert "1 complaints with names clerks marked" in made.stdout
    model = json.loads((tmp_path / "names.json").read_text(encoding="utf-8"))
    assert model["trained_on"]["labelled_texts"] == 135  # 134 cases + 1 complaint
    assert model["threshold"] == NameScorer.load().threshold  # the shipped scorer's unless told
    # learned from, never spelled: no weight holds two syllables of the marked name
    assert not [key for key in model["weights"] for pair in ("꼬마", "마대", "대장") if pair in key]
    nothing = subprocess.run([CIVICAI, "privacy", "train-names", "--from-marks", "--ordinary", str(ordinary)],
                             capture_output=True, text=True, env=env, timeout=600)
    assert nothing.returncode == 2 and "--cases" in nothing.stderr and "Traceback" not in nothing.stderr



def test_the_name_tagger_learns_from_clerks_marks_without_listing_their_characters(settings: Settings,
                                                                                     tmp_path: Path) -> None:
    """The tagger's weights list the characters they know; one written only in a complaint a clerk marked (꼬 of
    꼬마대장) reads as unknown, so the file does not tell what was in the city's complaints."""
    with TestClient(create_app(settings)) as client:
        receipt = _file(client, settings)
        sign_in(client, "roads1", department="roads")
        assert client.post(f"/api/clerk/complaints/{receipt}/mask", json={"value": MISSED}).status_code == 200
    ordinary = tmp_path / "ordinary.txt"
    ordinary.write_text("도로 보수 공사가 언제 끝나나요\n인도에 불법 적치물이 많아요\n", encoding="utf-8")
    cases = Path(__file__).resolve().parents[2] / "eval" / "data" / "pii_cases.jsonl"
    env = {**os.environ, "CIVICAI_DATA_DIR": str(settings.data_dir)}
    made = subprocess.run([CIVICAI, "privacy", "train-name-tagger", "--cases", str(cases), "--from-marks",
                           "--ordinary", str(ordinary), "--epochs", "1", "--output", str(tmp_path / "tagger.npz")],
                          capture_output=True, text=True, env=env, timeout=900)
    assert made.returncode == 0, made.stderr
    assert "1 complaints with names clerks marked" in made.stdout
    tagger = NameTagger.load(tmp_path / "tagger.npz")
    assert tagger.trained_on["labelled_texts"] == 135  # 134 cases + 1 complaint
    assert "마" in tagger.vocabulary and "꼬" not in tagger.vocabulary
    assert tagger.gate is not None and "꼬" not in tagger.gate.tagger.vocabulary  # nor in its gate's
    assert "꼬" not in cases.read_text(encoding="utf-8")  # so only the marked complaint could have brought it

def test_the_clerk_is_shown_words_that_may_be_a_name_the_masker_left(app_settings: Settings) -> None:
    """은지 scores under the name scorer's threshold, so it stays in the masked text; above the review floor, the
    detail lists it for the clerk until it is masked. A floor at the threshold or above lists nothing."""
    original = "사진은 은지가 찍었는데 연락이 안 돼요. 지은지 30년 된 인도 블록이 다 깨졌어요. 한빛아파트 106동 1402호"
    analysis = {"masked_text": original, "type": "obstruction", "department": "roads", "urgent": False,
                "urgency_score": 0.1, "sentiment": "negative", "keywords": ["인도", "블록"], "evidence": {}}
    with TestClient(create_app(app_settings)) as client:
        with client.app.state.database.session() as session:
            receipt = file_complaint(session, app_settings.field_cipher(), NewComplaint(text=original), analysis,
                                     actor="citizen").receipt_no
        sign_in(client, "roads1", department="roads")
        opened = client.get(f"/api/clerk/complaints/{receipt}").json()
        assert opened["text_masked"] == original
        assert opened["names_to_review"] == [{"text": "은지", "start": 4, "end": 6}]
        masked = client.post(f"/api/clerk/complaints/{receipt}/mask", json={"value": "은지"}).json()
        # the word only where it stands as a word: 지은지 30년 keeps its 은지
        assert masked["names_to_review"] == [] and masked["masked"] == 1
        assert masked["text_masked"].startswith("사진은 [이름]가 찍었는데") and "지은지 30년" in masked["text_masked"]
    strict = app_settings.model_copy(update={"name_review_floor": 0.95})
    with TestClient(create_app(strict)) as client:
        sign_in(client, "roads1", department="roads")
        with client.app.state.database.session() as session:
            receipt = file_complaint(session, strict.field_cipher(), NewComplaint(text=original), analysis,
                                     actor="citizen").receipt_no
        assert client.get(f"/api/clerk/complaints/{receipt}").json()["names_to_review"] == []


def test_a_clerk_s_mask_leaves_placeholders_and_longer_words_alone(app_settings: Settings) -> None:
    """세주 stands inside [상세주소] and 은지 inside 지은지: masking either takes only the word itself."""
    original = "세주가 또 불법주차를 했어요. 지은지 30년 된 건물 [상세주소] 앞이에요. 은지도 봤어요."
    similar = [{"id": "p1", "title": "불법주차", "reply": "[상세주소] 앞 단속을 늘리겠습니다.", "score": 0.8}]
    analysis = {"masked_text": original, "type": "obstruction", "department": "roads", "urgent": False,
                "urgency_score": 0.1, "sentiment": "negative", "keywords": ["주차", "지은지"], "evidence": {},
                "similar": similar}
    with TestClient(create_app(app_settings)) as client:
        with client.app.state.database.session() as session:
            receipt = file_complaint(session, app_settings.field_cipher(), NewComplaint(text=original), analysis,
                                     actor="citizen").receipt_no
        sign_in(client, "roads1", department="roads")
        first = client.post(f"/api/clerk/complaints/{receipt}/mask", json={"value": "세주"}).json()
        assert first["masked"] == 1 and first["text_masked"].startswith("[이름]가 또") and "[상세주소]" in first[
            "text_masked"]
        second = client.post(f"/api/clerk/complaints/{receipt}/mask", json={"value": "은지"}).json()
        assert second["masked"] == 1 and "지은지 30년" in second["text_masked"]
        assert second["text_masked"].endswith("[이름]도 봤어요.")
        # the analysis alike: a similar answer's placeholder and a keyword that holds the name stay
        assert second["analysis"]["similar"] == similar and second["analysis"]["keywords"] == ["주차", "지은지"]
