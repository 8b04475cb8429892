"""Deterministic synthetic test audio: multi-speaker Korean meetings from espeak-ng, and non-speech.

A meeting is written as a 16 kHz mono WAV with an exact RTTM (and a JSON with the text) beside it:
every utterance is synthesised on its own, trimmed to the samples above -60 dBFS and placed at a known
sample offset, so the reference turns are the actual non-silent extents, not estimates. Files are
streamed to disk in pieces, so a 60-minute meeting needs memory for a few seconds of audio, not an hour.

Voices: espeak-ng's Korean voice with different variants, pitch and a vocal-tract scaling (the output is
resampled as if it had been recorded at ``22050 * tract`` Hz, which moves pitch and formants together, the
way a longer or shorter vocal tract does). Plain variants (``ko+m3`` beside ``ko+m7``) sound distinct to a
person but not to a speaker encoder: on Resemblyzer partial embeddings their mean cosine similarity is
0.75–0.90, about the same as two sentences of one voice (0.80–0.87). The presets below were picked from
120 combinations for the lowest cross-voice similarity (at most 0.53 among the first four, 0.59 with the
fifth). They are easier to tell apart than colleagues in a real meeting room: a plumbing check, not a
measure of accuracy on real meetings.

Generation is deterministic for a seed (same espeak-ng build), so benchmarks reuse files from a cache
directory whose names encode every parameter (``cached_meeting``, ``cached_nonspeech``).
"""

from __future__ import annotations

import io
import json
import logging
import math
import os
import shutil
import subprocess
import wave
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

SAMPLING_RATE = 16_000
ESPEAK_RATE = 22_050
# Bump when the generator changes: cached files carry it in their names.
SYNTH_VERSION = 2
# An utterance starts and ends at its first and last sample above this level (-60 dBFS).
SILENCE_THRESHOLD = 10 ** (-60 / 20)

MAX_OVERLAP_S = 0.5
TURN_SECONDS = (2.0, 15.0)
PAUSE_SECONDS = (0.2, 1.5)
SENTENCE_GAP_SECONDS = (0.25, 0.45)  # between sentences of one turn
OVERLAP_PROBABILITY = 0.1  # the next speaker starts before the current one has finished
BACKCHANNEL_PROBABILITY = 0.15  # someone says 네 as the speaker finishes
ACKNOWLEDGEMENT_PROBABILITY = 0.1  # someone answers briefly in the pause between turns

NONSPEECH_KINDS = ("silence", "white", "pink", "hum50", "hum60", "music", "room")
# RMS level in dBFS; for "room" the level of the room tone, with keyboard clicks on top.
NONSPEECH_LEVELS_DB = {"silence": -math.inf, "white": -35.0, "pink": -35.0, "hum50": -30.0, "hum60": -30.0,
                       "music": -22.0, "room": -50.0}


class SynthError(RuntimeError):
    """espeak-ng is missing or failed, or a parameter is out of range."""


@dataclass(frozen=True)
class Voice:
    """One synthetic speaker: an espeak-ng voice and how it is shaped."""

    variant: str  # espeak-ng voice, e.g. "ko+m7"
    pitch: int  # espeak-ng -p, 0–99
    words_per_minute: int  # speaking rate after the tract scaling
    tract: float  # resampling factor: < 1 a longer vocal tract (deeper), > 1 a shorter one
    level_db: float  # RMS of the speech in dBFS


VOICES = (
    Voice("ko+m7", 25, 170, 0.80, -20.0),
    Voice("ko+f2", 75, 180, 0.90, -21.0),
    Voice("ko+klatt", 25, 165, 1.20, -19.0),
    Voice("ko+f4", 75, 185, 1.20, -22.0),
    Voice("ko+f2", 25, 175, 1.10, -20.0),
    Voice("ko+m1", 50, 175, 1.00, -21.0),
)
# espeak-ng's male variants as they come: distinct to the ear, nearly one voice to a speaker encoder
# (Resemblyzer cosine 0.86–0.91 between them). A stress test for clustering, not a realistic meeting either.
SIMILAR_VOICES = (
    Voice("ko+m3", 50, 175, 1.0, -20.0),
    Voice("ko+m1", 50, 175, 1.0, -21.0),
    Voice("ko+m5", 50, 175, 1.0, -19.0),
    Voice("ko+m2", 50, 175, 1.0, -22.0),
    Voice("ko+m4", 50, 175, 1.0, -20.0),
    Voice("ko+m6", 50, 175, 1.0, -21.0),
)
VOICE_SETS = {"distinct": VOICES, "similar": SIMILAR_VOICES}

