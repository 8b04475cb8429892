"""Signer-independent features from a holistic pose (from a video through MediaPipe, or rendered).

Normalisation: position (shoulder midpoint), scale (shoulder width), handedness (the hand that moves more is
made the right hand, mirroring a left-handed signer), speed (resampled to a fixed length), idle frames with
the hands down trimmed. Missing hands: short gaps interpolated, long ones held from the nearest seen frame.
Two views per frame: where the hands are (trajectory) and what shape they make (finger distances relative to
the hand's own size, which do not depend on the signer's body).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from signlang.errors import SignLanguageError
from signlang.gloss2pose import BODY, LEFT_HAND, RIGHT_HAND

logger = logging.getLogger(__name__)

FEATURE_VERSION = 6  # bump when the features change: cached files of older versions are ignored
LENGTH = 40          # frames after resampling
SHORT_GAP = 6        # frames of a missing hand that are interpolated rather than held
TIPS = (4, 8, 12, 16, 20)


class VideoError(SignLanguageError):
    """A video that cannot be read, or shows nobody signing."""


@dataclass(frozen=True)
class SignFeatures:
    trajectory: np.ndarray  # (LENGTH, 12): wrists, elbows, wrist-to-wrist, dominant wrist velocity
    handshape: np.ndarray   # (LENGTH, 24): shape and orientation of both hands, relative to hand size
    raw: np.ndarray         # (LENGTH, 2 * 23 * 2): positions only, the DTW baseline's view
    mirrored: bool


def read_video(path: Path, max_seconds: float = 20.0) -> tuple[list[np.ndarray], float]:
    """RGB frames and frame rate; a clear error for files that are not video."""
    import cv2

    if not path.is_file():
        raise VideoError(f"{path.name}: 파일이 없습니다 (no such file)")
    capture = cv2.VideoCapture(str(path))
    if not capture.isOpened():
        raise VideoError(f"{path.name}: 영상을 읽을 수 없습니다 (not a readable video)")
    fps = capture.get(cv2.CAP_PROP_FPS) or 25.0
    frames = []
    while len(frames) < max_seconds * fps:
        ok, frame = capture.read()
        if not ok:
            break
        frames.append(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))
    capture.release()
    if not frames:
        raise VideoError(f"{path.name}: 영상에 프레임이 없습니다 (the video has no frames)")
    return frames, float(fps)


def pose_from_frames(frames: Sequence[np.ndarray], fps: float, name: str = "video", model_complexity: int = 1):
    """MediaPipe holistic over RGB frames (webcam or decoded clip) → holistic ``Pose``."""
    from pose_format.utils.holistic import load_holistic

    height, width = frames[0].shape[:2]
    pose = load_holistic(list(frames), fps=fps, width=width, height=height,
                         additional_holistic_config={"model_complexity": model_complexity})
    confidence = np.asarray(pose.body.confidence)[:, 0]
    if not confidence[:, BODY + 11:BODY + 13].any():
        raise VideoError(f"{name}: 사람이 보이지 않습니다 (no person detected)")
    if not confidence[:, LEFT_HAND:RIGHT_HAND + 21].any():
        raise VideoError(f"{name}: 손이 보이지 않습니다 (no hands detected)")
    return pose


def features_for_video(path: Path, cache_dir: Path | None = None) -> SignFeatures:
    """Features of a clip, cached by the file's content so a vocabulary loads in seconds."""
    cached = None
    if cache_dir is not None:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:24] if path.is_file() else ""
        cached = cache_dir / f"{digest}-v{FEATURE_VERSION}.npz"
        if digest and cached.is_file():
            stored = np.load(cached)
            return SignFeatures(stored["trajectory"], stored["handshape"], stored["raw"], bool(stored["mirrored"]))
    frames, fps = read_video(path)
    features = features_from_pose(pose_from_frames(frames, fps, path.name))
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(cached, trajectory=features.trajectory, handshape=features.handshape, raw=features.raw,
                            mirrored=features.mirrored)
    return features


def features_from_pose(pose) -> SignFeatures:
    data = np.asarray(pose.body.data, dtype=np.float64)[:, 0, :, :2]
    seen = np.asarray(pose.body.confidence)[:, 0] > 0
    return features_from_points(data, seen)


