"""Spoken guidance for blind citizens at the kiosk: the same Korean text the signing shows, read aloud.

espeak-ng (Debian package ``espeak-ng``, installed by ``make``) runs on the kiosk's server with no
network and gives every kiosk browser the same voice; a browser's own speech synthesis often has no
Korean voice on Linux. Its Korean is robotic but intelligible for short guidance sentences.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from nlp.korean import clean_unicode
from signlang.errors import SignLanguageError

logger = logging.getLogger(__name__)

MAX_CHARACTERS = 1000  # guidance is a few sentences; longer input is a mistake or an attack


class VoiceError(SignLanguageError):
    """The text cannot be spoken, or the speech engine is missing."""


@dataclass(frozen=True)
class VoiceOptions:
    voice: str = "ko"
    words_per_minute: int = 150  # espeak's default 175 is hard to follow for older listeners
    pitch: int = 50
    timeout_s: float = 30.0


class SpeechSynthesizer:
    """Korean text → WAV bytes with espeak-ng."""

    def __init__(self, options: VoiceOptions | None = None, executable: str = "espeak-ng") -> None:
        self.options = options or VoiceOptions()
        if not 80 <= self.options.words_per_minute <= 450:
            raise VoiceError(f"words_per_minute {self.options.words_per_minute} is outside 80–450")
        self.executable = executable

    def available(self) -> bool:
        return shutil.which(self.executable) is not None

    def synthesize(self, text: str) -> bytes:
        text = clean_unicode(text).strip()
        if not text:
            raise VoiceError("읽을 문장이 비어 있습니다 (nothing to speak: the text is empty)")
        if len(text) > MAX_CHARACTERS:
            raise VoiceError(f"문장이 너무 깁니다: {len(text)}자, 최대 {MAX_CHARACTERS}자 "
                             f"(text too long to speak: {len(text)} > {MAX_CHARACTERS} characters)")
        path = shutil.which(self.executable)
        if path is None:
            raise VoiceError("음성 합성기(espeak-ng)가 설치되어 있지 않습니다: apt-get install espeak-ng "
                             "(speech engine missing)")
        options = self.options
        with tempfile.TemporaryDirectory(prefix="civicai-voice-") as folder:
            # A file, not --stdout: espeak streams a WAV header with a placeholder length that some players
            # read as a 13-hour clip. The text goes on stdin, never on the command line: it cannot be an option.
            wav = Path(folder) / "speech.wav"
            command = [path, "-v", options.voice, "-s", str(options.words_per_minute), "-p", str(options.pitch),
                       "-w", str(wav)]
            try:
                result = subprocess.run(command, input=text.encode("utf-8"), capture_output=True,
                                        timeout=options.timeout_s, check=False)
            except subprocess.TimeoutExpired as error:
                raise VoiceError(f"음성 합성이 {options.timeout_s:.0f}초 안에 끝나지 않았습니다 "
                                 "(speech timed out)") from error
            audio = wav.read_bytes() if wav.is_file() else b""
        if result.returncode != 0 or not audio.startswith(b"RIFF"):
            logger.error("espeak-ng failed (%s): %s", result.returncode, result.stderr[:200])
            raise VoiceError("음성을 만들지 못했습니다 (speech synthesis failed)")
        return audio