SENTENCES = (
    "지금부터 제삼차 민원서비스 개선 회의를 시작하겠습니다.",
    "오늘 회의 안건은 모두 네 가지입니다.",
    "먼저 지난 회의 결과부터 확인하겠습니다.",
    "지난달 접수된 불법 주정차 민원이 전월 대비 이십 퍼센트 증가했습니다.",
    "교통행정과에서 단속 인력을 추가로 배치할 수 있습니까?",
    "다음 주부터 야간 단속 인원을 두 명 늘리겠습니다.",
    "무인민원발급기 수어 안내 기능은 시범 운영 중입니다.",
    "시범 운영 결과는 다음 달 회의에서 보고하겠습니다.",
    "올해 도로 보수 예산의 집행률은 현재 육십 퍼센트 수준입니다.",
    "하반기에는 포트홀 보수를 우선으로 집행할 계획입니다.",
    "장마철 대비 배수로 점검은 언제까지 마칠 수 있습니까?",
    "이번 달 말까지 모든 배수로 점검을 끝내겠습니다.",
    "대형 폐기물 배출 신고가 온라인으로 가능해졌습니다.",
    "어르신들을 위해 전화 신고 창구도 계속 운영하겠습니다.",
    "전입신고 처리 시간이 평균 십오 분으로 줄었습니다.",
    "주민센터 창구 대기 시간을 더 줄일 방법이 있을까요?",
    "번호표 예약 시스템을 도입하면 도움이 될 것 같습니다.",
    "예약 시스템 도입 비용을 정보통신과에서 검토해 주십시오.",
    "공원 내 가로등 고장 민원이 계속 들어오고 있습니다.",
    "공원녹지과와 협의해서 이번 주 안에 수리하겠습니다.",
    "청년 주거 지원 사업 신청자가 예상보다 많습니다.",
    "추가 예산 확보를 위해 추경 편성을 요청할 예정입니다.",
    "어린이 보호구역 과속 단속 카메라를 세 곳에 더 설치합니다.",
    "설치 위치는 학부모 의견을 들어서 정하겠습니다.",
    "쓰레기 수거 시간 변경에 대한 불만이 많았습니다.",
    "수거 업체와 다시 협의해서 새벽 수거로 되돌리겠습니다.",
    "민원 답변 기한을 넘긴 건이 모두 열두 건입니다.",
    "기한을 넘긴 민원은 부서별로 사유를 제출해 주십시오.",
    "폭염 대비 무더위 쉼터를 서른 곳으로 확대했습니다.",
    "쉼터 운영 시간을 저녁 아홉 시까지 연장하면 어떨까요?",
    "인력 문제가 있어서 연장 운영은 주말에만 가능합니다.",
    "공공 와이파이 설치 요청이 버스 정류장에서 많이 나옵니다.",
    "정류장 와이파이는 내년 사업으로 반영하겠습니다.",
    "다음 안건은 지역 축제 안전 관리 계획입니다.",
    "축제 기간에는 임시 주차장을 두 곳 운영합니다.",
    "안전요원 배치 인원은 작년보다 열 명 늘렸습니다.",
    "소방서와 합동 점검 일정을 잡아 주시기 바랍니다.",
    "다음 주 화요일 오후 두 시로 일정을 잡겠습니다.",
    "반려동물 놀이터 조성 사업은 부지 문제로 지연되고 있습니다.",
    "대체 부지로 하천변 공터를 검토하고 있습니다.",
    "하천변은 홍수 위험이 있어서 신중하게 판단해야 합니다.",
    "환경과 의견을 받아서 다음 회의 때 다시 논의하겠습니다.",
    "노인 일자리 사업 참여자 모집이 마감되었습니다.",
    "올해는 작년보다 참여자가 백 명 정도 늘었습니다.",
    "복지 사각지대 발굴을 위해 통장님들과 협력하고 있습니다.",
    "위기 가구 방문 상담은 이번 달에 마흔 건 진행했습니다.",
    "상담 결과는 개인정보를 가리고 공유해 주시기 바랍니다.",
    "스마트 경로당 사업은 열 곳에서 시작합니다.",
    "경로당 어르신들 대상 디지털 교육도 함께 진행합니다.",
    "교육 강사는 자원봉사센터를 통해 모집하겠습니다.",
    "도서관 야간 개방에 대한 만족도가 높게 나왔습니다.",
    "야간 개방을 다른 분관으로 넓힐 수 있는지 검토해 주세요.",
    "시청 민원실 키오스크 이용률이 점점 올라가고 있습니다.",
    "키오스크 화면 글씨가 작다는 의견이 있었습니다.",
    "글씨 크기 조절 기능을 다음 업데이트에 넣겠습니다.",
    "외국인 주민을 위한 다국어 안내문을 준비하고 있습니다.",
    "안내문은 영어와 중국어 그리고 베트남어로 만듭니다.",
    "재난 문자 발송 기준을 다시 정리할 필요가 있습니다.",
    "안전총괄과에서 기준안을 만들어 공유하겠습니다.",
    "보도블록 파손 신고는 앱으로 사진과 함께 받고 있습니다.",
    "사진 위치 정보로 현장 확인 시간이 많이 줄었습니다.",
    "자전거 도로 단절 구간 연결 공사는 구월에 시작합니다.",
    "공사 기간 동안 우회 안내 표지판을 설치해 주십시오.",
    "마을버스 배차 간격이 너무 길다는 민원이 있습니다.",
    "운수 업체와 협의해서 출퇴근 시간 배차를 늘리겠습니다.",
    "공유 주차장 사업 참여 건물이 다섯 곳 늘었습니다.",
    "주차 공유 시간은 평일 저녁과 주말로 한정합니다.",
    "층간소음 상담 센터 운영 실적을 보고드리겠습니다.",
    "상반기에 상담 신청이 육십 건 들어왔습니다.",
    "그중 절반 정도가 현장 측정까지 진행되었습니다.",
    "미세먼지 저감을 위해 도로 물청소를 늘리겠습니다.",
    "살수차 운행 경로는 학교 주변을 먼저 돌도록 하겠습니다.",
    "이상으로 오늘 안건에 대한 보고를 마치겠습니다.",
    "추가로 논의할 사항이 있으시면 말씀해 주십시오.",
    "다음 회의는 이 주 뒤 같은 시간에 열겠습니다.",
    "각 부서는 조치 결과를 금요일까지 제출해 주십시오.",
    "회의록은 정리해서 내일 오전에 공유하겠습니다.",
    "그 부분은 제가 확인해 보고 다시 말씀드리겠습니다.",
    "예산이 부족하면 우선순위를 다시 정해야 할 것 같습니다.",
    "시민 의견 수렴 결과를 먼저 보고 결정하시죠.",
)
BACKCHANNELS = ("네.", "예.", "음.")  # said while the other speaker finishes (short, overlapping)
ACKNOWLEDGEMENTS = ("네 알겠습니다.", "맞습니다.", "좋습니다.", "네 그렇게 하죠.", "동의합니다.")


