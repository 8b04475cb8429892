"""The character name tagger: its numpy reading is the PyTorch network it was trained as, the shipped weights find
names no rule and no word-start score reads and leave ordinary complaints alone, and training refuses what it
cannot learn from."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from nlp.name_scorer import LabelledText, read_labelled_names
from nlp.name_tagger import (
    _REACH,
    DEFAULT_MODEL,
    GATE_CHANCE,
    NameTagger,
    _runs,
    _torch_tagger,
    _within,
    context_states,
    encode,
    labelled_characters,
    train_name_tagger,
    with_names_swapped,
)
from nlp.pii import PiiMasker, _open_syllable

EVAL_DATA = Path(__file__).resolve().parents[2] / "eval" / "data"


@pytest.fixture(scope="module", params=[None, 8], ids=["columns", "encoder states"])
def trained(request: pytest.FixtureRequest) -> NameTagger:
    """A tagger trained for one pass on the masker's dev set and some ordinary complaints (seconds), without and
    with the encoder's states."""
    labelled = read_labelled_names(EVAL_DATA / "pii_cases.jsonl")
    ordinary = [json.loads(line)["text"] for line in (EVAL_DATA / "complaints_dev.jsonl").open(encoding="utf-8")]
    return train_name_tagger(labelled, ordinary[:40], epochs=1, context_layer=request.param)


def test_numpy_reading_equals_the_torch_network(trained: NameTagger) -> None:
    import torch

    text = "어제 우리 재석이랑 은지가 NGUYEN VAN NAM 씨 가게 앞에서 기다렸어요.\n연락처 010-2345-6789"
    view, tokens, _ = labelled_characters(text, ())
    states = context_states(view, trained.context_layer) if trained.context_layer else np.zeros((len(view), 0))
    network = _torch_tagger(torch, max(trained.vocabulary.values()) + 1, states.shape[1])
    network.load_state_dict({name: torch.from_numpy(value) for name, value in trained.parameters.items()})
    network.eval()
    with torch.no_grad():
        ids = torch.from_numpy(encode(view, tokens, trained.vocabulary))[None]
        expected = torch.sigmoid(network(ids, torch.from_numpy(states.astype(np.float32))[None]))[0].numpy()
    assert np.allclose(trained.probabilities(view, tokens), expected, atol=1e-5)


def test_saved_weights_round_trip_in_half_precision(trained: NameTagger, tmp_path: Path) -> None:
    trained.save(tmp_path / "tagger.npz")
    again = NameTagger.load(tmp_path / "tagger.npz")
    assert again.vocabulary == trained.vocabulary and again.threshold == trained.threshold
    assert again.trained_on == trained.trained_on
    assert again.context_layer == trained.context_layer
    text = "옆집 한지율 씨가 신고했어요"
    view, tokens, _ = labelled_characters(text, ())
    assert np.abs(again.probabilities(view, tokens) - trained.probabilities(view, tokens)).max() < 0.01


def test_swapped_names_keep_their_shape_their_particles_and_each_other() -> None:
    written = "학부모 {}입니다. 딸 {}이가 다쳤고 {} 씨 남편 {} 님도 왔어요. 담당은 Tran Thi Mai, 김 영 수"
    names = ("노은정", "한결", "은정", "제갈민호")
    case = LabelledText(written.format(*names), frozenset({*names, "Tran Thi Mai", "김 영 수"}))
    places = re.compile(re.escape(written).replace(re.escape("{}"), "([가-힣]+)"))
    for seed in range(20):
        swapped = with_names_swapped(case, random.Random(seed))
        full, given, given_of_full, compound = places.fullmatch(swapped.text).groups()
        assert swapped.names == {full, given, given_of_full, compound, "Tran Thi Mai", "김 영 수"}
        assert full != "노은정" and given != "한결" and compound != "제갈민호"
        assert len(full) == 3 and full.endswith(given_of_full) and len(given) == 2
        assert compound[:2] in {"남궁", "제갈", "선우", "황보", "독고", "사공", "서문", "동방"} and len(compound) == 4
        # 은정, 한결 end in a final consonant and 민호 does not: the particles after them still fit
        assert not _open_syllable(full[-1]) and not _open_syllable(given[-1]) and _open_syllable(compound[-1])
    assert with_names_swapped(case, random.Random(3)) == with_names_swapped(case, random.Random(3))


