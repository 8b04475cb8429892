"""The real console script, run as a user would run it."""

import json
import os
import shutil
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from signlang import load_lexicon
from signlang.lexicon import save_entry

CIVICAI = str(Path(sys.executable).with_name("civicai"))


def run(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([CIVICAI, *args], capture_output=True, text=True, timeout=600, env=env)


def test_help_lists_every_command_group() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("serve", "ask", "complaints", "index", "minutes", "sign", "eval", "models", "db"):
        assert command in result.stdout


def test_sign_render_writes_a_video_and_refuses_unknown_formats(tmp_path: Path) -> None:
    made = run("sign", "render", "안녕하세요. 여권은 2층에서 신청합니다.", "--output", str(tmp_path / "guide.mp4"))
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "guide.mp4").stat().st_size > 10_000 and "여권" in made.stdout
    wrong = run("sign", "render", "안녕", "--output", str(tmp_path / "guide.avi"))
    assert wrong.returncode == 1 and ".avi" in wrong.stderr and "Traceback" not in wrong.stderr


def test_sign_check_lexicon_lists_look_alikes_and_exits_1(small_config_dir, tmp_path: Path) -> None:
    config = tmp_path / "data"
    shutil.copytree(small_config_dir, config)
    passport = load_lexicon(config / "signlang").entries["여권"]
    save_entry(config / "signlang", {"gloss": "여권사본", "hands": passport.hands, "duration_s": passport.duration_s,
                                     "dominant": asdict(passport.dominant),
                                     "nondominant": asdict(passport.nondominant) if passport.nondominant else None})
    env = {"CIVICAI_DATA_DIR": str(tmp_path / "var"), "CIVICAI_CONFIG_DIR": str(config)}
    found = run("sign", "check-lexicon", "--gloss", "여권사본", env_extra=env)
    assert found.returncode == 1 and found.stdout.split("\n")[0].split("\t")[1:] == ["여권", "여권사본"]
    unknown = run("sign", "check-lexicon", "--gloss", "없는수어", env_extra=env)
    assert unknown.returncode != 0 and "없는수어" in unknown.stderr and "Traceback" not in unknown.stderr


def test_missing_audio_file_is_one_line_error(tmp_path: Path) -> None:
    result = run("minutes", "transcribe", str(tmp_path / "없는파일.wav"))
    assert result.returncode == 1
    assert "없는파일.wav" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_non_audio_file_is_rejected_clearly(tmp_path: Path) -> None:
    fake = tmp_path / "report.mp3"
    fake.write_text("이것은 오디오가 아닙니다", encoding="utf-8")
    result = run("minutes", "transcribe", str(fake))
    assert result.returncode == 1
    assert "report.mp3" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_transcript_format_is_named(tmp_path: Path) -> None:
    result = run("minutes", "transcribe", "data/audio/meeting.wav", "--format", "xlsx")
    assert result.returncode == 1
    assert "'xlsx'" in result.stderr and "srt" in result.stderr


def test_bad_setting_is_reported_not_traced() -> None:
    result = run("models", "status", env_extra={"CIVICAI_WHISPER_CPU_THREADS": "zero"})
    assert result.returncode == 2
    assert "whisper_cpu_threads" in result.stderr
    assert "Traceback" not in result.stderr


