"""Pose → video for the kiosk: a clean avatar-like figure on a plain background, hands large and clear.

Frames are drawn with OpenCV (anti-aliased) and piped raw into ffmpeg: H.264 yuv420p MP4 with faststart
plays in every browser, GIF for places without video; ``.pose`` is written as is for the pose-viewer.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import numpy as np

from signlang.errors import SignLanguageError
from signlang.gloss2pose import BODY, FACE, LEFT_HAND, RIGHT_HAND, GlossToPose, SignedPose, SignSpan
from signlang.text2gloss import TextToGloss
from signlang.types import Gloss

logger = logging.getLogger(__name__)

FORMATS = (".mp4", ".gif", ".pose")
KOREAN_FONT = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")
# BGR colours: calm skin and clothes; the two hands in clearly different colours.
BACKGROUND, SHIRT, SLEEVE, SKIN, OUTLINE = (245, 240, 236), (120, 84, 52), (84, 56, 34), (160, 190, 225), (60, 60, 60)
DOMINANT, OTHER, FEATURE = (40, 110, 230), (40, 160, 70), (50, 50, 50)
HAND_BONES = ((0, 1), (1, 2), (2, 3), (3, 4), (0, 5), (5, 6), (6, 7), (7, 8), (5, 9), (9, 10), (10, 11),
              (11, 12), (9, 13), (13, 14), (14, 15), (15, 16), (13, 17), (0, 17), (17, 18), (18, 19), (19, 20))


class RenderError(SignLanguageError):
    """The output cannot be written (unknown format, ffmpeg missing or failing)."""


@dataclass(frozen=True)
class RenderOptions:
    captions: bool = True  # the gloss being signed, in Korean, under the figure
    gif_fps: int = 12
    gif_width: int = 320


SENTENCE_END = re.compile(r"(?<=[.?!。])\s+")


@dataclass(frozen=True)
class RenderResult:
    path: Path
    sentences: tuple[tuple[Gloss, ...], ...]
    spans: tuple[SignSpan, ...]
    duration: float


def sign_text(text: str, translator: TextToGloss, gloss_to_pose: GlossToPose) -> tuple[list[list[Gloss]], SignedPose]:
    """Korean guidance → glosses per sentence (a pause between sentences) → pose."""
    sentences = [translator.translate(part) for part in SENTENCE_END.split(text.strip()) if part.strip()]
    sentences = [glosses for glosses in sentences if glosses]
    if not sentences:
        raise RenderError("수어로 옮길 내용이 없습니다 (nothing to sign: the text has no words)")
    return sentences, gloss_to_pose.run(sentences)


def render_text(text: str, path: Path, translator: TextToGloss, gloss_to_pose: GlossToPose,
                options: RenderOptions | None = None) -> RenderResult:
    """What ``civicai sign render`` and the kiosk call: text → glosses → pose → file."""
    sentences, signed = sign_text(text, translator, gloss_to_pose)
    render(signed, path, options)
    return RenderResult(path, tuple(tuple(s) for s in sentences), signed.spans, signed.duration)


def render(signed: SignedPose, path: Path, options: RenderOptions | None = None) -> Path:
    """Write ``signed`` to ``path``; the suffix picks the format (.mp4, .gif, .pose)."""
    options = options or RenderOptions()
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise RenderError(f"지원하지 않는 형식입니다: {path.suffix or '(없음)'} (output must end in "
                          f"{', '.join(FORMATS)})")
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".pose":
        with open(path, "wb") as handle:
            signed.pose.write(handle)
        return path
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        raise RenderError("ffmpeg is not installed (apt-get install ffmpeg) — 영상 변환 도구가 없습니다")
    pose = signed.pose
    width, height = pose.header.dimensions.width, pose.header.dimensions.height
    fps = pose.body.fps
    if suffix == ".mp4":
        output = ["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-movflags", "+faststart"]
    else:
        output = ["-vf", f"fps={options.gif_fps},scale={options.gif_width}:-1:flags=lanczos,split[a][b];"
                         "[a]palettegen[p];[b][p]paletteuse", "-loop", "0"]
    command = [ffmpeg, "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "bgr24", "-s", f"{width}x{height}",
               "-r", f"{fps:g}", "-i", "-", *output, str(path)]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for frame in frames(signed, options):
            process.stdin.write(frame.tobytes())
        process.stdin.close()
        error = process.stderr.read().decode("utf-8", errors="replace")
        if process.wait(timeout=120) != 0:
            raise RenderError(f"ffmpeg failed writing {path.name}: {error.strip()[:300]}")
    except BrokenPipeError as broken:
        process.kill()
        raise RenderError(f"ffmpeg stopped early writing {path.name}") from broken
    return path


def frames(signed: SignedPose, options: RenderOptions | None = None):
    """BGR frames (height × width × 3, uint8), one per pose frame."""
    import cv2

    options = options or RenderOptions()
    pose = signed.pose
    width, height = pose.header.dimensions.width, pose.header.dimensions.height
    data = np.asarray(pose.body.data)[:, 0, :, :2]
    confidence = np.asarray(pose.body.confidence)[:, 0]
    fps = pose.body.fps
    for index, (points, seen) in enumerate(zip(data, confidence, strict=True)):
        image = np.full((height, width, 3), BACKGROUND, dtype=np.uint8)
        _draw_figure(cv2, image, points, seen)
        if options.captions:
            caption = _caption_at(signed.spans, index / fps)
            if caption:
                _draw_caption(image, caption)
        yield image


def _pt(point: np.ndarray) -> tuple[int, int]:
    return round(float(point[0]) * 4), round(float(point[1]) * 4)  # 2 bits of sub-pixel precision (shift=2)


def _draw_figure(cv2, image: np.ndarray, points: np.ndarray, seen: np.ndarray) -> None:
    line = cv2.LINE_AA
    right_shoulder, left_shoulder = points[BODY + 12], points[BODY + 11]
    right_hip, left_hip = points[BODY + 24], points[BODY + 23]
    width = float(np.linalg.norm(left_shoulder - right_shoulder)) or 100.0
    widen = np.array([0.12 * width, 0.0])
    flare = np.array([0.1 * width, 60.0])
    torso = np.array([right_shoulder - widen, left_shoulder + widen, left_hip + flare,
                      right_hip + flare * np.array([-1, 1])])
    cv2.fillPoly(image, [np.round(torso * 4).astype(np.int32)], SHIRT, line, shift=2)
    face_indices = np.flatnonzero(seen[FACE:FACE + 468]) + FACE
    if len(face_indices):
        face = points[face_indices]
        centre, radius = face.mean(axis=0), float(np.ptp(face[:, 1])) / 2 or 50.0
        neck_top, neck_bottom = centre + np.array([0, radius * 0.8]), (right_shoulder + left_shoulder) / 2
        cv2.line(image, _pt(neck_top), _pt(neck_bottom), SKIN, int(width * 0.28), line, shift=2)
        axes = (int(radius * 0.85 * 4), int(radius * 1.02 * 4))
        cv2.ellipse(image, _pt(centre), axes, 0, 0, 360, SKIN, -1, line, shift=2)
        cv2.ellipse(image, _pt(centre), axes, 0, 0, 360, OUTLINE, 2, line, shift=2)
        _draw_face(cv2, image, points, seen)
    arm_width = max(6, int(width * 0.16))
    for shoulder, elbow, wrist, hand, colour in (
        (12, 14, 16, RIGHT_HAND, DOMINANT), (11, 13, 15, LEFT_HAND, OTHER)
    ):
        if not seen[BODY + elbow]:
            continue
        chain = [points[BODY + shoulder], points[BODY + elbow], points[BODY + wrist]]
        for a, b in pairwise(chain):
            cv2.line(image, _pt(a), _pt(b), SLEEVE, arm_width, line, shift=2)
        if seen[hand:hand + 21].any():
            _draw_hand(cv2, image, points[hand:hand + 21], colour)


def _draw_hand(cv2, image: np.ndarray, hand: np.ndarray, colour: tuple[int, int, int]) -> None:
    line = cv2.LINE_AA
    palm = hand[[0, 1, 5, 9, 13, 17]]
    cv2.fillPoly(image, [np.round(palm * 4).astype(np.int32)], SKIN, line, shift=2)
    for a, b in HAND_BONES:
        cv2.line(image, _pt(hand[a]), _pt(hand[b]), colour, 7, line, shift=2)
    for point in hand[[4, 8, 12, 16, 20]]:
        cv2.circle(image, _pt(point), 5 * 4, colour, -1, line, shift=2)


def _draw_face(cv2, image: np.ndarray, points: np.ndarray, seen: np.ndarray) -> None:
    from mediapipe.python.solutions import face_mesh_connections as mesh

    for connections, thickness in ((mesh.FACEMESH_LEFT_EYE, 2), (mesh.FACEMESH_RIGHT_EYE, 2),
                                   (mesh.FACEMESH_LEFT_EYEBROW, 3), (mesh.FACEMESH_RIGHT_EYEBROW, 3),
                                   (mesh.FACEMESH_LIPS, 2)):
        for a, b in connections:
            if seen[FACE + a] and seen[FACE + b]:
                cv2.line(image, _pt(points[FACE + a]), _pt(points[FACE + b]), FEATURE, thickness, cv2.LINE_AA,
                         shift=2)


def _caption_at(spans: Sequence[SignSpan], moment: float) -> str | None:
    for span in spans:
        if span.start <= moment <= span.end:
            return span.gloss
    return None


@lru_cache(maxsize=512)
def _caption_image(text: str, width: int) -> np.ndarray:
    """The caption strip as a BGR image (PIL draws Hangul; OpenCV's fonts cannot)."""
    from PIL import Image, ImageDraw, ImageFont

    strip = Image.new("RGB", (width, 52), (33, 37, 41))
    draw = ImageDraw.Draw(strip)
    font = ImageFont.truetype(str(KOREAN_FONT), 30) if KOREAN_FONT.is_file() else ImageFont.load_default()
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    draw.text(((width - (right - left)) / 2, (52 - (bottom - top)) / 2 - top), text, fill=(255, 255, 255), font=font)
    return np.asarray(strip)[:, :, ::-1].copy()


def _draw_caption(image: np.ndarray, text: str) -> None:
    strip = _caption_image(text, image.shape[1])
    image[-strip.shape[0]:] = strip