def test_a_seed_draws_the_same_names_whatever_the_process_s_string_hashing() -> None:
    draw = ("import random; from nlp.name_scorer import LabelledText; from nlp.name_tagger import with_names_swapped; "
            "names = ['김민수', '박지영', '이서연', '최준호', '한결', '보람', '다운', '은지']; "
            "text = ', '.join(name + '이가' for name in names); "
            "print(with_names_swapped(LabelledText(text, frozenset(names)), random.Random(7)).text)")
    root = Path(__file__).resolve().parents[2]
    drawn = {subprocess.run([sys.executable, "-c", draw], capture_output=True, text=True, check=True, cwd=root,
                            env={**os.environ, "PYTHONHASHSEED": str(hashing)}).stdout for hashing in range(4)}
    assert len(drawn) == 1 and "김민수" not in drawn.pop()


def test_a_case_without_a_name_in_hangul_is_left_as_it_is() -> None:
    case = LabelledText("담당 Nguyen Van An 님께 전달", frozenset({"Nguyen Van An"}))
    assert with_names_swapped(case, random.Random(0)) is case


def test_labels_mark_every_place_a_name_is_written() -> None:
    view, tokens, labels = labelled_characters("민지가 왔어요. 민지 엄마도요", {"민지"})
    assert [view[i] for i, flag in enumerate(labels) if flag] == ["민", "지", "민", "지"]
    assert [i for i, flag in enumerate(labels) if flag] == [0, 1, 9, 10]
    assert tokens and tokens[0].start == 0


def test_labels_find_a_name_written_otherwise_and_skip_one_character() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "민지가 왔어요, 수아도")
    _, _, labels = labelled_characters(text, {unicodedata.normalize("NFD", "민지"), "수", " "})
    assert [i for i, flag in enumerate(labels) if flag] == [0, 1]


def test_a_tagged_run_stops_at_a_comma_or_a_line_break() -> None:
    text = "참석자: 마디나, 자밀라, 굴나라\nLiu Hao\nZhou Ting 님께 전달"
    view, tokens, _ = labelled_characters(text, ())
    runs = [view[start:end] for start, end, _ in NameTagger.load().names(view, tokens)]
    assert runs and not any("," in run or "\n" in run for run in runs)


def test_weights_are_written_to_the_path_given(trained: NameTagger, tmp_path: Path) -> None:
    trained.save(tmp_path / "tagger.bin")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["tagger.bin"]
    assert NameTagger.load(tmp_path / "tagger.bin").vocabulary == trained.vocabulary


def test_empty_text_has_no_characters_to_score() -> None:
    tagger = NameTagger.load()
    assert tagger.probabilities("", []).shape == (0,) and list(tagger.names("", [])) == []


def test_shipped_weights_load_with_their_gate_and_say_what_they_were_trained_on() -> None:
    tagger = NameTagger.load()
    assert DEFAULT_MODEL.is_file() and tagger.context_layer == 8 and tagger.gate is not None
    assert tagger.gate.chance == GATE_CHANCE and tagger.gate.tagger.context_layer is None
    for weights in (tagger, tagger.gate.tagger):
        assert 0 < weights.threshold < 1 and len(weights.vocabulary) > 1000
        assert weights.trained_on["labelled_texts"] > 1000 and weights.trained_on["ordinary_texts"] > 1000


@pytest.mark.parametrize(("text", "expected"), [
    ("사진은 은지가 찍었는데 연락이 안 돼요.", "사진은 [이름]가 찍었는데 연락이 안 돼요."),
    ("주방장 박효남 요리사님과 함께 행사를 엽니다", "주방장 [이름] 요리사님과 함께 행사를 엽니다"),
    ("도로 포장 공사 때문에 소음이 심해요", "도로 포장 공사 때문에 소음이 심해요"),
    ("나운동 주민센터 앞 가로등이 꺼졌어요", "나운동 주민센터 앞 가로등이 꺼졌어요"),
])
def test_the_shipped_tagger_masks_names_and_leaves_complaints(text: str, expected: str) -> None:
    assert PiiMasker().mask(text).text == expected