def test_db_upgrade_creates_sqlite_database(tmp_path: Path) -> None:
    result = run("db", "upgrade", env_extra={"CIVICAI_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    from serving.db import head_revision

    assert result.stdout.strip() == f"sqlite: revision {head_revision()}"
    assert (tmp_path / "civicai.db").is_file()


def _isolated(tmp_path: Path) -> dict[str, str]:
    from tests.conftest import SHARED_MODELS_DIR

    return {"CIVICAI_DATA_DIR": str(tmp_path / "var"), "CIVICAI_WHISPER_MODEL": str(SHARED_MODELS_DIR / "whisper-base")}


@pytest.mark.slow
def test_transcribe_writes_srt_and_json(tmp_path: Path) -> None:
    srt = tmp_path / "meeting.srt"
    env = _isolated(tmp_path)
    result = run("minutes", "transcribe", "data/audio/meeting.wav", "--format", "srt", "--output", str(srt),
                 env_extra=env)
    assert result.returncode == 0, result.stderr
    assert srt.is_file()
    result = run("minutes", "transcribe", "data/audio/meeting.wav", "--format", "json", "--speakers", "2",
                 env_extra=env)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["language"] == "ko"
    assert document["duration"] == pytest.approx(32.22, abs=0.05)
    assert document["speakers"] == ["SPEAKER_01", "SPEAKER_02"]
    assert [turn["speaker"] for turn in document["turns"]] == ["SPEAKER_01", "SPEAKER_02"] * 2 + ["SPEAKER_01"]
    assert all(segment["speaker"] in document["speakers"] for segment in document["segments"])
    # Only the finished transcript is kept for reuse, not the decoded audio.
    assert not list((tmp_path / "var" / "jobs").glob("*/audio.pcm"))
    assert len(list((tmp_path / "var" / "jobs").glob("*/transcript.json"))) == 2


@pytest.mark.slow
def test_draft_minutes_from_a_transcript_json(tmp_path: Path) -> None:
    transcript = {
        "duration": 20.0, "language": "ko", "speakers": ["SPEAKER_01", "SPEAKER_02"],
        "turns": [{"start": 0.0, "end": 9.0, "speaker": "SPEAKER_01"},
                  {"start": 9.5, "end": 20.0, "speaker": "SPEAKER_02"}],
        "segments": [
            {"start": 0.0, "end": 4.0, "speaker": "SPEAKER_01", "text": "첫 번째 안건은 제설 대책입니다."},
            {"start": 4.0, "end": 9.0, "speaker": "SPEAKER_01", "text": "염화칼슘 추가 구매를 확정합니다."},
            {"start": 9.5, "end": 20.0, "speaker": "SPEAKER_02",
             "text": "제가 다음 주 금요일까지 구매 계획을 보고드리겠습니다. 연락처는 010-9876-5432입니다."},
        ],
    }
    source = tmp_path / "meeting.json"
    source.write_text(json.dumps(transcript, ensure_ascii=False), encoding="utf-8")
    output = tmp_path / "minutes.md"
    result = run("minutes", "draft", str(source), "--output", str(output), "--title", "제설 대책 회의",
                 "--held-at", "2026-11-23T14:00+09:00", "--speaker-name", "SPEAKER_02=이서연 주무관", "--public",
                 env_extra=_isolated(tmp_path))
    assert result.returncode == 0, result.stderr
    text = output.read_text(encoding="utf-8")
    assert "염화칼슘 추가 구매를 확정합니다" in text and "2026. 12. 4." in text
    assert "010-9876-5432" not in text and "이서연" not in text  # public version: masked, names hidden
    bad = run("minutes", "draft", str(source), "--output", str(tmp_path / "m.docx"), "--speaker-name", "이서연",
              env_extra=_isolated(tmp_path))
    assert bad.returncode == 1 and "SPEAKER_01=" in bad.stderr


def test_keys_rotate_adds_a_key(tmp_path: Path) -> None:
    env = _isolated(tmp_path)
    first = run("keys", "rotate", env_extra=env)
    second = run("keys", "rotate", env_extra=env)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert "new key k1" in first.stdout and "new key k2" in second.stdout
    keys = (tmp_path / "var" / "keys" / "data.keys").read_text(encoding="ascii").splitlines()
    assert [line.split(":")[0] for line in keys] == ["k1", "k2"]


@pytest.mark.slow
def test_ask_builds_the_index_and_answers_in_json(small_config_dir, tmp_path: Path) -> None:
    env = {"CIVICAI_DATA_DIR": str(tmp_path / "var"), "CIVICAI_CONFIG_DIR": str(small_config_dir)}
    result = run("ask", "전입신고 며칠 안에 해야 하나요?", "--json", env_extra=env)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert set(answer) >= {"answer", "citations", "handoff", "department"}
    assert answer["handoff"] is False and answer["citations"][0]["id"] == "city/move-in-report"
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        '{"id": "1", "question": "여권 발급 수수료는요?"}\n{broken\n{"id": "3", "question": "주식 추천해줘"}\n',
        encoding="utf-8",
    )
    answers_path = tmp_path / "a.jsonl"
    result = run("ask", "--input", str(questions), "--output", str(answers_path), env_extra=env)
    assert result.returncode == 0, result.stderr
    assert "line 2" in result.stderr
    lines = [json.loads(line) for line in answers_path.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["1", None, "3"]
    assert lines[0]["handoff"] is False and lines[2]["handoff"] is True
    assert "error" in lines[1]


@pytest.mark.slow
def test_complaints_analyze_cli(small_config_dir, tmp_path: Path) -> None:
    env = {"CIVICAI_DATA_DIR": str(tmp_path / "var"), "CIVICAI_CONFIG_DIR": str(small_config_dir)}
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": "a", "text": "저는 이영희입니다 010-2222-3333 집 앞 맨홀 뚜껑이 없어졌어요"}\n'
        "not json\n"
        '{"id": "c", "text": ""}\n',
        encoding="utf-8",
    )
    target = tmp_path / "out.jsonl"
    result = run("complaints", "analyze", "--input", str(source), "--output", str(target), env_extra=env)
    assert result.returncode == 0, result.stderr
    assert "line 2" in result.stderr
    first, second, third = (json.loads(line) for line in target.read_text(encoding="utf-8").splitlines())
    assert {"id", "type", "department", "department_candidates", "urgent", "urgency_score", "urgent_terms",
            "sentiment", "masked_text", "keywords", "similar"} <= set(first)
    assert first["urgent"] is True and first["department"] == "roads"
    assert "2222" not in first["masked_text"] and "이영희" not in first["masked_text"]
    assert second["line"] == 2 and "JSON" in second["error"]
    assert third == {"id": "c", "error": "empty text (민원 내용이 비어 있습니다)"}


@pytest.mark.slow
def test_complaints_report_writes_dashboard(small_config_dir, tmp_path: Path) -> None:
    env = {"CIVICAI_DATA_DIR": str(tmp_path / "var"), "CIVICAI_CONFIG_DIR": str(small_config_dir)}
    lines = []
    for day in range(1, 29):
        lines.append({"id": f"r{day}", "text": "가로등이 고장나서 골목이 깜깜해요", "region": "수송동",
                      "created_at": f"2026-10-{day:02d}T09:00:00"})
    for n, day in enumerate((24, 25, 26, 27, 28)):
        lines.append({"id": f"s{n}", "text": "도로 한가운데 싱크홀이 생겼어요", "region": "나운동",
                      "created_at": f"2026-10-{day:02d}T10:00:00"})
    source, analysed = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8")
    analyzed = run("complaints", "analyze", "--input", str(source), "--output", str(analysed), env_extra=env)
    assert analyzed.returncode == 0, analyzed.stderr
    result = run("complaints", "report", "--input", str(analysed), "--output-dir", str(tmp_path / "dash"),
                 env_extra=env)
    assert result.returncode == 0, result.stderr
    summary = json.loads((tmp_path / "dash" / "dashboard.json").read_text(encoding="utf-8"))
    assert summary["complaints"] == 33
    spikes = {(s["region"], s["term"]) for s in summary["urgent_spikes"]}
    assert ("나운동", "싱크홀") in spikes
    assert all(region != "수송동" for region, _ in spikes)
    for name in ("wordcloud.png", "weekly_by_type.png", "by_department.png"):
        assert (tmp_path / "dash" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_sign_gloss_json() -> None:
    result = run("sign", "gloss", "여권은 2층 7번 창구에서 발급합니다", "--json")
    assert result.returncode == 0, result.stderr
    glosses = json.loads(result.stdout)["glosses"]
    assert [g["gloss"] for g in glosses][:3] == ["여권", "2", "층"]
    assert {g["source"] for g in glosses} <= {"lexicon", "sentence", "number", "fingerspelling"}
    assert all(set(g) == {"gloss", "source", "tokens"} for g in glosses)


def test_index_add_rejects_unknown_visibility(tmp_path: Path) -> None:
    guide = tmp_path / "guide.md"
    guide.write_text("# 안내\n\n내용", encoding="utf-8")
    result = run("index", "add", str(guide), "--visibility", "everyone", env_extra={"CIVICAI_DATA_DIR": str(tmp_path)})
    assert result.returncode == 1
    assert "'everyone'" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_eval_cer_scores_a_folder_and_lists_failures(tmp_path: Path) -> None:
    import shutil

    shutil.copy("data/audio/meeting.wav", tmp_path / "meeting.wav")
    (tmp_path / "meeting.txt").write_text("회의를 시작하겠습니다", encoding="utf-8")
    (tmp_path / "broken.mp3").write_text("not audio", encoding="utf-8")
    (tmp_path / "broken.txt").write_text("참고", encoding="utf-8")
    (tmp_path / "no-reference.wav").write_bytes((tmp_path / "meeting.wav").read_bytes())
    result = run("eval", "cer", str(tmp_path), "--json", env_extra=_isolated(tmp_path / "state"))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    files = {f["name"]: f for f in report["files"]}
    assert files["meeting.wav"]["error"] is None and files["meeting.wav"]["reference_characters"] == 10
    assert files["broken.mp3"]["error"] and report["skipped"][0].startswith("no-reference.wav")
    assert run("eval", "cer", str(tmp_path / "missing")).returncode == 1


def test_users_and_monthly_audit_report(tmp_path: Path) -> None:
    env = {"CIVICAI_DATA_DIR": str(tmp_path)}
    created = subprocess.run([CIVICAI, "users", "create", "kim", "--department", "roads", "--password-stdin"],
                             input="correct-horse-battery\n", capture_output=True, text=True, env={**os.environ, **env})
    assert created.returncode == 0, created.stderr
    unknown = subprocess.run([CIVICAI, "users", "create", "lee", "--department", "moon", "--password-stdin"],
                             input="correct-horse-battery\n", capture_output=True, text=True, env={**os.environ, **env})
    assert unknown.returncode == 1 and "등록부" in unknown.stderr and "Traceback" not in unknown.stderr
    from datetime import UTC, datetime

    month = datetime.now(UTC).strftime("%Y-%m")
    report = run("audit", "report", "--month", month, "--json", env_extra=env)
    assert report.returncode == 0, report.stderr
    body = json.loads(report.stdout)
    assert body["by_action"]["create_user"] == 1 and body["chain"]["ok"] is True
    assert run("audit", "verify", env_extra=env).stdout.startswith("access log intact: 2 rows")  # + the review
    bad = run("audit", "report", "--month", "November", env_extra=env)
    assert bad.returncode == 1 and "YYYY-MM" in bad.stderr


def test_privacy_train_names_writes_weights_and_refuses_missing_files(tmp_path: Path) -> None:
    eval_data = Path(__file__).resolve().parents[2] / "eval" / "data"
    ordinary = tmp_path / "ordinary.txt"
    ordinary.write_text("\n".join(json.loads(line)["text"] for line in
                                  (eval_data / "complaints_dev.jsonl").open(encoding="utf-8")), encoding="utf-8")
    made = run("privacy", "train-names", "--cases", str(eval_data / "pii_cases.jsonl"), "--ordinary", str(ordinary),
               "--output", str(tmp_path / "names.json"))
    assert made.returncode == 0, made.stderr
    assert json.loads((tmp_path / "names.json").read_text(encoding="utf-8"))["weights"] and " weights)" in made.stdout
    missing = run("privacy", "train-names", "--cases", str(tmp_path / "none.jsonl"), "--ordinary", str(ordinary),
                  "--output", str(tmp_path / "other.json"))
    assert missing.returncode == 2 and "none.jsonl" in missing.stderr and "Traceback" not in missing.stderr
    assert not (tmp_path / "other.json").exists()


def test_privacy_train_name_tagger_writes_weights_and_refuses_missing_files(tmp_path: Path) -> None:
    from nlp.name_tagger import NameTagger

    eval_data = Path(__file__).resolve().parents[2] / "eval" / "data"
    ordinary = tmp_path / "ordinary.txt"
    ordinary.write_text("\n".join(json.loads(line)["text"] for line in
                                  (eval_data / "complaints_dev.jsonl").open(encoding="utf-8")), encoding="utf-8")
    made = run("privacy", "train-name-tagger", "--cases", str(eval_data / "pii_cases.jsonl"), "--ordinary",
               str(ordinary), "--epochs", "1", "--name-swaps", "1", "--output", str(tmp_path / "tagger.npz"))
    assert made.returncode == 0, made.stderr
    tagger = NameTagger.load(tmp_path / "tagger.npz")
    assert tagger.threshold == NameTagger.load().threshold and tagger.trained_on["epochs"] == 1
    assert tagger.trained_on["name_swaps"] == 1
    # as the shipped one: reading the encoder's states after its layer where a tagger trained first points
    assert tagger.context_layer == NameTagger.load().context_layer and tagger.gate is not None
    assert tagger.gate.tagger.trained_on["name_swaps"] == 1
    assert "name characters" in made.stdout
    missing = run("privacy", "train-name-tagger", "--cases", str(tmp_path / "none.jsonl"), "--ordinary",
                  str(ordinary), "--output", str(tmp_path / "other.npz"))
    assert missing.returncode == 2 and "none.jsonl" in missing.stderr and "Traceback" not in missing.stderr
    assert not (tmp_path / "other.npz").exists()
    numbers = tmp_path / "numbers.jsonl"
    numbers.write_text('{"text": "홍길동입니다", "pii": [{"type": "NAME", "value": 3}]}\n', encoding="utf-8")
    bad = run("privacy", "train-name-tagger", "--cases", str(numbers), "--ordinary", str(ordinary), "--output",
              str(tmp_path / "bad.npz"))
    assert bad.returncode == 2 and "numbers.jsonl:1" in bad.stderr and "Traceback" not in bad.stderr
    assert not (tmp_path / "bad.npz").exists()


def test_privacy_train_name_tagger_without_the_encoder_s_states(tmp_path: Path) -> None:
    from nlp.name_tagger import NameTagger

    eval_data = Path(__file__).resolve().parents[2] / "eval" / "data"
    ordinary = tmp_path / "ordinary.txt"
    ordinary.write_text("버스 정류장 의자가 부서졌어요\n가로등이 꺼졌어요", encoding="utf-8")
    made = run("privacy", "train-name-tagger", "--cases", str(eval_data / "pii_cases.jsonl"), "--ordinary",
               str(ordinary), "--epochs", "1", "--context-layer", "0", "--output", str(tmp_path / "tagger.npz"))
    assert made.returncode == 0, made.stderr
    tagger = NameTagger.load(tmp_path / "tagger.npz")
    assert tagger.context_layer is None and tagger.gate is None
    assert tagger.threshold == NameTagger.load().threshold
    beyond = run("privacy", "train-name-tagger", "--cases", str(eval_data / "pii_cases.jsonl"), "--ordinary",
                 str(ordinary), "--context-layer", "13", "--output", str(tmp_path / "other.npz"))
    assert beyond.returncode == 2 and "Traceback" not in beyond.stderr and not (tmp_path / "other.npz").exists()
