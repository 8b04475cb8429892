"""Features and matching on rendered signs (fast) and on a real clip (slow): invariances, rejection, persistence."""

from __future__ import annotations

import csv
import shutil
import subprocess
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pytest

from serving.settings import PROJECT_ROOT
from signlang import GlossToPose, load_lexicon
from signlang.features import VideoError, features_for_video, features_from_points
from signlang.gloss2pose import BODY, LEFT_HAND, RIGHT_HAND
from signlang.lexicon import save_entry
from signlang.recognize import (
    MatchOptions,
    SignRecognizer,
    TemplateError,
    TemplateStore,
    calibrate,
    look_alikes,
    recognize_files,
    store_from_authored,
)
from signlang.types import Gloss

FOLDER = PROJECT_ROOT / "data" / "signlang"
KSL77 = Path("/work/shared/data/signlang/ksl77")
VOCABULARY = ["주민등록등본", "여권", "화장실", "돕다", "예", "아니"]
OUTSIDE = ["은행", "병원", "버스", "주차", "세금", "쓰레기", "연금", "카드", "전화"]


@pytest.fixture(scope="module")
def signer() -> GlossToPose:
    return GlossToPose(load_lexicon(FOLDER), FOLDER)


def rendered_points(signer: GlossToPose, gloss: str) -> tuple[np.ndarray, np.ndarray]:
    pose = signer.run([[Gloss(gloss, "lexicon", (gloss,))]]).pose
    return np.asarray(pose.body.data, dtype=np.float64)[:, 0, :, :2], np.asarray(pose.body.confidence)[:, 0] > 0


def test_features_ignore_position_scale_and_handedness(signer) -> None:
    data, seen = rendered_points(signer, "여권")
    base = features_from_points(data, seen)
    moved = features_from_points(data * 1.7 + np.array([90.0, -40.0]), seen)
    assert np.allclose(base.trajectory, moved.trajectory, atol=1e-6)
    assert np.allclose(base.handshape, moved.handshape, atol=1e-6)
    mirrored = data.copy()
    mirrored[:, :, 0] = 1000 - mirrored[:, :, 0]
    pairs = [(BODY + a, BODY + b) for a, b in ((11, 12), (13, 14), (15, 16))]
    pairs += [(LEFT_HAND + i, RIGHT_HAND + i) for i in range(21)]
    for a, b in pairs:
        mirrored[:, [a, b]] = mirrored[:, [b, a]]
    left_handed = features_from_points(mirrored, seen)
    assert left_handed.mirrored and not base.mirrored
    assert np.allclose(base.trajectory, left_handed.trajectory, atol=1e-6)


def test_short_hand_dropouts_are_interpolated(signer) -> None:
    data, seen = rendered_points(signer, "여권")
    gappy = seen.copy()
    gappy[10:13, RIGHT_HAND:RIGHT_HAND + 21] = False
    positions = slice(0, 10)  # wrists, elbows, wrist-to-wrist (in shoulder widths); velocity is noisier
    assert np.abs(features_from_points(data, gappy).trajectory[:, positions]
                  - features_from_points(data, seen).trajectory[:, positions]).max() < 0.1


def test_no_shoulders_is_a_clear_error(signer) -> None:
    data, seen = rendered_points(signer, "여권")
    seen[:, BODY + 11] = False
    with pytest.raises(VideoError, match="어깨"):
        features_from_points(data, seen)