@dataclass(frozen=True)
class MeetingTurn:
    """One utterance of the reference: its exact non-silent extent in the file, who said it and what."""

    start: float
    end: float
    speaker: str
    text: str

    def as_tuple(self) -> tuple[float, float, str]:
        return self.start, self.end, self.speaker


# --- espeak-ng -----------------------------------------------------------------------------------------


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None


def synthesize(text: str, voice: Voice) -> np.ndarray:
    """One utterance at 16 kHz, trimmed to its non-silent extent and scaled to the voice's level."""
    if not espeak_available():
        raise SynthError("espeak-ng is not installed; install it (apt-get install espeak-ng) or run `make`")
    words_per_minute = max(80, min(450, round(voice.words_per_minute / voice.tract)))
    command = ["espeak-ng", "-v", voice.variant, "-p", str(voice.pitch), "-s", str(words_per_minute), "--stdout",
               text]
    result = subprocess.run(command, capture_output=True, check=False)
    if result.returncode != 0 or not result.stdout:
        raise SynthError(f"espeak-ng failed on voice {voice.variant!r}: {result.stderr.decode(errors='replace')}")
    with wave.open(io.BytesIO(result.stdout)) as handle:
        rate = handle.getframerate()
        raw = handle.readframes(handle.getnframes())
    samples = np.frombuffer(raw, dtype=np.int16).astype(np.float32) / 32768
    samples = _resample(samples, round(rate * voice.tract))
    loud = np.flatnonzero(np.abs(samples) > SILENCE_THRESHOLD * 10)  # trim on the unscaled signal, generously
    if loud.size == 0:
        raise SynthError(f"espeak-ng produced silence for {text!r}")
    samples = samples[loud[0] : loud[-1] + 1]
    rms = float(np.sqrt(np.mean(samples**2)))
    samples *= 10 ** (voice.level_db / 20) / rms
    # The exact extent on the final signal: the first and last sample above -60 dBFS.
    loud = np.flatnonzero(np.abs(samples) > SILENCE_THRESHOLD)
    return samples[loud[0] : loud[-1] + 1].astype(np.float32)


