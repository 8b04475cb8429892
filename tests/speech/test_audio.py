from pathlib import Path

import av
import numpy as np
import pytest

from speech import SAMPLING_RATE, AudioDecodeError, AudioTooLongError, EmptyAudioError, load_audio, probe_duration
from tests.conftest import SAMPLE_MEETING


def _encode(samples: np.ndarray, path: Path, codec: str, container_format: str | None = None) -> Path:
    """Write 16 kHz mono samples with PyAV so every container is tested from a real encoder."""
    with av.open(str(path), "w", format=container_format) as container:
        stream = container.add_stream(codec, rate=SAMPLING_RATE if codec != "libopus" else 48_000)
        stream.layout = "mono"
        frame = av.AudioFrame.from_ndarray(
            (samples * 32767).astype(np.int16).reshape(1, -1), format="s16", layout="mono"
        )
        frame.sample_rate = SAMPLING_RATE
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


def test_wav_decodes_to_16k_mono() -> None:
    samples = load_audio(SAMPLE_MEETING)
    assert samples.dtype == np.float32
    assert samples.size / SAMPLING_RATE == pytest.approx(32.22, abs=0.05)
    assert probe_duration(SAMPLE_MEETING) == pytest.approx(32.22, abs=0.05)


@pytest.mark.parametrize(
    ("name", "codec", "container_format"),
    [("meeting.mp3", "mp3", None), ("meeting.m4a", "aac", "mp4"), ("meeting.ogg", "libopus", "ogg")],
)
def test_compressed_containers_decode(tmp_path: Path, name: str, codec: str, container_format: str | None) -> None:
    reference = load_audio(SAMPLE_MEETING)[: SAMPLING_RATE * 5]
    encoded = _encode(reference, tmp_path / name, codec, container_format)
    decoded = load_audio(encoded)
    assert decoded.size / SAMPLING_RATE == pytest.approx(5.0, abs=0.2)
    assert np.abs(decoded).max() > 0.01


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.wav"
    empty.touch()
    with pytest.raises(EmptyAudioError, match="empty.wav"):
        load_audio(empty)


def test_renamed_text_file(tmp_path: Path) -> None:
    fake = tmp_path / "회의.m4a"
    fake.write_bytes("회의 안건 메모".encode() * 100)
    with pytest.raises(AudioDecodeError, match="회의.m4a"):
        load_audio(fake)


def test_truncated_wav_still_decodes_what_is_there(tmp_path: Path) -> None:
    truncated = tmp_path / "cut.wav"
    whole = SAMPLE_MEETING.read_bytes()
    truncated.write_bytes(whole[: len(whole) // 2])  # the header still claims 32 s
    samples = load_audio(truncated)
    assert samples.size / SAMPLING_RATE == pytest.approx(32.22 / 2, abs=0.2)


def test_too_long_is_refused_before_decoding() -> None:
    with pytest.raises(AudioTooLongError, match="meeting.wav"):
        load_audio(SAMPLE_MEETING, max_seconds=10)
