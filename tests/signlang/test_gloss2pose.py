"""Authored signs → pose: every lexicon entry compiles to a plausible body; sequences join smoothly."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from serving.settings import PROJECT_ROOT
from signlang import GlossToPose, PoseError, import_recorded_pose, load_lexicon
from signlang.gloss2pose import BODY, FACE, LEFT_HAND, RIGHT_HAND
from signlang.types import Gloss

FOLDER = PROJECT_ROOT / "data" / "signlang"
KSL77 = Path("/work/shared/data/signlang/ksl77")


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon(FOLDER)


@pytest.fixture(scope="module")
def signer(lexicon) -> GlossToPose:
    return GlossToPose(lexicon, FOLDER)


def lexicon_gloss(name: str) -> Gloss:
    return Gloss(name, "lexicon", (name,))


def points(signed) -> np.ndarray:
    return np.asarray(signed.pose.body.data)[:, 0]


def test_every_sign_compiles_to_a_body_that_keeps_its_bone_lengths(signer, lexicon) -> None:
    avatar = signer.avatar
    for gloss in lexicon.entries:
        data = points(signer.run([[lexicon_gloss(gloss)]]))
        assert np.isfinite(data).all(), gloss
        hands = data[:, LEFT_HAND:LEFT_HAND + 42, :2]
        assert (hands > -20).all() and (hands[..., 0] < avatar.width + 20).all(), gloss
        for shoulder, elbow, wrist in ((12, 14, 16), (11, 13, 15)):
            upper = np.linalg.norm(data[:, BODY + elbow, :2] - data[:, BODY + shoulder, :2], axis=1)
            fore = np.linalg.norm(data[:, BODY + wrist] - np.concatenate(
                [data[:, BODY + elbow, :2], np.zeros((len(data), 1))], axis=1), axis=1)
            assert np.allclose(upper, avatar.upper_arm, atol=1.0), gloss
            assert np.all(fore <= avatar.forearm + 1.0) and np.all(fore >= avatar.forearm * 0.9), gloss


def test_fingerspelling_compiles_every_letter(signer) -> None:
    word = Gloss("ㄱ-ㅣ-ㅁ-ㅘ-ㄳ-A-Z", "fingerspelling", ("김",))
    signed = signer.run([[word]])
    assert [s.gloss for s in signed.spans] == ["ㄱ", "ㅣ", "ㅁ", "ㅗ", "ㅏ", "ㄱ", "ㅅ", "A", "Z"]
    shapes = {tuple(np.round(points(signer.run([[Gloss(letter, "fingerspelling", ())]]))[20, RIGHT_HAND:RIGHT_HAND
                                                                                          + 21].ravel()))
              for letter in ("ㄱ", "ㅁ", "ㅣ")}
    assert len(shapes) == 3  # different letters, different hands


def test_signs_join_without_jumps_and_sentences_pause(signer) -> None:
    one = signer.run([[lexicon_gloss("안녕"), lexicon_gloss("여권")]])
    wrists = points(one)[:, BODY + 16, :2]
    steps = np.linalg.norm(np.diff(wrists, axis=0), axis=1)
    assert steps.max() < signer.avatar.shoulder_width * 0.35  # no teleporting between signs
    two = signer.run([[lexicon_gloss("안녕")], [lexicon_gloss("여권")]])
    assert two.duration > one.duration + signer.options.sentence_pause_s * 0.9
    first, second = two.spans
    assert second.start - first.end > signer.options.sentence_pause_s


def test_nonmanual_nod_moves_the_head(signer, lexicon) -> None:
    nodding = next(g for g, e in lexicon.entries.items() if e.nonmanual == "nod")
    still = next(g for g, e in lexicon.entries.items() if e.nonmanual == "none")
    for gloss, moves in ((nodding, True), (still, False)):
        nose = points(signer.run([[lexicon_gloss(gloss)]]))[:, FACE + 1, 1]
        assert bool(np.ptp(nose) > 3) is moves, gloss


def test_unknown_gloss_is_a_clear_error(signer) -> None:
    with pytest.raises(PoseError, match="없는 글로스"):
        signer.run([[lexicon_gloss("없는단어")]])


def test_recorded_pose_import_checks_the_file(tmp_path: Path, lexicon) -> None:
    with pytest.raises(PoseError, match="읽을 수 없습니다"):
        import_recorded_pose(tmp_path, "안녕", b"not a pose file", lexicon)
    with pytest.raises(PoseError, match="사전에 먼저"):
        import_recorded_pose(tmp_path, "없는단어", b"", lexicon)


@pytest.mark.slow
def test_a_recorded_human_sign_replaces_the_authored_one(tmp_path: Path, lexicon) -> None:
    import shutil

    import cv2
    from pose_format.utils.holistic import load_holistic

    capture = cv2.VideoCapture(str(KSL77 / "hi_example2.mp4"))
    frames = []
    while len(frames) < 40:
        ok, frame = capture.read()
        if not ok:
            break
        frames.append(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))
    recorded = load_holistic(frames, fps=30, width=640, height=360)
    buffer = io.BytesIO()
    recorded.write(buffer)
    folder = tmp_path / "signlang"
    shutil.copytree(FOLDER, folder, ignore=shutil.ignore_patterns("poses"))
    stored = import_recorded_pose(folder, "안녕", buffer.getvalue(), lexicon)
    assert stored == folder / "poses" / "안녕.pose"
    authored = GlossToPose(lexicon, FOLDER).run([[lexicon_gloss("안녕")]])
    human = GlossToPose(lexicon, folder).run([[lexicon_gloss("안녕")]])
    span = human.spans[0]
    assert span.end - span.start == pytest.approx(40 / 30 + 0.12, abs=0.15)  # the recording's length + hold
    assert not np.allclose(points(authored)[:20], points(human)[:20]) or authored.duration != human.duration
    # A pose without the holistic layout is refused.
    wrong = io.BytesIO()
    recorded.get_components(["POSE_LANDMARKS"]).write(wrong)
    with pytest.raises(PoseError, match="holistic"):
        import_recorded_pose(folder, "안녕", wrong.getvalue(), lexicon)