def features_from_points(data: np.ndarray, seen: np.ndarray) -> SignFeatures:
    """``data``: (frames, points, 2) in holistic order; ``seen``: (frames, points)."""
    shoulders_seen = seen[:, BODY + 11] & seen[:, BODY + 12]
    if not shoulders_seen.any():
        raise VideoError("사람의 어깨가 보이지 않습니다 (no shoulders detected)")
    left, right = data[shoulders_seen, BODY + 11], data[shoulders_seen, BODY + 12]
    centre = np.median((left + right) / 2, axis=0)
    width = float(np.median(np.linalg.norm(left - right, axis=1))) or 1.0
    points = (data - centre) / width
    parts = {
        "right_hand": _fill(points[:, RIGHT_HAND:RIGHT_HAND + 21], seen[:, RIGHT_HAND:RIGHT_HAND + 21].any(axis=1),
                            points[:, BODY + 16]),
        "left_hand": _fill(points[:, LEFT_HAND:LEFT_HAND + 21], seen[:, LEFT_HAND:LEFT_HAND + 21].any(axis=1),
                           points[:, BODY + 15]),
        "right_elbow": _fill(points[:, [BODY + 14]], seen[:, BODY + 14], points[:, BODY + 14])[:, 0],
        "left_elbow": _fill(points[:, [BODY + 13]], seen[:, BODY + 13], points[:, BODY + 13])[:, 0],
    }
    raw = np.concatenate([parts["right_hand"].reshape(len(points), -1), parts["right_elbow"],
                          parts["left_hand"].reshape(len(points), -1), parts["left_elbow"]], axis=1)
    # Handedness: the hand whose wrist travels more is the dominant one, shown as the signer's right.
    # (spread of the wrist over time, not path length: tracking jitter adds path length to a hand at rest)
    travel = {side: float(parts[f"{side}_hand"][:, 0].std(axis=0).sum()) for side in ("right", "left")}
    mirrored = travel["left"] > travel["right"] * 1.2
    dominant, other = ("left", "right") if mirrored else ("right", "left")
    hand, other_hand = parts[f"{dominant}_hand"].copy(), parts[f"{other}_hand"].copy()
    elbow, other_elbow = parts[f"{dominant}_elbow"].copy(), parts[f"{other}_elbow"].copy()
    if mirrored:
        for array in (hand, other_hand, elbow, other_elbow):
            array[..., 0] *= -1
    active = _active_frames(hand[:, 0], other_hand[:, 0])
    hand, other_hand, elbow, other_elbow = (a[active] for a in (hand, other_hand, elbow, other_elbow))
    wrist, other_wrist = hand[:, 0], other_hand[:, 0]
    positions = _resample(np.concatenate([wrist, other_wrist, elbow, other_elbow, wrist - other_wrist], axis=1))
    # Velocity per unit of *normalised* time, after resampling and smoothing: independent of signing speed and
    # of frame-to-frame tracking jitter.
    velocity = np.gradient(_smooth(positions[:, :2], 5), axis=0) * (LENGTH / 8)
    handshape = np.concatenate([_shape(hand), _shape(other_hand)], axis=1)
    return SignFeatures(np.concatenate([positions, velocity], axis=1), _resample(_smooth(handshape, 3)),
                        _resample(raw), mirrored)


def _fill(values: np.ndarray, present: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    """Missing frames of one part: short gaps interpolated, long ones held; never seen → the fallback
    (the pose model's wrist for a hand) repeated as a point."""
    values = values.copy()
    if not present.any():
        return np.repeat(fallback[:, None, :], values.shape[1], axis=1) if values.ndim == 3 else fallback.copy()
    seen_at = np.flatnonzero(present)
    for index in np.flatnonzero(~present):
        before = seen_at[seen_at < index]
        after = seen_at[seen_at > index]
        if len(before) and len(after) and after[0] - before[-1] <= SHORT_GAP + 1:
            weight = (index - before[-1]) / (after[0] - before[-1])
            values[index] = values[before[-1]] * (1 - weight) + values[after[0]] * weight
        else:
            nearest = before[-1] if len(before) and (not len(after) or index - before[-1] <= after[0] - index) \
                else after[0]
            values[index] = values[nearest]
    return values


def _active_frames(wrist: np.ndarray, other_wrist: np.ndarray) -> np.ndarray:
    """Drop the idle start and end, where both hands rest low (below the chest) and hardly move."""
    low = (wrist[:, 1] > 1.6) & (other_wrist[:, 1] > 1.6)
    keep = np.ones(len(wrist), dtype=bool)
    start = 0
    while start < len(low) - 4 and low[start]:
        start += 1
    end = len(low)
    while end > start + 4 and low[end - 1]:
        end -= 1
    keep[:start] = False
    keep[end:] = False
    return keep


def _shape(hand: np.ndarray) -> np.ndarray:
    """Per frame (12 values): fingertip-to-wrist and fingertip-to-thumb distances over the palm's length, the
    hand's pointing direction and which way the palm faces."""
    size = np.linalg.norm(hand[:, 9] - hand[:, 0], axis=1, keepdims=True)
    # A palm seen end-on (or a tracking glitch) is short on screen: never divide by less than a third of usual.
    size = np.maximum(size, max(float(np.median(size)), 1e-6) / 3)
    to_wrist = np.linalg.norm(hand[:, list(TIPS)] - hand[:, [0]], axis=2) / size
    to_thumb = np.linalg.norm(hand[:, list(TIPS[1:])] - hand[:, [4]], axis=2) / size
    # Orientation: where the hand points, and which side of the palm faces the camera (the turn from the
    # index knuckle to the little-finger knuckle is clockwise or not), which distances alone cannot tell.
    pointing = (hand[:, 9] - hand[:, 0]) / size
    index_side, little_side = hand[:, 5] - hand[:, 0], hand[:, 17] - hand[:, 0]
    facing = (index_side[:, 0] * little_side[:, 1] - index_side[:, 1] * little_side[:, 0]) / size[:, 0] ** 2
    return np.concatenate([to_wrist, to_thumb, pointing, facing[:, None]], axis=1)


def _smooth(values: np.ndarray, window: int) -> np.ndarray:
    if len(values) < window:
        return values
    padded = np.pad(values, ((window // 2, window // 2), (0, 0)), mode="edge")
    kernel = np.ones(window) / window
    return np.stack([np.convolve(padded[:, i], kernel, mode="valid") for i in range(values.shape[1])], axis=1)


def _resample(sequence: np.ndarray, length: int = LENGTH) -> np.ndarray:
    if len(sequence) == 1:
        return np.repeat(sequence, length, axis=0)
    source = np.linspace(0, 1, len(sequence))
    target = np.linspace(0, 1, length)
    return np.stack([np.interp(target, source, sequence[:, i]) for i in range(sequence.shape[1])], axis=1)
