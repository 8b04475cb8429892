"""The real console script, run as a user would run it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CIVICAI = str(Path(sys.executable).with_name("civicai"))


def run(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([CIVICAI, *args], capture_output=True, text=True, timeout=600, env=env)


def test_help_lists_every_command_group() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("serve", "ask", "complaints", "index", "minutes", "sign", "eval", "models", "db"):
        assert command in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("sign", "gloss", "안녕하세요", "--json"),
        ("index", "build"),
    ],
)
def test_capability_not_landed_exits_non_zero_without_output(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 3
    assert result.stdout == ""
    assert "not available yet" in result.stderr
    assert "Traceback" not in result.stderr


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
    assert result.stdout.strip() == "sqlite: revision 0001"
    assert (tmp_path / "civicai.db").is_file()


@pytest.mark.slow
def test_transcribe_writes_srt_and_json(tmp_path: Path) -> None:
    srt = tmp_path / "meeting.srt"
    result = run("minutes", "transcribe", "data/audio/meeting.wav", "--format", "srt", "--output", str(srt))
    assert result.returncode == 0, result.stderr
    assert srt.is_file()
    result = run("minutes", "transcribe", "data/audio/meeting.wav", "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["language"] == "ko"
    assert document["duration"] == pytest.approx(32.22, abs=0.05)