def _resample(samples: np.ndarray, source_rate: int) -> np.ndarray:
    from scipy.signal import resample_poly

    ratio = Fraction(SAMPLING_RATE, source_rate).limit_denominator(2000)
    return resample_poly(samples, ratio.numerator, ratio.denominator).astype(np.float32)


# --- streaming writer ----------------------------------------------------------------------------------


class _PinkNoise:
    """Continuous pink noise (Kellet's 1/f filter on white noise) in pieces, at an exact RMS level."""

    B = (0.049922035, -0.095993537, 0.050612699, -0.004408786)
    A = (1.0, -2.494956002, 2.017265875, -0.522189400)

    def __init__(self, rng: np.random.Generator, level_db: float, lowpass_hz: float | None = None) -> None:
        from scipy.signal import butter, lfilter, lfilter_zi, sosfilt_zi

        self.rng = rng
        self.sos = butter(2, lowpass_hz, fs=SAMPLING_RATE, output="sos") if lowpass_hz else None
        impulse = np.zeros(SAMPLING_RATE * 4)
        impulse[0] = 1.0
        response = lfilter(self.B, self.A, impulse)
        if self.sos is not None:
            from scipy.signal import sosfilt

            response = sosfilt(self.sos, response)
        self.gain = 10 ** (level_db / 20) / float(np.sqrt(np.sum(response**2)))
        self.state = lfilter_zi(self.B, self.A) * 0.0
        self.sos_state = sosfilt_zi(self.sos) * 0.0 if self.sos is not None else None

    def next(self, count: int) -> np.ndarray:
        from scipy.signal import lfilter, sosfilt

        white = self.rng.standard_normal(count)
        pink, self.state = lfilter(self.B, self.A, white, zi=self.state)
        if self.sos is not None:
            pink, self.sos_state = sosfilt(self.sos, pink, zi=self.sos_state)
        return (pink * self.gain).astype(np.float32)