def _near(tagger: NameTagger, view: str, tokens: list) -> np.ndarray:
    return _within(tagger.gate.tagger.probabilities(view, tokens) >= tagger.gate.chance, _REACH)


def test_the_gate_reads_the_states_only_near_a_likely_name() -> None:
    """Near where the gate points, the shipped tagger's chance is the one it gives reading every state (a short text
    is read whole either way); a text with no likely name is not read by the encoder, and has no name."""
    shipped = NameTagger.load()
    text = "어제 민원 넣었는데 답이 없네요. 담당자 최윤서 주무관님께 다시 여쭤봅니다."
    view, tokens, _ = labelled_characters(text, ())
    near = _near(shipped, view, tokens)
    assert near.any()
    gated = shipped.probabilities(view, tokens)
    assert np.allclose(gated[near], replace(shipped, gate=None).probabilities(view, tokens)[near], atol=1e-5)
    assert [view[start:end] for start, end, _ in shipped.names(view, tokens)] == ["최윤서"]
    view, tokens, _ = labelled_characters("가로등이 꺼져서 밤길이 어두워요. 빨리 고쳐 주세요.", ())
    assert not _near(shipped, view, tokens).any() and not shipped.probabilities(view, tokens).any()


def test_a_long_text_is_read_by_the_encoder_around_its_names_only() -> None:
    filler = "보도블록이 깨져서 유모차가 지나가기 힘들어요. " * 30
    view, tokens, _ = labelled_characters(f"{filler}신고자 한지율입니다. {filler}", ())
    shipped = NameTagger.load()
    near = _near(shipped, view, tokens)
    assert 0 < near.sum() < len(view) / 4
    assert not shipped.probabilities(view, tokens)[~near].any()
    assert [view[start:end] for start, end, _ in shipped.names(view, tokens)] == ["한지율"]


def test_a_gated_tagger_trains_its_gate_and_round_trips(tmp_path: Path) -> None:
    labelled = read_labelled_names(EVAL_DATA / "pii_cases.jsonl")[:40]
    ordinary = ["버스 정류장 의자가 부서졌어요", "가로등이 꺼졌어요"]
    done: list[float] = []
    # a gate trained for one pass on 40 texts gives a name about 0.1
    tagger = train_name_tagger(labelled, ordinary, epochs=1, context_layer=8, gate_chance=0.05, progress=done.append)
    assert tagger.gate is not None and tagger.gate.chance == 0.05 and tagger.gate.tagger.context_layer is None
    assert done == sorted(done) and done[-1] == 100
    tagger.save(tmp_path / "gated.npz")
    again = NameTagger.load(tmp_path / "gated.npz")
    assert again.gate is not None and again.gate.chance == 0.05 and again.gate.tagger.vocabulary == \
        tagger.gate.tagger.vocabulary and set(again.parameters) == set(tagger.parameters)
    view, tokens, _ = labelled_characters("옆집 한지율 씨가 신고했어요", ())
    assert tagger.probabilities(view, tokens).any()  # the gate lets something through, or nothing is compared
    assert np.abs(again.probabilities(view, tokens) - tagger.probabilities(view, tokens)).max() < 0.01


def test_a_gate_without_the_encoder_s_states_is_refused() -> None:
    case = LabelledText("민지가 왔어요", frozenset({"민지"}))
    with pytest.raises(ValueError, match="context_layer"):
        train_name_tagger([case], ["버스가 안 와요"], epochs=1, gate_chance=0.3)


def test_positions_within_reach_and_runs_of_marked_ones() -> None:
    marked = np.array([0, 0, 0, 1, 0, 0, 0, 0, 0, 1], dtype=bool)
    assert _within(marked, 2).tolist() == [0, 1, 1, 1, 1, 1, 0, 1, 1, 1]
    assert _within(marked, 0).tolist() == marked.tolist()
    assert _within(np.zeros(0, dtype=bool), 3).tolist() == []
    assert list(_runs(np.array([1, 1, 0, 1, 0, 0, 1], dtype=bool))) == [(0, 2), (3, 4), (6, 7)]
    assert list(_runs(np.ones(4, dtype=bool))) == [(0, 4)] and list(_runs(np.zeros(4, dtype=bool))) == []