def test_recognises_perturbed_vocabulary_and_rejects_other_signs(signer, tmp_path: Path) -> None:
    store = store_from_authored(VOCABULARY, signer, OUTSIDE[:4])
    recognizer = SignRecognizer(store)
    for gloss in VOCABULARY:
        data, seen = rendered_points(signer, gloss)
        index = np.round(np.linspace(0, len(data) - 1, int(len(data) * 0.85))).astype(int)  # 15 % faster
        query = features_from_points(data[index] * 1.05, seen[index])
        result = recognizer.recognize(query)
        assert result.gloss == gloss and not result.unknown, (gloss, result)
    rejected = [recognizer.recognize(features_from_points(*rendered_points(signer, g))).unknown for g in OUTSIDE[4:]]
    assert sum(rejected) >= 3  # a majority of 5 signs never seen in calibration (bench: rejection on 40)
    store.save(tmp_path / "store")
    loaded = TemplateStore.load(tmp_path / "store")
    assert loaded.glosses == store.glosses and loaded.threshold == store.threshold
    assert SignRecognizer(loaded).recognize(store.features[1]).gloss == "여권"


def test_baseline_matcher_and_threshold_per_method(signer) -> None:
    store = TemplateStore()
    for gloss in VOCABULARY[:4]:
        store.add(gloss, features_from_points(*rendered_points(signer, gloss)))
    baseline = MatchOptions(method="baseline", augment=False)
    threshold = calibrate(store, baseline)
    assert store.threshold == {"baseline": threshold}
    assert SignRecognizer(store, baseline).recognize(store.features[2]).gloss == VOCABULARY[2]


def test_store_errors(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="등록된"):
        TemplateStore.load(tmp_path)
    with pytest.raises(TemplateError, match="labels.csv"):
        TemplateStore.from_labelled_folder(tmp_path)
    with pytest.raises(TemplateError, match="empty"):
        SignRecognizer(TemplateStore())


@pytest.mark.slow
def test_real_clips_bad_files_and_a_blank_video(tmp_path: Path, signer) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    for name in ("hi_example2.mp4", "no_example1.mp4"):
        (folder / name).write_bytes((KSL77 / name).read_bytes())
    with open(folder / "labels.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerows([["file", "korean"], ["hi_example2.mp4", "안녕"], ["no_example1.mp4", "아니요"],
                          ["missing.mp4", "없음"]])
    store, problems = TemplateStore.from_labelled_folder(folder, tmp_path / "cache")
    assert store.glosses == ["안녕", "아니요"] and len(problems) == 1 and "missing.mp4" in problems[0]
    assert len(list((tmp_path / "cache").glob("*.npz"))) == 2  # cached: the next load skips MediaPipe
    cached = features_for_video(folder / "hi_example2.mp4", tmp_path / "cache")
    assert np.allclose(cached.trajectory, store.features[0].trajectory)
    blank = tmp_path / "blank.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=white:s=320x240:d=1", "-pix_fmt",
                    "yuv420p", str(blank)], check=True)
    not_video = tmp_path / "notes.mp4"
    not_video.write_text("이건 영상이 아닙니다")
    recognizer = SignRecognizer(store, MatchOptions())
    results = recognize_files([blank, not_video, folder / "no_example1.mp4"], recognizer, tmp_path / "cache")
    assert "사람이 보이지 않습니다" in results[0]["error"]
    assert "영상" in results[1]["error"]
    assert results[2]["gloss"] == "아니요" and results[2]["candidates"][0]["gloss"] == "아니요"


def test_a_copied_sign_is_reported_as_a_look_alike(tmp_path: Path) -> None:
    folder = tmp_path / "signlang"
    shutil.copytree(FOLDER, folder)
    original = load_lexicon(folder).entries["예"]
    save_entry(folder, {"gloss": "예사본", "hands": 1, "nonmanual": "none", "duration_s": original.duration_s + 0.2,
                        "dominant": asdict(original.dominant)})
    pairs = look_alikes(GlossToPose(load_lexicon(folder), folder), ["예사본"])
    assert pairs and {pairs[0].gloss, pairs[0].other} == {"예", "예사본"} and pairs[0].distance < 0.05
    assert all("예사본" in (p.gloss, p.other) for p in pairs)


@pytest.mark.slow
def test_shipped_lexicon_has_no_look_alike_signs(signer) -> None:
    """Every authored sign renders distinguishably from every other (``civicai sign check-lexicon``)."""
    assert look_alikes(signer) == []