class _StreamingWav:
    """Mixes utterances placed at sample offsets and writes finished audio as it goes.

    Only the stretch after the last flush is held; adding before it is an error.
    """

    def __init__(self, path: Path, noise: _PinkNoise | None = None) -> None:
        self.handle = wave.open(str(path), "wb")  # noqa: SIM115 - closed in close()
        self.handle.setnchannels(1)
        self.handle.setsampwidth(2)
        self.handle.setframerate(SAMPLING_RATE)
        self.noise = noise
        self.offset = 0  # sample index of buffer[0]
        self.buffer = np.zeros(0, dtype=np.float32)

    def add(self, start: int, samples: np.ndarray) -> None:
        if start < self.offset:
            raise ValueError(f"sample {start} was already written (flushed up to {self.offset})")
        end = start + samples.size - self.offset
        if end > self.buffer.size:
            self.buffer = np.concatenate([self.buffer, np.zeros(end - self.buffer.size, dtype=np.float32)])
        self.buffer[start - self.offset : end] += samples

    def flush(self, upto: int) -> None:
        """Write every sample before ``upto`` (padding with silence when the buffer is shorter)."""
        count = upto - self.offset
        if count <= 0:
            return
        if count > self.buffer.size:
            self.buffer = np.concatenate([self.buffer, np.zeros(count - self.buffer.size, dtype=np.float32)])
        for begin in range(0, count, SAMPLING_RATE * 10):
            piece = self.buffer[begin : min(count, begin + SAMPLING_RATE * 10)]
            self.write(piece)
        self.buffer = self.buffer[count:].copy()
        self.offset = upto

    def write(self, piece: np.ndarray) -> None:
        if self.noise is not None:
            piece = piece + self.noise.next(piece.size)
        pcm = np.clip(np.round(piece * 32767), -32768, 32767).astype("<i2")
        self.handle.writeframes(pcm.tobytes())

    def close(self, total: int) -> None:
        self.flush(total)
        self.handle.close()


# --- meetings ------------------------------------------------------------------------------------------


def _check_meeting(speakers: int, minutes: float, voices: str) -> None:
    if voices not in VOICE_SETS:
        raise SynthError(f"voices={voices!r}; choose one of {', '.join(VOICE_SETS)}")
    if not 2 <= speakers <= len(VOICE_SETS[voices]):
        raise SynthError(f"speakers={speakers}; choose 2 to {len(VOICE_SETS[voices])}")
    if not 0 < minutes <= 600:
        raise SynthError(f"minutes={minutes}; choose more than 0 and at most 600")


def _turn_plan(rng: np.random.Generator, speakers: int) -> Iterator[tuple[int, list[str]]]:
    """Endless (speaker, sentences) turns.

    Everyone speaks once in order first (one sentence each, so even a short file has every voice); then
    the chair (speaker 0) takes about twice as many turns as each of the others.
    """
    for speaker in range(speakers):
        yield speaker, [str(rng.choice(SENTENCES))]
    current = speakers - 1
    while True:
        others = [s for s in range(speakers) if s != current]
        weights = np.array([2.0 if s == 0 else 1.0 for s in others])
        current = int(rng.choice(others, p=weights / weights.sum()))
        yield current, [str(s) for s in rng.choice(SENTENCES, size=int(rng.integers(1, 4)), replace=False)]


def _length(pieces: list[tuple[str, np.ndarray, int]]) -> int:
    return sum(audio.size + gap for _, audio, gap in pieces)


