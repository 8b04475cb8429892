"""Gloss sequence → signing pose (MediaPipe holistic layout, pose-format), from the authored parametric forms.

Each sign is compiled from its lexicon entry: the handshape gives the 21 hand points (finger curls from
``avatar.yaml``), the location a target for the palm, the orientation a hand rotation, the movement a path
over the sign's duration; arms follow by two-bone inverse kinematics so limbs keep their length. Signs are
joined by eased transitions, lightly smoothed, with rest at the start and end and a pause between sentences.
A recorded human sign in ``poses/<gloss>.pose`` replaces the authored one.

Coordinates are pixels of the avatar canvas, as MediaPipe reports them for a right-handed signer filmed from
the front: the signer's right (dominant) hand is on the viewer's left and uses ``RIGHT_HAND_LANDMARKS``.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from signlang.errors import SignLanguageError
from signlang.lexicon import Lexicon, read_yaml
from signlang.types import Gloss, HandForm, LexiconEntry

logger = logging.getLogger(__name__)

# Holistic layout (pose_format.utils.holistic.holistic_components): offsets of each component.
BODY, FACE, LEFT_HAND, RIGHT_HAND, WORLD = 0, 33, 501, 522, 543
POINTS = 576
FINGERS = ((1, 2, 3, 4), (5, 6, 7, 8), (9, 10, 11, 12), (13, 14, 15, 16), (17, 18, 19, 20))  # thumb … pinky
FINGER_SCALE = (0.75, 0.9, 1.0, 0.95, 0.75)
FINGER_BASE_X = (-0.42, -0.3, -0.08, 0.13, 0.32)  # knuckles across the palm, palm widths (thumb side first)
SEGMENT_SHARE = (0.45, 0.3, 0.25)
PALM_POINTS = (0, 1, 5, 9, 13, 17)


class PoseError(SignLanguageError):
    """A sign cannot be turned into a pose (bad avatar data, unreadable recorded pose)."""


@dataclass(frozen=True)
class PoseOptions:
    transition_s: float = 0.28   # moving from one sign to the next
    hold_s: float = 0.12         # held at the end of each sign so it can be read
    rest_s: float = 0.4          # hands at rest at the start and the end
    sentence_pause_s: float = 0.6
    smoothing: int = 3           # moving-average window (frames) over the joined sequence


@dataclass(frozen=True)
class SignSpan:
    gloss: str
    source: str
    start: float
    end: float


@dataclass(frozen=True)
class SignedPose:
    pose: Any  # pose_format.Pose
    spans: tuple[SignSpan, ...]

    @property
    def duration(self) -> float:
        return self.pose.body.data.shape[0] / self.pose.body.fps


@dataclass
class _Frame:
    """What moves, before inverse kinematics: palm targets, hand shapes (local, relative to the wrist), head."""

    dominant: np.ndarray          # (2,) palm centre
    dominant_hand: np.ndarray     # (21, 3) relative to the wrist
    other: np.ndarray
    other_hand: np.ndarray
    head: np.ndarray = field(default_factory=lambda: np.zeros(2))
    brow: float = 0.0

    def vector(self) -> np.ndarray:
        return np.concatenate([self.dominant, self.dominant_hand.ravel(), self.other, self.other_hand.ravel(),
                               self.head, [self.brow]])

    @classmethod
    def from_vector(cls, vector: np.ndarray) -> _Frame:
        return cls(vector[0:2], vector[2:65].reshape(21, 3), vector[65:67], vector[67:130].reshape(21, 3),
                   vector[130:132], float(vector[132]))


def _ease(t: np.ndarray) -> np.ndarray:
    return 0.5 - 0.5 * np.cos(np.pi * np.clip(t, 0, 1))


def _rotation(angle: float) -> np.ndarray:
    c, s = math.cos(angle), math.sin(angle)
    return np.array([[c, -s], [s, c]])


class Avatar:
    """The body model and its numbers from ``avatar.yaml``."""

    def __init__(self, data: dict[str, Any]) -> None:
        try:
            canvas, body = data["canvas"], data["body"]
            self.width, self.height, self.fps = int(canvas["width"]), int(canvas["height"]), float(canvas["fps"])
            self.shoulder_width = float(body["shoulder_width"])
            self.shoulder_y, self.hip_y = float(body["shoulder_y"]), float(body["hip_y"])
            self.head_y, self.head_radius = float(body["head_center_y"]), float(body["head_radius"])
            self.upper_arm, self.forearm = float(body["upper_arm"]), float(body["forearm"])
            self.palm_length, self.finger_length = float(body["palm_length"]), float(body["finger_length"])
            self.handshapes: dict[str, dict[str, Any]] = dict(data["handshapes"])
            self.locations = {k: np.array(v, dtype=float) for k, v in data["locations"].items()}
            self.rest = np.array(data["rest"], dtype=float)
        except (KeyError, TypeError, ValueError) as error:
            raise PoseError(f"avatar.yaml is incomplete or malformed: {error}") from error
        self.centre_x = self.width / 2
        # The signer's right shoulder is on the viewer's left.
        self.right_shoulder = np.array([self.centre_x - self.shoulder_width / 2, self.shoulder_y])
        self.left_shoulder = np.array([self.centre_x + self.shoulder_width / 2, self.shoulder_y])

    def point(self, relative: np.ndarray, dominant: bool = True) -> np.ndarray:
        """Body-relative (x toward the hand's own side, y down, in shoulder widths) → pixels."""
        side = -1.0 if dominant else 1.0
        return np.array([self.centre_x + side * relative[0] * self.shoulder_width,
                         self.shoulder_y + relative[1] * self.shoulder_width])

    def hand(self, handshape: str, orientation: str, dominant: bool = True, openness: float | None = None
             ) -> np.ndarray:
        """21 hand points relative to the wrist, for a hand shape seen in an orientation."""
        if handshape not in self.handshapes:
            raise PoseError(f"handshape {handshape!r} has no finger values in avatar.yaml")
        shape = self.handshapes[handshape]
        curls = np.array(shape["curl"], dtype=float)
        thumb = float(shape.get("thumb", 0.5))
        spread = float(shape.get("spread", 0.0))
        if openness is not None:  # open/close movements blend towards a flat hand or a fist
            curls = curls * (1 - openness) if openness >= 0 else curls + (1 - curls) * -openness
        palm_width = self.palm_length * 0.85
        points = np.zeros((21, 3))
        for finger, joints in enumerate(FINGERS):
            length = self.finger_length * FINGER_SCALE[finger]
            if finger == 0:
                base = np.array([FINGER_BASE_X[0] * palm_width, -self.palm_length * 0.25, 0.0])
                direction = _rotation(-0.9 + 0.9 * thumb) @ np.array([-0.8, -0.6])
                tip_pull = thumb * 0.6
            else:
                angle = (finger - 2.5) * 0.18 * spread
                base = np.array([FINGER_BASE_X[finger] * palm_width, -self.palm_length, 0.0])
                direction = _rotation(angle) @ np.array([0.0, -1.0])
                tip_pull = 0.0
            curl = 0.0 if finger == 0 else curls[finger - 1]
            position = base.copy()
            points[joints[0]] = position
            bend = 0.0
            for segment, share in zip(range(3), SEGMENT_SHARE, strict=True):
                bend += curl * (1.35, 1.6, 1.0)[segment]
                step = length * share
                # Bending folds the finger toward the palm (towards the viewer's z) and shortens it on screen.
                flat = direction * step * math.cos(bend)
                towards = np.array([-tip_pull * direction[0] * step, 0.0])
                position = position + np.array([flat[0] + towards[0], flat[1], -step * math.sin(bend)])
                points[joints[segment + 1]] = position
        touch = shape.get("touch")
        if touch:
            target = {"index": 8, "middle": 12}[touch]
            points[4] = points[target] + np.array([2.0, 2.0, 0.0])
            points[3] = (points[2] + points[4]) / 2
        return self._orient(points, orientation, dominant)

    @staticmethod
    def _orient(points: np.ndarray, orientation: str, dominant: bool) -> np.ndarray:
        out = points.copy()
        if orientation in ("palm_in", "palm_out"):
            if orientation == "palm_in":
                out[:, 0] = -out[:, 0]
                out[:, 2] = -out[:, 2]
        elif orientation in ("palm_down", "palm_up"):
            # Fingers point across the body, toward the other hand.
            out[:, :2] = points[:, :2] @ _rotation(-math.pi / 2).T
            out[:, 1] *= 0.45 if orientation == "palm_down" else -0.45
        elif orientation in ("palm_left", "palm_right"):
            # Seen edge-on; the thumb is on the side the palm turns from, so left and right mirror each other.
            turn = 1.0 if orientation == "palm_left" else -1.0
            out[:, 0] *= 0.35 * turn
            out[:, 2] += points[:, 0] * 0.9 * turn
        else:
            raise PoseError(f"orientation {orientation!r} is not known to the avatar")
        # The canonical hand is a left hand (thumb toward the viewer's left when the palm faces out).
        if dominant:
            out[:, 0] = -out[:, 0]
        return out

    def wrist_for(self, palm_centre: np.ndarray, hand: np.ndarray) -> np.ndarray:
        palm_mid = hand[list(PALM_POINTS), :2].mean(axis=0)
        return palm_centre - palm_mid


def _path(movement: str, t: np.ndarray, size: float
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Offsets over normalised time: (dominant xy, other xy, hand rotation, openness, apparent hand size)."""
    n = len(t)
    zero = np.zeros((n, 2))
    offset, other, rotate, openness = zero.copy(), zero.copy(), np.zeros(n), np.full(n, np.nan)
    scale = np.ones(n)
    wave = np.sin(2 * np.pi * t)
    ramp = _ease(t)
    if movement == "tap":
        offset[:, 1] = size * 0.25 * np.abs(np.sin(2 * np.pi * t))
    elif movement == "touch":
        offset[:, 1] = size * 0.25 * np.sin(np.pi * t)
    elif movement.startswith("straight_"):
        direction = movement.removeprefix("straight_")
        vector = {"forward": (0.0, 0.35), "back": (0.0, -0.35), "down": (0.0, 1.0), "up": (0.0, -1.0),
                  "left": (1.0, 0.0), "right": (-1.0, 0.0)}[direction]
        offset = np.outer(ramp - 0.5, vector) * size
        if direction in ("forward", "back"):  # toward the camera the hand looks bigger
            grow = 0.3 if direction == "forward" else -0.3
            scale = 1 + grow * (ramp - 0.5)
    elif movement.startswith("arc_"):
        direction = movement.removeprefix("arc_")
        angle = np.pi * ramp
        offset[:, 1] = -size * 0.4 * np.sin(angle)
        if direction in ("forward", "back"):  # over the top towards or away from the camera: it grows or shrinks
            scale = 1 + (0.35 if direction == "forward" else -0.35) * (ramp - 0.5)
        else:
            sign = -1 if direction == "right" else 1
            offset[:, 0] = sign * size * 0.5 * (1 - np.cos(angle)) - sign * size * 0.5
    elif movement == "circle":
        offset[:, 0] = size * 0.35 * np.cos(2 * np.pi * t)
        offset[:, 1] = size * 0.35 * np.sin(2 * np.pi * t)
    elif movement == "rub":
        offset[:, 0] = size * 0.15 * np.cos(4 * np.pi * t)
        offset[:, 1] = size * 0.1 * np.sin(4 * np.pi * t)
    elif movement == "flick":  # fingers held against the thumb, then snapped open
        openness = -0.8 + 1.8 * np.clip((t - 0.45) / 0.2, 0, 1)
        offset[:, 0] = -size * 0.15 * np.clip((t - 0.45) / 0.2, 0, 1)
    elif movement in ("shake", "zigzag", "brush"):
        cycles = {"shake": 2, "zigzag": 1.5, "brush": 0.5}[movement]
        offset[:, 0] = size * 0.3 * np.sin(2 * np.pi * cycles * t)
        if movement == "zigzag":
            offset[:, 1] = size * (t - 0.5)
    elif movement in ("twist", "bend"):
        rotate = (0.6 if movement == "twist" else 0.45) * wave
    elif movement == "wiggle":
        openness = 0.4 * np.abs(np.sin(3 * np.pi * t))
    elif movement == "open":
        openness = ramp
    elif movement == "close":
        openness = -ramp
    elif movement == "alternate":
        offset[:, 1] = size * 0.35 * wave
        other[:, 1] = -size * 0.35 * wave
    elif movement in ("join", "cross"):  # the hands come together (the dominant hand is on the screen's left)
        reach = 0.5 if movement == "join" else 0.85
        offset[:, 0] = size * reach * ramp
        other[:, 0] = -size * reach * ramp
    elif movement == "swap":
        offset[:, 1] = size * 0.5 * (ramp - 0.5)
        other[:, 1] = -size * 0.5 * (ramp - 0.5)
    elif movement == "outline":
        corners = np.array([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], dtype=float) - 0.5
        position = np.clip(t, 0, 1) * 4
        index = np.minimum(position.astype(int), 3)
        fraction = (position - index)[:, None]
        offset = (corners[index] * (1 - fraction) + corners[index + 1] * fraction) * size * 0.7
        other = offset * np.array([-1, 1])
    elif movement != "none":
        raise PoseError(f"movement {movement!r} is not known to the avatar")
    return offset, other, rotate, openness, scale


class GlossToPose:
    """Glosses → a holistic ``Pose`` with the span of every sign (for captions)."""

    def __init__(self, lexicon: Lexicon, folder: Path, options: PoseOptions | None = None) -> None:
        self.lexicon = lexicon
        self.folder = folder
        self.options = options or PoseOptions()
        self.avatar = Avatar(read_yaml(folder / "avatar.yaml"))
        spelling = read_yaml(folder / "fingerspelling.yaml")
        self.letters: dict[str, dict[str, str]] = dict(spelling.get("letters") or {})
        self.compounds: dict[str, list[str]] = dict(spelling.get("compounds") or {})
        self.letter_s = float(spelling.get("hold_s", 0.45))
        for letter, form in self.letters.items():
            if form.get("handshape") not in self.avatar.handshapes:
                raise PoseError(f"fingerspelling.yaml {letter}: handshape {form.get('handshape')!r} is not in "
                                "avatar.yaml")

    # --- one sign ---------------------------------------------------------------------------------

    def sign_frames(self, entry: LexiconEntry) -> list[_Frame]:
        avatar, fps = self.avatar, self.avatar.fps
        n = max(2, round(entry.duration_s * fps))
        t = np.linspace(0, 1, n)
        size = avatar.shoulder_width * 0.55
        offset, other_offset, rotate, openness, scale = _path(entry.dominant.movement, t, size)
        other_form = entry.nondominant
        other_centre = avatar.point(avatar.locations[other_form.location], dominant=False) if other_form else None
        frames = []
        for i in range(n):
            dominant_hand = self._hand(entry.dominant, True, rotate[i], openness[i]) * scale[i]
            if other_form is not None:
                other_hand = self._hand(other_form, False, 0.0, np.nan)
                other_here = other_centre + other_offset[i]
            else:
                other_hand = self._rest_hand(False)
                other_here = avatar.point(avatar.rest, dominant=False)
            location = entry.dominant.location
            if location in ("nondominant_palm", "nondominant_back"):
                centre = other_here + avatar.locations[location] * avatar.shoulder_width
            else:
                centre = avatar.point(avatar.locations[location])
            head, brow = self._nonmanual(entry.nonmanual, t[i])
            frames.append(_Frame(centre + offset[i], dominant_hand, other_here, other_hand, head, brow))
        return frames

    def letter_frames(self, letter: str) -> list[_Frame]:
        form = self.letters.get(letter)
        if form is None:  # a Latin letter or symbol without a table entry: the closest handshape, if any
            shape = letter.upper() if letter.upper() in self.avatar.handshapes else "flat_O"
            form = {"handshape": shape, "orientation": "palm_out"}
        entry = LexiconEntry(gloss=letter, words=(), category="fingerspelling", hands=1,
                             dominant=HandForm(form["handshape"], "upper_neutral", form["orientation"],
                                               form.get("movement", "none")),
                             nondominant=None, nonmanual="none", duration_s=self.letter_s, reviewed=False)
        frames = self.sign_frames(entry)
        # Fingerspelling sits beside the shoulder, lower than upper_neutral's face height.
        shift = self.avatar.point(np.array([0.55, 0.35])) - self.avatar.point(self.avatar.locations["upper_neutral"])
        for frame in frames:
            frame.dominant = frame.dominant + shift
        return frames

    def _hand(self, form: HandForm, dominant: bool, rotate: float, openness: float) -> np.ndarray:
        hand = self.avatar.hand(form.handshape, form.orientation, dominant,
                                None if np.isnan(openness) else float(openness))
        if rotate:
            hand[:, :2] = hand[:, :2] @ _rotation(rotate).T
        return hand

    def _rest_hand(self, dominant: bool) -> np.ndarray:
        hand = self.avatar.hand("B", "palm_in", dominant)
        hand[:, 1] = -hand[:, 1]  # fingers hang down
        return hand

    def _rest_frame(self) -> _Frame:
        avatar = self.avatar
        return _Frame(avatar.point(avatar.rest), self._rest_hand(True), avatar.point(avatar.rest, dominant=False),
                      self._rest_hand(False))

    @staticmethod
    def _nonmanual(marker: str, t: float) -> tuple[np.ndarray, float]:
        wave = math.sin(2 * math.pi * t)
        if marker == "nod":
            return np.array([0.0, 8 * abs(math.sin(2 * math.pi * t))]), 0.0
        if marker == "head_shake":
            return np.array([9 * wave, 0.0]), 0.0
        if marker == "brow_raise":
            return np.zeros(2), -5.0
        if marker == "brow_furrow":
            return np.zeros(2), 4.0
        return np.zeros(2), 0.0

    # --- sequences --------------------------------------------------------------------------------

    def run(self, sentences: Sequence[Sequence[Gloss]]) -> SignedPose:
        """One or more sentences of glosses (as ``TextToGloss.translate`` returns) → pose and sign spans."""
        options, fps = self.options, self.avatar.fps
        rest = self._rest_frame()
        timeline: list[_Frame] = [rest] * max(1, round(options.rest_s * fps))
        spans: list[SignSpan] = []
        for number, glosses in enumerate(sentences):
            if number:
                timeline += self._transition(timeline[-1], rest) + [rest] * round(options.sentence_pause_s * fps)
            for gloss in glosses:
                for part, frames in self._parts(gloss):
                    if not frames:
                        continue
                    timeline += self._transition(timeline[-1], frames[0])
                    start = len(timeline) / fps
                    timeline += frames + [frames[-1]] * round(options.hold_s * fps)
                    spans.append(SignSpan(part, gloss.source, round(start, 3), round(len(timeline) / fps, 3)))
        timeline += self._transition(timeline[-1], rest) + [rest] * max(1, round(options.rest_s * fps))
        vectors = np.stack([frame.vector() for frame in timeline])
        vectors = _smooth(vectors, options.smoothing)
        return SignedPose(self._to_pose([_Frame.from_vector(v) for v in vectors]), tuple(spans))

    def _parts(self, gloss: Gloss) -> list[tuple[str, list[_Frame]]]:
        recorded = self.folder / "poses" / f"{gloss.gloss}.pose"
        if gloss.source != "fingerspelling" and recorded.is_file():
            return [(gloss.gloss, self._recorded_frames(recorded))]
        if gloss.source == "fingerspelling":
            letters = []
            for letter in gloss.gloss.split("-"):
                letters += self.compounds.get(letter, [letter])
            return [(letter, self.letter_frames(letter)) for letter in letters if letter]
        entry = self.lexicon.entries.get(gloss.gloss)
        if entry is None:
            raise PoseError(f"gloss {gloss.gloss!r} is not in the lexicon (수어 사전에 없는 글로스)")
        return [(gloss.gloss, self.sign_frames(entry))]

    def _transition(self, start: _Frame, end: _Frame) -> list[_Frame]:
        steps = max(1, round(self.options.transition_s * self.avatar.fps))
        a, b = start.vector(), end.vector()
        frames = []
        for w in _ease(np.arange(1, steps + 1) / (steps + 1)):
            frame = _Frame.from_vector(a + (b - a) * w)
            # Hands turn between signs rather than shrink through their wrist, as plain blending would do.
            frame.dominant_hand = _turn_between(start.dominant_hand, end.dominant_hand, float(w))
            frame.other_hand = _turn_between(start.other_hand, end.other_hand, float(w))
            frames.append(frame)
        return frames

    # --- recorded signs ---------------------------------------------------------------------------

    def _recorded_frames(self, path: Path) -> list[_Frame]:
        """A human sign recorded with MediaPipe, moved and scaled onto the avatar's shoulders."""
        pose = read_pose(path.read_bytes(), str(path))
        data = np.asarray(pose.body.data.filled(0) if hasattr(pose.body.data, "filled") else pose.body.data)[:, 0]
        confidence = np.asarray(pose.body.confidence)[:, 0]
        frames = []
        avatar = self.avatar
        for points, seen in zip(data, confidence, strict=True):
            right_shoulder, left_shoulder = points[BODY + 12, :2], points[BODY + 11, :2]
            width = np.linalg.norm(left_shoulder - right_shoulder)
            if width < 1 or seen[BODY + 12] == 0:
                continue
            scale = avatar.shoulder_width / width
            centre = (right_shoulder + left_shoulder) / 2
            origin = np.array([avatar.centre_x, avatar.shoulder_y])

            def place(xy: np.ndarray, scale: float = scale, centre: np.ndarray = centre,
                      origin: np.ndarray = origin) -> np.ndarray:
                return (xy - centre) * scale + origin

            hands = []
            for offset, wrist_index, dominant in ((RIGHT_HAND, 16, True), (LEFT_HAND, 15, False)):
                if seen[offset:offset + 21].sum() > 0:
                    local = (points[offset:offset + 21] - points[offset]) * scale
                    wrist = place(points[offset, :2])
                else:  # hand not detected in this frame: keep the arm, draw a resting hand
                    local = self._rest_hand(dominant)
                    wrist = place(points[BODY + wrist_index, :2])
                hands.append((wrist + local[list(PALM_POINTS), :2].mean(axis=0), local))
            frames.append(_Frame(hands[0][0], hands[0][1], hands[1][0], hands[1][1]))
        if not frames:
            raise PoseError(f"{path.name}: no frame shows the signer's shoulders (어깨가 보이는 프레임이 없습니다)")
        # Resample to the avatar's frame rate so the human sign keeps its real speed.
        positions = np.arange(0, len(frames), pose.body.fps / avatar.fps)
        return [frames[min(len(frames) - 1, round(i))] for i in positions]

    # --- output -----------------------------------------------------------------------------------

    def _to_pose(self, frames: list[_Frame]):
        from pose_format import Pose
        from pose_format.numpy.pose_body import NumPyPoseBody
        from pose_format.pose_header import PoseHeader, PoseHeaderDimensions
        from pose_format.utils.holistic import holistic_components

        avatar = self.avatar
        data = np.zeros((len(frames), 1, POINTS, 3), dtype=np.float32)
        confidence = np.zeros((len(frames), 1, POINTS), dtype=np.float32)
        face_points, face_indices = _face_template(avatar)
        for index, frame in enumerate(frames):
            points = data[index, 0]
            head = np.array([avatar.centre_x, avatar.head_y]) + frame.head
            for hand_offset, elbow_index, wrist_index, shoulder, centre, local, dominant in (
                (RIGHT_HAND, 14, 16, avatar.right_shoulder, frame.dominant, frame.dominant_hand, True),
                (LEFT_HAND, 13, 15, avatar.left_shoulder, frame.other, frame.other_hand, False),
            ):
                wrist, elbow, depth = _reach(shoulder, avatar.wrist_for(centre, local), avatar.upper_arm,
                                             avatar.forearm, outward=-1.0 if dominant else 1.0)
                points[hand_offset:hand_offset + 21, :2] = wrist + local[:, :2]
                points[hand_offset:hand_offset + 21, 2] = local[:, 2] + depth
                points[BODY + elbow_index, :2], points[BODY + wrist_index] = elbow, (*wrist, depth)
                # pinky, index and thumb of the pose model sit on the hand
                body_hand = (17, 19, 21) if not dominant else (18, 20, 22)
                for body_index, hand_index in zip(body_hand, (17, 8, 4), strict=True):
                    points[BODY + body_index] = points[hand_offset + hand_index]
            points[BODY + 12, :2], points[BODY + 11, :2] = avatar.right_shoulder, avatar.left_shoulder
            half_hips = avatar.shoulder_width * 0.38
            points[BODY + 24, :2] = [avatar.centre_x - half_hips, avatar.hip_y]
            points[BODY + 23, :2] = [avatar.centre_x + half_hips, avatar.hip_y]
            face = face_points + head
            brow_shift = np.array([0.0, frame.brow])
            face[_BROW_SLOTS] += brow_shift
            points[FACE + face_indices, :2] = face
            for body_index, landmark in _FACE_BODY_LANDMARKS.items():
                points[BODY + body_index, :2] = points[FACE + landmark, :2]
            confidence[index, 0, BODY:BODY + 25] = 1.0
            confidence[index, 0, FACE + face_indices] = 1.0
            confidence[index, 0, LEFT_HAND:LEFT_HAND + 42] = 1.0
            # World landmarks: the body in metres around the hips, as MediaPipe gives them.
            hips = (points[BODY + 23, :2] + points[BODY + 24, :2]) / 2
            data[index, 0, WORLD:WORLD + 33, :2] = (points[BODY:BODY + 33, :2] - hips) * (0.36 / avatar.shoulder_width)
            confidence[index, 0, WORLD:WORLD + 25] = 1.0
        header = PoseHeader(version=0.2, dimensions=PoseHeaderDimensions(width=avatar.width, height=avatar.height,
                                                                          depth=0),
                            components=holistic_components("XYZC"))
        return Pose(header, NumPyPoseBody(fps=avatar.fps, data=data, confidence=confidence))


def _reach(shoulder: np.ndarray, wrist: np.ndarray, upper: float, fore: float, outward: float
           ) -> tuple[np.ndarray, np.ndarray, float]:
    """Arm to a wrist target: (wrist, elbow, wrist depth). Bones keep their 3-D length: the elbow hangs down
    and a little out, and the forearm comes toward the camera (negative depth) when the hand is nearer the
    elbow on screen than the forearm is long. A target out of reach is pulled onto the reachable circle."""
    reach = wrist - shoulder
    distance = float(np.linalg.norm(reach))
    limit = upper + fore - 1e-3
    if distance > limit:
        reach = reach / distance * limit
        wrist = shoulder + reach
    hanging = shoulder + upper * np.array([0.26 * outward, 0.966])
    elbow = hanging
    if float(np.linalg.norm(wrist - hanging)) > fore:
        # The hand is too far for a hanging elbow: the planar solution closest to hanging down.
        length = float(np.linalg.norm(reach))
        direction = reach / length if length > 1e-6 else np.array([0.0, 1.0])
        distance = max(length, abs(upper - fore) + 1e-3)
        cos_angle = (upper**2 + distance**2 - fore**2) / (2 * upper * distance)
        angle = math.acos(max(-1.0, min(1.0, cos_angle)))
        candidates = [shoulder + upper * (_rotation(sign * angle) @ direction) for sign in (1, -1)]
        elbow = min(candidates, key=lambda e: float(np.linalg.norm(e - hanging)))
    gap = float(np.linalg.norm(wrist - elbow))
    if gap > fore:  # numerically just out of reach: put the wrist at the forearm's end
        wrist = elbow + (wrist - elbow) / gap * fore
        gap = fore
    return wrist, elbow, -math.sqrt(max(0.0, fore**2 - gap**2))


def _turn_between(start: np.ndarray, end: np.ndarray, weight: float) -> np.ndarray:
    """Blend two hands (21 points relative to the wrist) after turning both to the in-between direction."""
    def direction(hand: np.ndarray) -> float:
        return math.atan2(hand[9, 1], hand[9, 0])

    first, last = direction(start), direction(end)
    turn = (last - first + math.pi) % (2 * math.pi) - math.pi
    middle = first + weight * turn
    turned = []
    for hand, angle in ((start, first), (end, last)):
        rotated = hand.copy()
        rotated[:, :2] = hand[:, :2] @ _rotation(middle - angle).T
        turned.append(rotated)
    return turned[0] * (1 - weight) + turned[1] * weight


def _smooth(vectors: np.ndarray, window: int) -> np.ndarray:
    if window <= 1 or len(vectors) < window:
        return vectors
    kernel = np.ones(window) / window
    padded = np.pad(vectors, ((window // 2, window - 1 - window // 2), (0, 0)), mode="edge")
    return np.stack([np.convolve(padded[:, i], kernel, mode="valid") for i in range(vectors.shape[1])], axis=1)


# The face: MediaPipe's contour landmarks laid on ellipses, enough to draw and to read like a face.
_FACE_BODY_LANDMARKS = {0: 1, 2: 386, 5: 159, 7: 454, 8: 234, 9: 291, 10: 61, 1: 362, 3: 263, 4: 133, 6: 33}
_BROW_SLOTS: list[int] = []


def _face_template(avatar: Avatar) -> tuple[np.ndarray, np.ndarray]:
    from mediapipe.python.solutions import face_mesh_connections as mesh

    r = avatar.head_radius
    shapes = [  # (connections, centre offset, radii): signer's left is the viewer's right (+x)
        (mesh.FACEMESH_FACE_OVAL, (0.0, 0.0), (0.82 * r, 1.0 * r)),
        (mesh.FACEMESH_LIPS, (0.0, 0.52 * r), (0.28 * r, 0.08 * r)),
        (mesh.FACEMESH_LEFT_EYE, (0.32 * r, -0.1 * r), (0.14 * r, 0.06 * r)),
        (mesh.FACEMESH_RIGHT_EYE, (-0.32 * r, -0.1 * r), (0.14 * r, 0.06 * r)),
        (mesh.FACEMESH_LEFT_EYEBROW, (0.32 * r, -0.3 * r), (0.2 * r, 0.04 * r)),
        (mesh.FACEMESH_RIGHT_EYEBROW, (-0.32 * r, -0.3 * r), (0.2 * r, 0.04 * r)),
    ]
    indices: list[int] = []
    points: list[np.ndarray] = []
    brows: list[int] = []
    for number, (connections, centre, radii) in enumerate(shapes):
        ring = _ring(connections)
        for k, landmark in enumerate(ring):
            if landmark in indices:
                continue
            angle = 2 * math.pi * k / len(ring)
            if number >= 4:  # brows are arcs, not rings
                angle = math.pi + math.pi * k / max(1, len(ring) - 1)
                brows.append(len(indices))
            indices.append(landmark)
            points.append(np.array(centre) + np.array([radii[0] * math.cos(angle), radii[1] * math.sin(angle)]))
    indices.append(1)  # nose tip
    points.append(np.array([0.0, 0.22 * r]))
    _BROW_SLOTS[:] = brows
    return np.array(points), np.array(indices)


def _ring(connections) -> list[int]:
    """The landmarks of a contour in walking order."""
    neighbours: dict[int, list[int]] = {}
    for a, b in connections:
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)
    start = min(neighbours)
    order, previous, current = [start], None, start
    while True:
        following = [n for n in neighbours[current] if n != previous and n not in order[1:]]
        if not following or following[0] == start:
            break
        previous, current = current, following[0]
        order.append(current)
    return order + [n for n in sorted(neighbours) if n not in order]


def read_pose(data: bytes, name: str = "pose"):
    """A ``.pose`` file in MediaPipe holistic layout, or a clear error."""
    from pose_format import Pose

    try:
        pose = Pose.read(data)
    except Exception as error:  # pose-format raises many kinds on garbage input
        raise PoseError(f"{name}: not a readable .pose file (포즈 파일을 읽을 수 없습니다)") from error
    names = [component.name for component in pose.header.components]
    if names[:4] != ["POSE_LANDMARKS", "FACE_LANDMARKS", "LEFT_HAND_LANDMARKS", "RIGHT_HAND_LANDMARKS"]:
        raise PoseError(f"{name}: expected MediaPipe holistic components, found {names} "
                        "(MediaPipe holistic 형식이 아닙니다)")
    if pose.body.data.shape[0] == 0:
        raise PoseError(f"{name}: the pose has no frames (프레임이 없습니다)")
    hands = np.asarray(pose.body.confidence)[:, 0, LEFT_HAND:LEFT_HAND + 42]
    if not hands.any():
        raise PoseError(f"{name}: no hand is visible in any frame (손이 보이지 않습니다)")
    return pose


def import_recorded_pose(folder: Path, gloss: str, data: bytes, lexicon: Lexicon) -> Path:
    """Store a recorded human sign for ``gloss`` (replaces the authored one when rendering)."""
    if gloss not in lexicon.entries:
        raise PoseError(f"gloss {gloss!r} is not in the lexicon; add the entry first (사전에 먼저 추가하세요)")
    read_pose(data, f"{gloss}.pose")
    target = folder / "poses" / f"{gloss}.pose"
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    temporary.write_bytes(data)
    temporary.replace(target)
    logger.info("recorded pose for %s stored at %s", gloss, target)
    return target
