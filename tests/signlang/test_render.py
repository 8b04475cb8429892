"""Pose → MP4 (H.264, plays in browsers), GIF and .pose; text → video end to end."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
from pose_format import Pose

from nlp.korean import KiwiAnalyzer
from serving.settings import PROJECT_ROOT
from signlang import GlossToPose, RenderError, TextToGloss, load_lexicon, render, render_text, sign_text
from signlang.render import frames

FOLDER = PROJECT_ROOT / "data" / "signlang"


@pytest.fixture(scope="module")
def signer() -> GlossToPose:
    return GlossToPose(load_lexicon(FOLDER), FOLDER)


@pytest.fixture(scope="module")
def translator() -> TextToGloss:
    analyzer = KiwiAnalyzer()
    analyzer.warm_up()
    return TextToGloss(load_lexicon(FOLDER), analyzer)


def probe(path: Path) -> dict:
    result = subprocess.run(["ffprobe", "-v", "error", "-count_frames", "-show_entries",
                             "stream=codec_name,pix_fmt,r_frame_rate,nb_read_frames,width,height", "-of", "json",
                             str(path)], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)["streams"][0]


def test_text_becomes_a_browser_playable_mp4(tmp_path: Path, signer, translator) -> None:
    result = render_text("안녕하세요. 여권은 2층에서 신청합니다.", tmp_path / "guide.mp4", translator, signer)
    stream = probe(result.path)
    frame_count = round(result.duration * 25)
    assert stream["codec_name"] == "h264" and stream["pix_fmt"] == "yuv420p" and stream["r_frame_rate"] == "25/1"
    assert int(stream["nb_read_frames"]) == frame_count
    assert [g.gloss for g in result.sentences[1]] == ["여권", "2", "층", "신청"]
    assert [s.gloss for s in result.spans][:1] == ["안녕"]


def test_gif_and_pose_outputs(tmp_path: Path, signer, translator) -> None:
    gif = render_text("감사합니다", tmp_path / "thanks.gif", translator, signer)
    assert gif.path.read_bytes()[:6] in (b"GIF89a", b"GIF87a")
    saved = render_text("감사합니다", tmp_path / "thanks.pose", translator, signer)
    with open(saved.path, "rb") as handle:
        loaded = Pose.read(handle.read())
    _, signed = sign_text("감사합니다", translator, signer)
    assert np.allclose(np.asarray(loaded.body.data), np.asarray(signed.pose.body.data), atol=1e-3)
    assert [c.name for c in loaded.header.components][:4] == [
        "POSE_LANDMARKS", "FACE_LANDMARKS", "LEFT_HAND_LANDMARKS", "RIGHT_HAND_LANDMARKS"]


def test_frames_show_a_figure_with_both_hands_in_their_colours(signer, translator) -> None:
    from signlang.render import DOMINANT, OTHER

    _, signed = sign_text("도와주세요", translator, signer)
    images = list(frames(signed))
    assert len(images) == signed.pose.body.data.shape[0]
    middle = images[len(images) // 2]
    for colour in (DOMINANT, OTHER):
        assert (np.abs(middle.astype(int) - colour).sum(axis=2) < 30).sum() > 200  # a hand, clearly visible


def test_bad_output_and_empty_text_are_refused(tmp_path: Path, signer, translator) -> None:
    _, signed = sign_text("안녕", translator, signer)
    with pytest.raises(RenderError, match="형식"):
        render(signed, tmp_path / "out.avi")
    with pytest.raises(RenderError, match="수어로 옮길"):
        render_text("...", tmp_path / "out.mp4", translator, signer)