def make_meeting(
    path: str | Path,
    speakers: int = 3,
    minutes: float = 5.0,
    seed: int = 0,
    noise_db: float | None = None,
    voices: str = "distinct",
) -> list[MeetingTurn]:
    """Write a synthetic Korean meeting to ``path`` (16 kHz mono WAV) with ``.rttm`` and ``.json`` beside it.

    Turns of 2–15 s (one to three sentences) alternate between ``speakers`` voices with pauses of 0.2–1.5 s;
    sometimes the next speaker starts up to 0.5 s early, someone says 네 as a turn ends (overlapping by at
    most 0.5 s) or answers briefly in the pause. ``noise_db`` adds pink noise at that RMS level in dBFS
    (speech is at about -20 dBFS, so -45 is about 25 dB SNR). The file lasts exactly ``minutes``.
    ``voices`` names a set in ``VOICE_SETS``: ``distinct`` (default) or ``similar``.

    Returns the reference: one ``MeetingTurn`` per utterance, sorted by start, speakers named SPK1, SPK2, ...
    """
    _check_meeting(speakers, minutes, voices)
    voice_set = VOICE_SETS[voices]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng([seed, speakers])
    noise = _PinkNoise(np.random.default_rng([seed, speakers, 7]), noise_db) if noise_db is not None else None
    total = round(minutes * 60 * SAMPLING_RATE)
    names = [f"SPK{n + 1}" for n in range(speakers)]
    turns: list[MeetingTurn] = []
    partial = path.with_name(path.name + ".partial")
    writer = _StreamingWav(partial, noise)
    cursor = 0  # end of everything placed so far, in samples
    previous_main_end = 0

    def seconds(low_high: tuple[float, float]) -> int:
        return round(rng.uniform(*low_high) * SAMPLING_RATE)

    def place(start: int, speaker: int, text: str, audio: np.ndarray) -> None:
        writer.add(start, audio)
        turns.append(MeetingTurn(round(start / SAMPLING_RATE, 3), round((start + audio.size) / SAMPLING_RATE, 3),
                                 names[speaker], text))

    try:
        for speaker, sentences in _turn_plan(rng, speakers):
            voice = voice_set[speaker]
            pieces: list[tuple[str, np.ndarray, int]] = []  # text, samples, gap before it
            for text in sentences:
                audio = synthesize(text, voice)
                gap = seconds(SENTENCE_GAP_SECONDS) if pieces else 0
                if pieces and (_length(pieces) + gap + audio.size) / SAMPLING_RATE > TURN_SECONDS[1]:
                    break
                pieces.append((text, audio, gap))
            overlap = bool(turns) and cursor == previous_main_end and rng.random() < OVERLAP_PROBABILITY
            start = cursor - round(rng.uniform(0.1, MAX_OVERLAP_S) * SAMPLING_RATE) if overlap else (
                cursor + seconds(PAUSE_SECONDS) if turns else round(0.3 * SAMPLING_RATE))
            while len(pieces) > 1 and start + _length(pieces) + SAMPLING_RATE // 2 > total:
                pieces.pop()  # near the end of the file: a shorter turn that still fits
            if start + _length(pieces) + SAMPLING_RATE // 2 > total:
                break
            position = start
            for text, audio, gap in pieces:
                position += gap
                place(position, speaker, text, audio)
                position += audio.size
            cursor = previous_main_end = max(cursor, position)
            others = [s for s in range(speakers) if s != speaker]
            if rng.random() < BACKCHANNEL_PROBABILITY:
                listener = int(rng.choice(others))
                text = str(rng.choice(BACKCHANNELS))
                audio = synthesize(text, voice_set[listener])
                overlap_samples = min(audio.size, round(rng.uniform(0.1, 0.4) * SAMPLING_RATE))
                if position - overlap_samples + audio.size + SAMPLING_RATE // 2 < total:
                    place(position - overlap_samples, listener, text, audio)
                    cursor = max(cursor, position - overlap_samples + audio.size)
            elif rng.random() < ACKNOWLEDGEMENT_PROBABILITY:
                listener = int(rng.choice(others))
                text = str(rng.choice(ACKNOWLEDGEMENTS))
                audio = synthesize(text, voice_set[listener])
                begin = cursor + seconds((0.2, 0.6))
                if begin + audio.size + SAMPLING_RATE // 2 < total:
                    place(begin, listener, text, audio)
                    cursor = begin + audio.size
            writer.flush(max(0, cursor - 2 * SAMPLING_RATE))
        writer.close(total)
    except BaseException:
        writer.handle.close()
        partial.unlink(missing_ok=True)
        raise
    turns.sort(key=lambda turn: (turn.start, turn.end))
    stem = path.stem
    _write_atomic(path.with_suffix(".json"), json.dumps(
        {"version": SYNTH_VERSION, "speakers": speakers, "minutes": minutes, "seed": seed, "noise_db": noise_db,
         "voices": voices, "turns": [asdict(turn) for turn in turns]}, ensure_ascii=False, indent=0))
    os.replace(partial, path)
    # The RTTM is written last: its presence marks a complete file for the cache.
    _write_atomic(path.with_suffix(".rttm"), "".join(
        f"SPEAKER {stem} 1 {turn.start:.3f} {turn.end - turn.start:.3f} <NA> <NA> {turn.speaker} <NA> <NA>\n"
        for turn in turns))
    logger.info("wrote %s: %d utterances, %d speakers, %.1f min", path.name, len(turns), speakers, minutes)
    return turns