def test_two_names_far_apart_are_read_each_in_its_own_part_of_the_text() -> None:
    """The encoder reads each part around a likely name on its own: the chances there are close to reading the
    whole text (the states differ only by the words beyond the part), and both names are found."""
    filler = "보도블록이 깨져서 유모차가 지나가기 힘들어요. " * 12
    view, tokens, _ = labelled_characters(f"신고자 한지율입니다. {filler}같이 본 이웃 도경수 씨도 봤어요.", ())
    shipped = NameTagger.load()
    near = _near(shipped, view, tokens)
    assert len(list(_runs(_within(near, 2 * _REACH)))) == 2
    names = [view[start:end] for start, end, _ in shipped.names(view, tokens)]
    assert names == ["한지율", "도경수"]
    gated, everywhere = shipped.probabilities(view, tokens), replace(shipped, gate=None).probabilities(view, tokens)
    at_names = np.zeros(len(view), dtype=bool)
    for name in names:
        at = view.index(name)
        at_names[at : at + len(name)] = True
    assert np.abs(gated[at_names] - everywhere[at_names]).max() < 0.2


def test_states_given_without_their_layer_are_refused() -> None:
    case = LabelledText("민지가 왔어요", frozenset({"민지"}))
    with pytest.raises(ValueError, match="context_layer"):
        train_name_tagger([case], ["버스가 안 와요"], epochs=1, read_context=lambda view: np.zeros((len(view), 384)))


def test_training_without_any_name_is_refused() -> None:
    with pytest.raises(ValueError, match="no labelled name"):
        train_name_tagger([LabelledText("가로등이 꺼졌어요", frozenset())], ["버스가 안 와요"], epochs=1)


@pytest.mark.parametrize("text", [
    "도로 포장 공사 때문에 소음이 심해요", "버스 정류장 의자가 부서졌어요", "어린이집 앞 불법주차 단속 바랍니다",
    "수거 요일이 화목토 맞죠", "시청 민원실 운영시간 알려주세요", "은파호수공원 물빛다리 화장실에 휴지가 없어요",
    "생계급여 신청 방법을 알고 싶습니다", "여름이라 냄새가 나고 벌레가 꼬여요", "전봇대 번호는 소룡12-3 이에요",
    "나운동 주민센터 앞 가로등이 꺼졌어요", "월명공원 산책로에 멧돼지가 나왔어요",
])
def test_the_shipped_tagger_leaves_ordinary_complaints_alone(text: str) -> None:
    view, tokens, _ = labelled_characters(text, ())
    assert list(NameTagger.load().names(view, tokens)) == []
    assert PiiMasker().mask(text).text == text


@pytest.mark.parametrize(("text", "expected"), [
    ("사진은 은지가 찍었는데 연락이 안 돼요.", "사진은 [이름]가 찍었는데 연락이 안 돼요."),
    ("주방장 박효남 요리사님과 함께 행사를 엽니다", "주방장 [이름] 요리사님과 함께 행사를 엽니다"),
    ("신청자 : 3동 김미화 주부", "신청자 : 3동 [이름] 주부"),
])
def test_the_shipped_tagger_masks_names_the_rules_and_the_scorer_leave(text: str, expected: str) -> None:
    assert PiiMasker(tagged_names=False).mask(text).text == text
    assert PiiMasker().mask(text).text == expected


@pytest.mark.parametrize("text", [
    "문재인정부 정책과 KNTDS 기록을 공개하라",  # inside a word; capitals
    "레이다, AIS, V-PASS 장비를 점검했어요",  # acronyms
    "이름 순서는 가, 나, 다, 라 순입니다",  # a list read out
    "같이 사는 전주가 고향인 친구랑 왔어요",  # a city
    "조현병 환자 지원을 늘려 주세요",  # a word the masker's list keeps
    "가나, 가나, 가나 초콜릿이 제일 좋아요",  # a country
])
def test_tagged_runs_that_are_no_name_stay(text: str) -> None:
    assert PiiMasker().mask(text).text == text


@pytest.mark.parametrize(("text", "expected"), [
    ("성명: 창원", "성명: [이름]"),
    ("우리 딸 경주가 다쳤어요", "우리 딸 [이름]가 다쳤어요"),
])
def test_a_city_that_is_a_given_name_is_masked_where_the_context_says_a_person(text: str, expected: str) -> None:
    assert PiiMasker().mask(text).text == expected
