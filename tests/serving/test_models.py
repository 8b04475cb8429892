from pathlib import Path

import pytest

from serving.models import WHISPER_MODEL_BYTES, ModelAssemblyError, _package_file, assemble_whisper, model_status
from serving.settings import Settings


def test_assemble_whisper_joins_parts_and_is_idempotent(tmp_path: Path) -> None:
    target = assemble_whisper(tmp_path / "whisper")
    model_bin = target / "model.bin"
    assert model_bin.stat().st_size == WHISPER_MODEL_BYTES
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        assert (target / name).is_file()
    first_mtime = model_bin.stat().st_mtime_ns
    assemble_whisper(target)
    assert model_bin.stat().st_mtime_ns == first_mtime
    assert not list(target.glob(".model.bin.*")), "no temporary file is left behind"


def test_truncated_model_is_rebuilt(tmp_path: Path) -> None:
    target = tmp_path / "whisper"
    assemble_whisper(target)
    with open(target / "model.bin", "r+b") as handle:
        handle.truncate(1000)
    assemble_whisper(target)
    assert (target / "model.bin").stat().st_size == WHISPER_MODEL_BYTES


def test_missing_package_names_the_fix() -> None:
    with pytest.raises(ModelAssemblyError, match="not installed"):
        _package_file("civicai-no-such-package", "model.bin")


def test_status_reports_configured_sentence_transformers_folder(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, embedding_model=str(tmp_path / "ko-sbert"))
    statuses = {status.name: status for status in model_status(settings)}
    assert statuses["embeddings"].ready is False
    assert "ko-sbert" in statuses["embeddings"].detail
    assert statuses["whisper"].ready is False