def _write_atomic(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def read_rttm(path: str | Path) -> list[tuple[float, float, str]]:
    """(start, end, speaker) for every SPEAKER line of an RTTM file."""
    turns = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) >= 8 and fields[0] == "SPEAKER":
            start = float(fields[3])
            turns.append((start, round(start + float(fields[4]), 3), fields[7]))
    return turns


def meeting_path(cache_dir: str | Path, speakers: int, minutes: float, seed: int = 0,
                 noise_db: float | None = None, voices: str = "distinct") -> Path:
    noise = "clean" if noise_db is None else f"noise{noise_db:g}"
    return Path(cache_dir) / f"meeting-v{SYNTH_VERSION}-{voices}-{speakers}spk-{minutes:g}min-seed{seed}-{noise}.wav"


def cached_meeting(cache_dir: str | Path, speakers: int = 3, minutes: float = 5.0, seed: int = 0,
                   noise_db: float | None = None, voices: str = "distinct") -> tuple[Path, list[MeetingTurn]]:
    """The meeting for these parameters from ``cache_dir``, generated on first use."""
    path = meeting_path(cache_dir, speakers, minutes, seed, noise_db, voices)
    if path.is_file() and path.with_suffix(".rttm").is_file() and path.with_suffix(".json").is_file():
        stored = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        return path, [MeetingTurn(**turn) for turn in stored["turns"]]
    return path, make_meeting(path, speakers, minutes, seed, noise_db, voices)


# --- non-speech ----------------------------------------------------------------------------------------


def _hum(start: int, count: int, mains_hz: float, level_db: float) -> np.ndarray:
    """Mains hum: the fundamental and the odd-heavy harmonics a transformer or ground loop adds."""
    harmonics = ((1, 1.0), (2, 0.5), (3, 0.35), (5, 0.2))
    scale = 10 ** (level_db / 20) / math.sqrt(sum(a * a for _, a in harmonics) / 2)
    t = (start + np.arange(count)) / SAMPLING_RATE
    return (scale * sum(a * np.sin(2 * np.pi * mains_hz * h * t) for h, a in harmonics)).astype(np.float32)


_CHORDS = ((261.63, 329.63, 392.00), (196.00, 246.94, 293.66), (220.00, 261.63, 329.63), (174.61, 220.00, 261.63))


