"""Decoding any common audio/video container to 16 kHz mono float32 (PyAV, via faster-whisper)."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from speech.errors import AudioDecodeError, AudioTooLongError, EmptyAudioError

logger = logging.getLogger(__name__)

SAMPLING_RATE = 16_000


def probe_duration(path: str | Path) -> float:
    """Duration in seconds from the container header, without decoding (0.0 when unknown)."""
    import av

    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise EmptyAudioError(f"{Path(path).name}: no audio track (오디오 트랙이 없는 파일입니다)")
            stream = container.streams.audio[0]
            if stream.duration is not None and stream.time_base is not None:
                return float(stream.duration * stream.time_base)
            if container.duration is not None:
                return container.duration / 1_000_000
            return 0.0
    except (AudioDecodeError, EmptyAudioError):
        raise
    except (av.error.FFmpegError, OSError, UnicodeDecodeError) as error:
        raise AudioDecodeError(
            f"{Path(path).name}: not a readable audio or video file (읽을 수 없는 오디오 파일입니다): {error}"
        ) from error


def _check_before_decoding(path: Path, max_seconds: float | None) -> None:
    """Missing, empty or (by its header) over-long files are refused before any decoding."""
    if not path.is_file():
        raise AudioDecodeError(f"{path}: no such file (파일이 없습니다)")
    if path.stat().st_size == 0:
        raise EmptyAudioError(f"{path.name}: the file is empty (빈 파일입니다)")
    duration = probe_duration(path)
    if max_seconds is not None and duration > max_seconds:
        raise AudioTooLongError(
            f"{path.name}: {duration / 3600:.1f} h is longer than the limit of {max_seconds / 3600:.1f} h "
            "(허용 길이를 넘는 녹음입니다; 나누어 올리거나 관리자에게 한도 조정을 요청하세요)"
        )


def load_audio(path: str | Path, max_seconds: float | None = None) -> np.ndarray:
    """Decode ``path`` to 16 kHz mono float32 samples.

    The header duration is checked against ``max_seconds`` before decoding, so a 10-hour file is
    refused at once instead of filling memory.
    """
    from faster_whisper.audio import decode_audio

    path = Path(path)
    _check_before_decoding(path, max_seconds)
    try:
        samples = decode_audio(str(path), sampling_rate=SAMPLING_RATE)
    except Exception as error:  # PyAV raises many unrelated types for broken input
        raise AudioDecodeError(
            f"{path.name}: could not decode the audio (오디오를 해독할 수 없습니다): {error}"
        ) from error
    if samples.size == 0:
        raise EmptyAudioError(f"{path.name}: no audio samples (소리가 없는 파일입니다)")
    # Streamed recordings (browser WebM) carry no duration in the header: check what was decoded.
    if max_seconds is not None and samples.size / SAMPLING_RATE > max_seconds:
        raise AudioTooLongError(
            f"{path.name}: {samples.size / SAMPLING_RATE / 3600:.1f} h is longer than the limit of "
            f"{max_seconds / 3600:.1f} h (허용 길이를 넘는 녹음입니다)"
        )
    logger.info("decoded %s: %.1f s", path.name, samples.size / SAMPLING_RATE)
    return samples


def decode_to_pcm_file(path: str | Path, target: Path, max_seconds: float | None = None) -> int:
    """Stream-decode ``path`` to raw 16 kHz mono int16 at ``target``; returns the sample count.

    Memory stays flat whatever the length (frames are resampled and written one at a time), and
    the result is read back with ``np.memmap``, so a 3-hour meeting never sits in memory twice.
    The file appears under its name only when complete, so a crash leaves no half-decoded audio.
    """
    import av

    path = Path(path)
    _check_before_decoding(path, max_seconds)
    limit = None if max_seconds is None else int(max_seconds * SAMPLING_RATE)
    partial = target.with_name(target.name + ".partial")
    written = 0
    try:
        with av.open(str(path)) as container, open(partial, "wb") as out:
            resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLING_RATE)
            for frame in container.decode(audio=0):
                frame.pts = None  # broken timestamps in browser recordings must not stop the resampler
                for resampled in [*resampler.resample(frame)]:
                    data = resampled.to_ndarray().reshape(-1)
                    out.write(data.astype("<i2", copy=False).tobytes())
                    written += data.size
                if limit is not None and written > limit:
                    raise AudioTooLongError(
                        f"{path.name}: longer than the limit of {max_seconds / 3600:.1f} h "
                        "(허용 길이를 넘는 녹음입니다)"
                    )
            for resampled in resampler.resample(None):
                data = resampled.to_ndarray().reshape(-1)
                out.write(data.astype("<i2", copy=False).tobytes())
                written += data.size
    except (AudioTooLongError, OSError):
        partial.unlink(missing_ok=True)
        raise
    except Exception as error:  # PyAV raises many unrelated types for broken input
        partial.unlink(missing_ok=True)
        raise AudioDecodeError(
            f"{path.name}: could not decode the audio (오디오를 해독할 수 없습니다): {error}"
        ) from error
    if written == 0:
        partial.unlink(missing_ok=True)
        raise EmptyAudioError(f"{path.name}: no audio samples (소리가 없는 파일입니다)")
    partial.replace(target)
    logger.info("decoded %s: %.1f s", path.name, written / SAMPLING_RATE)
    return written
