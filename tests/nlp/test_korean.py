import pytest

from nlp.korean import TermMatcher, clean_unicode, compact, content_tokens, keywords, normalize


def test_clean_unicode_folds_nfd_zero_width_and_full_width() -> None:
    nfd = "도로".encode().decode()  # already NFC; build NFD explicitly
    import unicodedata

    nfd = unicodedata.normalize("NFD", "도로가 꺼졌어요")
    assert clean_unicode(nfd) == "도로가 꺼졌어요"
    assert clean_unicode("０１０\u200b１２３４  5678") == "0101234 5678"


def test_normalize_applies_slang_dictionary(dictionaries) -> None:
    text = normalize("주차 땜에 넘 힘들어요ㅠㅠ 암튼 빨리 해주세요", dictionaries.slang)
    assert "때문에" in text
    assert "ㅠ" not in text
    assert "땜에" not in text


def test_user_dictionary_keeps_compounds_whole(kiwi) -> None:
    forms = [token.form for token in kiwi.tokenize("싱크홀이 생겼고 전동킥보드가 방치돼 있어요")]
    assert "싱크홀" in forms
    assert "전동킥보드" in forms


def test_lemmas_and_content_tokens(kiwi) -> None:
    tokens = content_tokens(kiwi.tokenize("도로가 푹 꺼졌어요"))
    assert [t.lemma for t in tokens] == ["도로", "푹", "꺼지다"]
    tokens = kiwi.tokenize("가로등이 고장나서 너무 어두워요")
    assert keywords(tokens, frozenset()) == ["가로등", "고장"]
    assert keywords(tokens, frozenset({"고장"})) == ["가로등"]


@pytest.mark.parametrize(("text", "unknown"), [
    ("허광수", True), ("석다온", True), ("진정서", False), ("정상화", False), ("신청서를 냈어요", False),
])
def test_words_outside_the_dictionary_are_told_apart(kiwi, text: str, unknown: bool) -> None:
    assert kiwi.has_unknown_word(text) is unknown


def test_spacing_is_restored(kiwi) -> None:
    assert kiwi.space("도로가푹꺼져서차가빠질뻔했어요") == "도로가 푹 꺼져서 차가 빠질 뻔했어요"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("옆집에서 불이 났어요", {"화재"}),
        ("옆집에서 불났어요 빨리요", {"화재"}),
        ("싱크 홀 같은 게 생겼어요", {"싱크홀"}),
        ("가로등이 너무 밝아서 잠을 못 자요", set()),
        ("불법 주차 신고합니다", set()),
    ],
)
def test_term_matcher_on_morphemes_and_surface(kiwi, spacy_pipeline, text: str, expected: set[str]) -> None:
    matcher = TermMatcher(spacy_pipeline, kiwi, {"불이 나": "화재", "화재": "화재", "싱크홀": "싱크홀"})
    assert set(matcher.find(text, kiwi.tokenize(text))) == expected


def test_spacy_doc_carries_kiwi_lemmas(kiwi, spacy_pipeline) -> None:
    doc = spacy_pipeline.nlp("연기가 나요")
    assert [(t.text, t.lemma_, t.tag_) for t in doc] == [("연기", "연기", "NNG"), ("나", "나다", "VV")]
    assert compact(" 연기 가 ") == "연기가"


def test_okt_is_an_alternative_behind_the_same_interface(spacy_pipeline) -> None:
    import shutil

    if shutil.which("java") is None:
        pytest.skip("konlpy's Okt needs a Java runtime (apt-get install default-jre-headless)")
    from nlp.korean import OktAnalyzer

    okt = OktAnalyzer()
    tokens = okt.tokenize("도로가 꺼졌어요")
    assert [(t.form, t.lemma) for t in content_tokens(tokens)] == [("도로", "도로"), ("꺼지", "꺼지다")]
    text = "지하실에서 가스가 누출됐어요"
    matcher = TermMatcher(spacy_pipeline, okt, {"가스 누출": "가스누출"})
    assert set(matcher.find(text, okt.tokenize(text))) == {"가스누출"}