def _music_bars(rng: np.random.Generator, level_db: float) -> Iterator[np.ndarray]:
    """Endless bars of a I–V–vi–IV pop loop at 100 BPM: plucked chords, bass, hi-hat, a random melody."""
    beat = round(0.6 * SAMPLING_RATE)
    bar_length = 4 * beat
    tail = np.zeros(bar_length, dtype=np.float64)
    t = np.arange(bar_length * 2) / SAMPLING_RATE

    def pluck(frequency: float, seconds: float, decay: float) -> np.ndarray:
        n = round(seconds * SAMPLING_RATE)
        envelope = np.exp(-t[:n] / decay) * np.minimum(1.0, t[:n] / 0.005)
        tone = sum(np.sin(2 * np.pi * frequency * k * t[:n]) / k**1.5 for k in (1, 2, 3))
        return envelope * tone

    for bar in _forever():
        chord = _CHORDS[bar % len(_CHORDS)]
        audio = np.zeros(bar_length * 2)
        audio[:bar_length] += tail
        for position in (0, 2 * beat):
            for note in chord:
                audio[position : position + 2 * beat] += 0.3 * pluck(note, 1.2, 0.35)
        for n in range(4):
            audio[n * beat : n * beat + beat] += 0.5 * pluck(chord[0] / 2, 0.6, 0.2)
            hat = rng.standard_normal(round(0.03 * SAMPLING_RATE)) * np.exp(-np.arange(480) / 80)
            audio[n * beat + beat // 2 : n * beat + beat // 2 + hat.size] += 0.15 * np.diff(hat, prepend=0)
        for n in range(8):
            if rng.random() < 0.6:
                note = float(rng.choice(chord)) * 2
                audio[n * beat // 2 : n * beat // 2 + beat] += 0.25 * pluck(note, 0.6, 0.15)
        tail = audio[bar_length:].copy()
        out = audio[:bar_length]
        yield (out * 10 ** (level_db / 20) / np.sqrt(np.mean(out**2))).astype(np.float32)


def _forever() -> Iterator[int]:
    n = 0
    while True:
        yield n
        n += 1


def _keyboard_clicks(rng: np.random.Generator, count: int, state: dict) -> np.ndarray:
    """Typing in bursts: keystrokes (press and release transients) 3–8 per second, then a pause."""
    out = np.zeros(count + SAMPLING_RATE, dtype=np.float64)
    out[: state["carry"].size] += state["carry"]
    position = state["next"]
    while position < count:
        if state["left"] <= 0:  # start a new burst after a pause
            position += round(rng.uniform(1.0, 6.0) * SAMPLING_RATE)
            state["left"] = int(rng.integers(5, 40))
            continue
        for offset in (0, round(rng.uniform(0.06, 0.12) * SAMPLING_RATE)):
            length = round(rng.uniform(0.003, 0.008) * SAMPLING_RATE)
            burst = np.diff(rng.standard_normal(length + 1)) * np.exp(-np.arange(length) / (0.0015 * SAMPLING_RATE))
            peak = 10 ** (rng.uniform(-26, -18) / 20)
            where = position + offset
            out[where : where + length] += peak * burst / np.max(np.abs(burst))
        state["left"] -= 1
        position += round(SAMPLING_RATE / rng.uniform(3, 8))
    state["next"] = position - count
    state["carry"] = out[count:].copy()
    return out[:count].astype(np.float32)


def make_nonspeech(path: str | Path, kind: str, seconds: float, seed: int = 0, level_db: float | None = None) -> Path:
    """Write ``seconds`` of non-speech of ``kind`` (see ``NONSPEECH_KINDS``) as 16 kHz mono WAV.

    ``level_db`` is the RMS level in dBFS (defaults in ``NONSPEECH_LEVELS_DB``); for ``room`` it is the
    level of the room tone (low-passed pink noise) under the keyboard clicks. ``silence`` is digital zero.
    """
    if kind not in NONSPEECH_KINDS:
        raise SynthError(f"kind={kind!r}; choose one of {', '.join(NONSPEECH_KINDS)}")
    if not 0 < seconds <= 36_000:
        raise SynthError(f"seconds={seconds}; choose more than 0 and at most 36000")
    level = NONSPEECH_LEVELS_DB[kind] if level_db is None else level_db
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    total = round(seconds * SAMPLING_RATE)
    rng = np.random.default_rng([seed, NONSPEECH_KINDS.index(kind)])
    partial = path.with_name(path.name + ".partial")
    writer = _StreamingWav(partial)
    try:
        if kind == "music":
            written = 0
            for bar in _music_bars(rng, level):
                piece = bar[: total - written]
                writer.write(piece)
                written += piece.size
                if written >= total:
                    break
        else:
            pink = _PinkNoise(rng, level) if kind == "pink" else None
            room = _PinkNoise(rng, level, lowpass_hz=400) if kind == "room" else None
            clicks = {"next": 0, "left": 0, "carry": np.zeros(0)}
            for start in range(0, total, SAMPLING_RATE):
                count = min(SAMPLING_RATE, total - start)
                if kind == "silence":
                    piece = np.zeros(count, dtype=np.float32)
                elif kind == "white":
                    piece = (rng.standard_normal(count) * 10 ** (level / 20)).astype(np.float32)
                elif kind == "pink":
                    piece = pink.next(count)
                elif kind in ("hum50", "hum60"):
                    piece = _hum(start, count, float(kind[3:]), level)
                else:
                    piece = room.next(count) + _keyboard_clicks(rng, count, clicks)
                writer.write(piece)
        writer.handle.close()
    except BaseException:
        writer.handle.close()
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)
    return path


def cached_nonspeech(cache_dir: str | Path, kind: str, seconds: float, seed: int = 0,
                     level_db: float | None = None) -> Path:
    level = "" if level_db is None else f"-{level_db:g}dB"
    path = Path(cache_dir) / f"nonspeech-v{SYNTH_VERSION}-{kind}-{seconds:g}s-seed{seed}{level}.wav"
    return path if path.is_file() else make_nonspeech(path, kind, seconds, seed, level_db)
