"""Chunking keeps structure: heading paths, whole Q&A pairs and tables, sentence-boundary splits, stable ids."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from retrieval.chunking import DEFAULT_MAX_CHARS, DocumentChunker, chunk_document, split_text
from retrieval.ingest import ingest_paths
from retrieval.types import Block, Chunk, Document

MANUALS = Path(__file__).resolve().parents[2] / "data" / "manuals"


def load_shipped() -> dict[str, Document]:
    report = ingest_paths([MANUALS / "city", MANUALS / "baekmun_3categories.csv"], root=MANUALS, visibility="public")
    assert report.failures == ()
    return {document.id: document for document in report.documents}


@pytest.fixture(scope="module")
def shipped() -> dict[str, Document]:
    return load_shipped()


def make_document(*blocks: Block, section: str | None = None) -> Document:
    return Document(
        id="test/doc",
        title="시험 문서",
        source="test.md",
        format="markdown",
        blocks=blocks,
        url="https://example.go.kr/doc",
        section=section,
        visibility="department",
        department="civil",
        updated="2026-10-01",
    )


def sentence(number: int) -> str:
    return f"{number}번째 문장은 민원 처리 기간과 구비 서류를 설명하는 꽤 긴 안내 문장입니다."


def test_chunk_ids_are_stable_across_runs_and_unique() -> None:
    def run() -> list[tuple[str, str, str]]:
        chunks = DocumentChunker().run(load_shipped().values())
        return [(chunk.id, chunk.section, chunk.text) for chunk in chunks]

    first, second = run(), run()
    assert first == second
    ids = [chunk_id for chunk_id, _, _ in first]
    assert len(ids) == len(set(ids)) > 200


def test_chunk_ids_are_document_id_and_ordinal(shipped: dict[str, Document]) -> None:
    chunks = chunk_document(shipped["city/move-in-report"])
    assert [chunk.id for chunk in chunks] == [f"city/move-in-report#{n}" for n in range(len(chunks))]
    assert [chunk.ordinal for chunk in chunks] == list(range(len(chunks)))
    assert {chunk.document_id for chunk in chunks} == {"city/move-in-report"}


def test_sections_are_heading_paths(shipped: dict[str, Document]) -> None:
    chunks = chunk_document(shipped["city/move-in-report"])

    def section_of(text: str) -> str:
        (match,) = [chunk for chunk in chunks if text in chunk.text]
        return match.section

    assert section_of("신고인 신분증") == "전입신고 > 구비 서류"
    assert section_of("전입신고서를 작성합니다") == "전입신고 > 신청 방법 > 방문 신청"
    assert section_of("정부24(www.gov.kr)") == "전입신고 > 신청 방법 > 온라인 신청 (정부24)"
    assert section_of("5만 원 이하의 과태료") == "전입신고 > 유의 사항"
    # Every heading starts a new chunk: no chunk mixes two sections.
    assert not any("## " in chunk.text or "구비 서류\n" in chunk.text for chunk in chunks)


def test_chunks_carry_the_document_metadata() -> None:
    document = make_document(Block(kind="heading", text="개요", level=1), Block(kind="paragraph", text="본문입니다."))
    (chunk,) = chunk_document(document)
    assert chunk == Chunk(
        id="test/doc#0",
        document_id="test/doc",
        ordinal=0,
        text="본문입니다.",
        title="시험 문서",
        section="개요",
        source="test.md",
        url="https://example.go.kr/doc",
        visibility="department",
        department="civil",
        updated="2026-10-01",
        page=None,
    )


def test_qa_pairs_are_one_chunk_each_even_when_long(shipped: dict[str, Document]) -> None:
    qa_documents = [document for document in shipped.values() if document.format == "qa_csv"]
    assert any(len(document.text) > DEFAULT_MAX_CHARS for document in qa_documents)
    for document in qa_documents:
        (chunk,) = chunk_document(document)
        assert chunk.text == document.blocks[0].text
        assert chunk.id == f"{document.id}#0"
        assert chunk.section == document.section
        assert chunk.url == document.url


def test_qa_pairs_are_not_packed_together() -> None:
    document = make_document(
        Block(kind="qa", text="질문 하나?\n답 하나."),
        Block(kind="qa", text="질문 둘?\n답 둘."),
        Block(kind="paragraph", text="덧붙임."),
    )
    assert [chunk.text for chunk in chunk_document(document)] == ["질문 하나?\n답 하나.", "질문 둘?\n답 둘.", "덧붙임."]


def test_shipped_fee_table_stays_in_one_chunk(shipped: dict[str, Document]) -> None:
    table = next(block for block in shipped["city/passport-issuance"].blocks if block.kind == "table")
    holding = [chunk for chunk in chunk_document(shipped["city/passport-issuance"]) if "58면" in chunk.text]
    assert len(holding) == 1
    assert table.text in holding[0].text
    assert holding[0].section == "여권 발급 > 수수료"


def test_table_longer_than_the_limit_is_never_split() -> None:
    rows = "\n".join(f"| {n}번 품목 | 대형폐기물 수수료 | {n * 1000}원 |" for n in range(60))
    table = f"| 품목 | 구분 | 금액 |\n|---|---|---|\n{rows}"
    assert len(table) > 2 * DEFAULT_MAX_CHARS
    document = make_document(
        Block(kind="paragraph", text="아래 표를 보세요."),
        Block(kind="table", text=table),
        Block(kind="paragraph", text="표 뒤의 설명입니다."),
    )
    assert [chunk.text for chunk in chunk_document(document)] == ["아래 표를 보세요.", table, "표 뒤의 설명입니다."]


def test_small_table_is_packed_with_its_introduction() -> None:
    document = make_document(
        Block(kind="paragraph", text="수수료는 다음과 같습니다."),
        Block(kind="table", text="| 구분 | 금액 |\n|---|---|\n| 등본 | 200원 |"),
    )
    (chunk,) = chunk_document(document)
    assert chunk.text == "수수료는 다음과 같습니다.\n\n| 구분 | 금액 |\n|---|---|\n| 등본 | 200원 |"


def test_paragraphs_are_packed_up_to_the_limit() -> None:
    paragraphs = [sentence(n) for n in range(40)]
    document = make_document(*(Block(kind="paragraph", text=text) for text in paragraphs))
    chunks = chunk_document(document, max_chars=300)
    assert 1 < len(chunks) < len(paragraphs)
    assert all(len(chunk.text) <= 300 for chunk in chunks)
    assert [text for chunk in chunks for text in chunk.text.split("\n\n")] == paragraphs


def test_long_paragraph_is_split_at_korean_sentence_ends() -> None:
    endings = ["입니다.", "해요.", "되나요?", "주세요!", "함.", "됨."]
    sentences = [f"{n}번째 문장에서 전입신고 기간과 과태료를 자세히 안내{endings[n % len(endings)]}" for n in range(40)]
    paragraph = " ".join(sentences)
    assert len(paragraph) > DEFAULT_MAX_CHARS
    chunks = chunk_document(make_document(Block(kind="paragraph", text=paragraph)))
    assert len(chunks) > 1
    assert all(len(chunk.text) <= DEFAULT_MAX_CHARS for chunk in chunks)
    assert all(re.search(r"(다\.|요\.|\?|!|함\.|됨\.)$", chunk.text) for chunk in chunks)
    assert " ".join(chunk.text for chunk in chunks) == paragraph


def test_split_text_does_not_cut_after_numbers_or_abbreviations() -> None:
    # Each sentence is over half the limit, so any extra cut inside one would show up as a piece of its own
    # or glued to the previous sentence.
    sentences = [
        "제1. 여권 사진은 가로 3.5 cm, 세로 4.5 cm 크기로 최근 6개월 안에 찍은 것이어야 합니다.",
        "창구 담당 Mr. Kim 씨가 서류를 확인한 뒤 접수 번호와 수령 예정일을 문자로 알려 드려요.",
        "No. 3 창구는 목요일 저녁 8시까지 연장 운영하며 공휴일에는 문을 열지 않습니다.",
        "신청서는 창구에 비치되어 있으며 대리 신청이면 위임장과 대리인 신분증이 필요함.",
    ]
    assert all(60 > len(text) > 40 for text in sentences)
    assert split_text(" ".join(sentences), 80) == sentences


def test_sentence_longer_than_the_limit_is_cut_at_spaces_or_hard() -> None:
    spaced = " ".join(["가나다라마바사"] * 100)
    pieces = split_text(spaced, 120)
    assert all(len(piece) <= 120 for piece in pieces)
    assert " ".join(pieces) == spaced
    unspaced = "가" * 450
    assert split_text(unspaced, 200) == ["가" * 200, "가" * 200, "가" * 50]


def test_document_section_prefixes_the_heading_path() -> None:
    document = make_document(
        Block(kind="heading", text="지원 대상", level=2),
        Block(kind="paragraph", text="만 65세 이상입니다."),
        section="복지 > 기초연금",
    )
    assert [chunk.section for chunk in chunk_document(document)] == ["복지 > 기초연금 > 지원 대상"]


def test_pdf_chunks_cite_the_page_they_start_on() -> None:
    document = make_document(
        Block(kind="paragraph", text="첫 쪽 내용입니다.", page=1),
        Block(kind="paragraph", text="둘째 쪽 내용입니다.", page=2),
        *(Block(kind="paragraph", text=sentence(n), page=3) for n in range(20)),
    )
    chunks = chunk_document(document)
    assert chunks[0].page == 1
    assert "둘째 쪽 내용입니다." in chunks[0].text
    assert chunks[-1].page == 3


def test_document_of_only_headings_still_yields_a_chunk() -> None:
    document = make_document(Block(kind="heading", text="목차", level=1), Block(kind="heading", text="부록", level=2))
    (chunk,) = chunk_document(document)
    assert chunk.text == "목차\n부록"


def test_search_text_adds_title_and_section_once(shipped: dict[str, Document]) -> None:
    chunk = next(chunk for chunk in chunk_document(shipped["city/move-in-report"]) if "신고인 신분증" in chunk.text)
    assert chunk.search_text.startswith("전입신고 > 구비 서류\n- 신고인 신분증")
    qa = chunk_document(shipped["2482"])[0]
    assert qa.search_text.startswith(f"{qa.title} > {qa.section}\n")


def test_chunker_validates_and_allows_per_call_override() -> None:
    with pytest.raises(ValueError, match="max_chars=10"):
        DocumentChunker(max_chars=10)
    document = make_document(*(Block(kind="paragraph", text=sentence(n)) for n in range(30)))
    chunker = DocumentChunker(max_chars=1000)
    assert chunker.run([document]) == chunk_document(document, max_chars=1000)
    assert len(chunker.run([document], max_chars=200)) > len(chunker.run([document]))
    with pytest.raises(ValueError, match="max_chars=5"):
        chunker.run([document], max_chars=5)
