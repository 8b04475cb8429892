"""Ingestion of every supported format from real files built here with the format's own libraries."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from pypdf import PdfReader, PdfWriter

from retrieval.errors import DocumentParseError, UnsafeArchiveError, UnsupportedFormatError
from retrieval.ingest import QaCsvColumns, detect_format, ingest_paths, load_document
from retrieval.types import Document

MANUALS = Path(__file__).resolve().parents[2] / "data" / "manuals"
BAEKMUN = MANUALS / "baekmun_3categories.csv"


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF whose pages show the given ASCII lines in Helvetica (pypdf cannot author text)."""
    page_ids = [3 + 2 * index for index in range(len(pages))]
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % i for i in page_ids) + b"] /Count %d >>" % len(pages),
    }
    font_id = 3 + 2 * len(pages)
    objects[font_id] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    for page_id, lines in zip(page_ids, pages, strict=True):
        shown = b" T* ".join(b"(" + line.encode("ascii") + b") Tj" for line in lines)
        content = b"BT /F1 12 Tf 14 TL 72 720 Td " + shown + b" ET"
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font_id, page_id + 1)
        )
        objects[page_id + 1] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for number in sorted(objects):
        out += b"%010d 00000 n \n" % offsets[number]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def blank_pdf() -> bytes:
    """What a scanner without OCR produces, as far as text goes: a page with nothing to extract."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypt_pdf(data: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.core_properties.title = "전입신고 안내"
    document.add_heading("전입신고 안내", level=1)
    document.add_paragraph("전입신고는 이사한 날부터 14일 이내에 해야 합니다.")
    document.add_heading("구비 서류", level=2)
    document.add_paragraph("신분증을 가져오세요.")
    table = document.add_table(rows=3, cols=3)
    values_by_row = [["구분", "서류", "비고"], ["본인", "신분증", "원본"], ["대리인", "위임장", ""]]
    for row, values in zip(table.rows, values_by_row, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    merged = table.cell(2, 1).merge(table.cell(2, 2))
    merged.text = "위임장과 신분증"
    korean_heading = document.styles.add_style("제목 2", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("수수료", style=korean_heading)
    document.add_paragraph("무료입니다.")
    document.save(str(path))
    return path


HWPX_HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<hh:head xmlns:hh="http://www.hancom.co.kr/hwpml/2011/head" version="1.4">
  <hh:refList><hh:styles itemCnt="3">
    <hh:style id="0" type="PARA" name="바탕글" engName="Normal"/>
    <hh:style id="2" type="PARA" name="개요 1" engName="Outline 1"/>
    <hh:style id="3" type="PARA" name="개요 2" engName="Outline 2"/>
  </hh:styles></hh:refList>
</hh:head>"""

HWPX_SECTION = """<?xml version="1.0" encoding="UTF-8"?>
<hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section"
        xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph">
  <hp:p id="1" styleIDRef="2"><hp:run charPrIDRef="0"><hp:t>대형폐기물 배출</hp:t></hp:run></hp:p>
  <hp:p id="2" styleIDRef="0"><hp:run charPrIDRef="0"><hp:t>대형폐기물은 미리 신고하고</hp:t></hp:run>
    <hp:run charPrIDRef="1"><hp:t> 스티커를 붙여<hp:tab/>내놓습니다.</hp:t></hp:run></hp:p>
  <hp:p id="3" styleIDRef="3"><hp:run><hp:t>수수료</hp:t></hp:run></hp:p>
  <hp:p id="4" styleIDRef="0"><hp:run><hp:ctrl><hp:header><hp:subList><hp:p><hp:run><hp:t>머리글 반복</hp:t>
    </hp:run></hp:p></hp:subList></hp:header></hp:ctrl>
    <hp:tbl rowCnt="2" colCnt="2">
      <hp:tr><hp:tc><hp:subList><hp:p><hp:run><hp:t>품목</hp:t></hp:run></hp:p></hp:subList></hp:tc>
             <hp:tc><hp:subList><hp:p><hp:run><hp:t>금액</hp:t></hp:run></hp:p></hp:subList></hp:tc></hp:tr>
      <hp:tr><hp:tc><hp:subList><hp:p><hp:run><hp:t>장롱</hp:t></hp:run></hp:p></hp:subList></hp:tc>
             <hp:tc><hp:subList><hp:p><hp:run><hp:t>10,000원</hp:t></hp:run></hp:p>
               <hp:p><hp:run><hp:t>(1짝)</hp:t></hp:run></hp:p></hp:subList></hp:tc></hp:tr>
    </hp:tbl></hp:run></hp:p>
</hs:sec>"""

HWPX_SECTION_2 = """<?xml version="1.0" encoding="UTF-8"?>
<hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section"
        xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph">
  <hp:p id="1" styleIDRef="0"><hp:run><hp:t>두 번째 구역입니다.</hp:t></hp:run></hp:p>
</hs:sec>"""


def make_hwpx(path: Path, sections: tuple[str, ...] = (HWPX_SECTION, HWPX_SECTION_2)) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/hwp+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("Contents/header.xml", HWPX_HEADER, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr(
            "Contents/content.hpf",
            '<opf:package xmlns:opf="http://www.idpf.org/2007/opf/"><opf:metadata>'
            "<opf:title>대형폐기물 안내</opf:title></opf:metadata></opf:package>",
        )
        # section10 sorts before section2 as text; the reader must order them by number.
        for number, section in zip((2, 10), sections, strict=False):
            archive.writestr(f"Contents/section{number}.xml", section, compress_type=zipfile.ZIP_DEFLATED)
    return path


def only(documents: list[Document]) -> Document:
    assert len(documents) == 1
    return documents[0]


# --- PDF ---------------------------------------------------------------------------------------------------


def test_pdf_text_is_read_page_by_page(tmp_path: Path) -> None:
    path = tmp_path / "guide.pdf"
    path.write_bytes(make_pdf([["Move-in report within 14 days.", "Bring your ID card."], ["Fee: free of charge."]]))
    document = only(load_document(path, document_id="city/guide", url="https://example.go.kr/guide"))
    assert document.id == "city/guide"
    assert document.format == "pdf"
    assert document.url == "https://example.go.kr/guide"
    assert document.title == "guide"
    assert "Move-in report within 14 days." in document.text
    assert "Bring your ID card." in document.text
    assert [block.page for block in document.blocks] == [1, 2]
    assert "Fee: free of charge." in document.blocks[1].text


@pytest.mark.reliability("bad_input", "암호 걸린 PDF (encrypted PDF)", "refused in Korean and English, naming the fix")
def test_pdf_encrypted_with_a_password_is_refused_in_korean_and_english(tmp_path: Path) -> None:
    path = tmp_path / "secret.pdf"
    path.write_bytes(encrypt_pdf(make_pdf([["Internal memo"]]), user_password="1234"))
    with pytest.raises(DocumentParseError, match=r"secret\.pdf: 암호화된 PDF.*encrypted PDF"):
        load_document(path)


def test_pdf_encrypted_with_an_empty_user_password_still_opens(tmp_path: Path) -> None:
    path = tmp_path / "restricted.pdf"
    path.write_bytes(encrypt_pdf(make_pdf([["Printing restricted but readable"]]), user_password=""))
    assert "Printing restricted but readable" in only(load_document(path)).text


@pytest.mark.reliability("bad_input", "텍스트 층이 없는 PDF (scanned PDF, library level)", "says OCR is not available")
def test_pdf_without_text_layer_says_ocr_is_not_available(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(blank_pdf())
    with pytest.raises(DocumentParseError, match=r"scan\.pdf.*OCR"):
        load_document(path)


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\nthis is not a pdf body at all", make_pdf([["Truncated"]])[:150]],
    ids=["garbage", "truncated"],
)
def test_corrupt_pdf_is_a_parse_error_naming_the_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    with pytest.raises(DocumentParseError, match=r"broken\.pdf"):
        load_document(path)


# --- DOCX ---------------------------------------------------------------------------------------------------


def test_docx_headings_come_from_styles_and_tables_stay_whole(tmp_path: Path) -> None:
    document = only(load_document(make_docx(tmp_path / "move-in.docx")))
    assert document.title == "전입신고 안내"
    headings = [(block.text, block.level) for block in document.blocks if block.kind == "heading"]
    assert headings == [("전입신고 안내", 1), ("구비 서류", 2), ("수수료", 2)]
    tables = [block for block in document.blocks if block.kind == "table"]
    assert len(tables) == 1
    assert tables[0].text.splitlines() == [
        "| 구분 | 서류 | 비고 |",
        "|---|---|---|",
        "| 본인 | 신분증 | 원본 |",
        "| 대리인 | 위임장과 신분증 |",  # the merged cell appears once
    ]
    kinds = [block.kind for block in document.blocks]
    assert kinds == ["heading", "paragraph", "heading", "paragraph", "table", "heading", "paragraph"]


def test_docx_without_body_part_is_a_parse_error(tmp_path: Path) -> None:
    path = tmp_path / "hollow.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(DocumentParseError, match=r"hollow\.docx"):
        load_document(path)


def test_docx_that_is_not_a_zip_is_a_parse_error(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_text("plain text pretending to be Word", encoding="utf-8")
    with pytest.raises(DocumentParseError, match=r"fake\.docx.*DOCX"):
        load_document(path)


@pytest.mark.reliability("bad_input", "DOCX 압축 폭탄 (zip bomb, 300 MB inside 2 MB)",
                         "refused before reading by the unpacked size")
def test_zip_bomb_over_200_mb_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        member = zipfile.ZipInfo("word/document.xml")
        member.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(member, "w", force_zip64=True) as handle:
            block = b"\0" * (1 << 20)
            for _ in range(300):
                handle.write(block)
    assert path.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(UnsafeArchiveError, match=r"bomb\.docx.*300 MB.*200 MB"):
        load_document(path)


@pytest.mark.reliability("bad_input", "HWPX 압축 폭탄 (zip bomb by compression ratio)",
                         "refused by the compression ratio")
def test_highly_compressed_archive_is_refused_by_ratio(tmp_path: Path) -> None:
    path = tmp_path / "dense.hwpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/hwp+zip")
        archive.writestr("Contents/section0.xml", b" " * (20 * 1024 * 1024))
    with pytest.raises(UnsafeArchiveError, match=r"dense\.hwpx.*compression ratio \d+, limit 100"):
        load_document(path)


# --- HWPX ---------------------------------------------------------------------------------------------------


def test_hwpx_paragraphs_headings_and_tables(tmp_path: Path) -> None:
    document = only(load_document(make_hwpx(tmp_path / "waste.hwpx"), visibility="public"))
    assert document.format == "hwpx"
    assert document.title == "대형폐기물 안내"
    assert [(block.kind, block.text) for block in document.blocks] == [
        ("heading", "대형폐기물 배출"),
        ("paragraph", "대형폐기물은 미리 신고하고 스티커를 붙여 내놓습니다."),
        ("heading", "수수료"),
        ("table", "| 품목 | 금액 |\n|---|---|\n| 장롱 | 10,000원 (1짝) |"),
        ("paragraph", "두 번째 구역입니다."),
    ]
    assert [block.level for block in document.blocks if block.kind == "heading"] == [1, 2]
    assert "머리글 반복" not in document.text


def test_hwpx_without_sections_is_a_parse_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.hwpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/hwp+zip")
    with pytest.raises(DocumentParseError, match=r"empty\.hwpx.*section"):
        load_document(path)


def test_hwpx_with_broken_xml_is_a_parse_error(tmp_path: Path) -> None:
    path = make_hwpx(tmp_path / "broken.hwpx", sections=("<hs:sec><hp:p>닫히지 않은 태그",))
    with pytest.raises(DocumentParseError, match=r"broken\.hwpx.*HWPX"):
        load_document(path)


@pytest.mark.reliability("bad_input", "HWPX XML 엔티티 폭탄 (billion laughs)", "entities never expanded")
def test_hwpx_entities_are_not_expanded(tmp_path: Path) -> None:
    section = (
        '<?xml version="1.0"?><!DOCTYPE sec [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        '<hs:sec xmlns:hs="s" xmlns:hp="p"><hp:p><hp:run><hp:t>before &x; after</hp:t></hp:run></hp:p></hs:sec>'
    )
    document = only(load_document(make_hwpx(tmp_path / "xxe.hwpx", sections=(section,))))
    assert document.text == "before after"


# --- HTML, Markdown, text -----------------------------------------------------------------------------------


def test_html_drops_scripts_and_navigation_and_keeps_structure(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(
        """<!DOCTYPE html><html><head><meta charset="euc-kr"><title>여권 발급 | OO시</title>
        <style>body { color: red }</style><script>var tracking = "추적코드";</script></head>
        <body><nav><a href="/">홈</a> 메뉴 바로가기</nav>
        <h1>여권 발급</h1><p>여권은 <b>본인이</b> 직접<br>신청합니다.</p>
        <h2>수수료</h2><table><thead><tr><th>구분</th><th>금액</th></tr></thead>
        <tbody><tr><td>10년</td><td>53,000원</td></tr></tbody></table>
        <h5>작은 제목</h5><ul><li>첫째</li><li>둘째</li></ul>
        <!-- 주석 --><script>alert(1)</script>똠방각하</body></html>""".encode("cp949")
    )
    document = only(load_document(path))
    assert document.title == "여권 발급 | OO시"
    assert [(block.kind, block.text) for block in document.blocks] == [
        ("heading", "여권 발급"),
        ("paragraph", "여권은 본인이 직접\n신청합니다."),
        ("heading", "수수료"),
        ("table", "| 구분 | 금액 |\n|---|---|\n| 10년 | 53,000원 |"),
        ("paragraph", "작은 제목"),
        ("paragraph", "첫째"),
        ("paragraph", "둘째"),
        ("paragraph", "똠방각하"),
    ]
    for dropped in ("추적코드", "메뉴 바로가기", "color", "alert", "주석"):
        assert dropped not in document.text


def test_shipped_city_guides_front_matter() -> None:
    guides = sorted((MANUALS / "city").glob("*.md"))
    assert len(guides) >= 17
    documents = {path.stem: only(load_document(path, document_id=f"city/{path.stem}")) for path in guides}
    move_in = documents["move-in-report"]
    assert move_in.id == "city/move-in-report"
    assert (move_in.title, move_in.department, move_in.visibility, move_in.updated) == (
        "전입신고",
        "civil",
        "public",
        "2026-10-01",
    )
    assert move_in.format == "markdown"
    assert not move_in.text.startswith("---")
    assert documents["complaint-transfer-procedure"].visibility == "internal"
    assert all(document.department for document in documents.values())
    tables = [block for block in documents["passport-issuance"].blocks if block.kind == "table"]
    assert len(tables) == 1
    assert len(tables[0].text.splitlines()) == 7


def test_markdown_visibility_never_loosened_by_the_caller(tmp_path: Path) -> None:
    path = tmp_path / "memo.md"
    path.write_text("---\ntitle: 직원 메모\nvisibility: internal\n---\n본문입니다.\n", encoding="utf-8")
    assert only(load_document(path, visibility="public")).visibility == "internal"
    path.write_text("---\ntitle: 공개 안내\nvisibility: public\n---\n본문입니다.\n", encoding="utf-8")
    assert only(load_document(path, visibility="internal")).visibility == "internal"
    assert only(load_document(path)).visibility == "public"


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ("visibility: secret", r"memo\.md.*'secret'.*public, internal, department"),
        ("updated: next week", r"memo\.md.*'next week'.*YYYY-MM-DD"),
        ("title: [unclosed", r"memo\.md.*YAML"),
        ("visibility: department", r"memo\.md.*department"),
    ],
)
def test_bad_front_matter_names_the_value_and_the_fix(tmp_path: Path, front_matter: str, message: str) -> None:
    path = tmp_path / "memo.md"
    path.write_text(f"---\n{front_matter}\n---\n# 제목\n본문\n", encoding="utf-8")
    with pytest.raises(DocumentParseError, match=message):
        load_document(path)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp949", "euc-kr", "utf-16"])
def test_text_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "notice.txt"
    text = "주민등록 등본 발급 안내\n\n무인민원발급기에서 발급합니다.\r\n수수료는 200원입니다."
    path.write_bytes(text.encode(encoding))
    document = only(load_document(path))
    assert [block.text for block in document.blocks] == [
        "주민등록 등본 발급 안내",
        "무인민원발급기에서 발급합니다.\n수수료는 200원입니다.",
    ]
    assert document.visibility == "internal"  # nobody said it may be shown to citizens


@pytest.mark.reliability("bad_input", "바이너리 내용의 .txt 안내서 (binary manual)", "refused as not text")
def test_binary_data_in_a_txt_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(DocumentParseError, match=r"image\.txt.*binary"):
        load_document(path)


def test_empty_document_is_an_error_not_an_empty_list(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("\n  \n", encoding="utf-8")
    with pytest.raises(DocumentParseError, match=r"blank\.txt.*no text"):
        load_document(path)


# --- Q&A CSV ------------------------------------------------------------------------------------------------


def test_shipped_qa_csv_loads_every_row_with_ids_urls_and_tables() -> None:
    with BAEKMUN.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    documents = load_document(BAEKMUN, visibility="public")
    assert len(documents) == len(rows) > 100
    assert [document.id for document in documents] == [row["백문일련번호"] for row in rows]
    assert [document.url for document in documents] == [row["원문링크"] for row in rows]
    first, row = documents[0], rows[0]
    assert first.title == row["주제"]
    assert first.section == f"{row['대분류명']} > {row['소분류명']}"
    assert first.visibility == "public"
    assert first.format == "qa_csv"
    assert [block.kind for block in first.blocks] == ["qa"]
    assert first.blocks[0].text == f"{row['질문']}\n{row['답변']}".replace("\r\n", "\n").strip()
    with_tables = [document for document in documents if "[표]" in document.text]
    assert len(with_tables) == sum("[표]" in row["답변"] for row in rows) > 0
    assert all("[표 끝]" in document.text and "\n" in document.text for document in with_tables)


def test_qa_csv_with_custom_columns_and_cp949(tmp_path: Path) -> None:
    path = tmp_path / "faq.csv"
    rows = '번호,분야,Q,A\n7,주차,주차 요금은?,"1시간 1,000원입니다.\n[표]\n구분 | 요금\n[표 끝]"\n8,,빈 답변,\n,,,\n'
    path.write_bytes(rows.encode("cp949"))
    columns = QaCsvColumns(question="Q", answer="A", id="번호", url=None, title=None, category=("분야",))
    documents = load_document(path, csv_columns=columns)
    assert [document.id for document in documents] == ["7", "8"]
    assert documents[0].title == "주차 요금은?"
    assert documents[0].section == "주차"
    assert documents[0].blocks[0].text == "주차 요금은?\n1시간 1,000원입니다.\n[표]\n구분 | 요금\n[표 끝]"
    assert documents[1].section is None


def test_qa_csv_missing_columns_are_listed_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("question,answer\n뭐예요?,이거예요.\n", encoding="utf-8")
    with pytest.raises(DocumentParseError, match=r"other\.csv.*질문.*QaCsvColumns"):
        load_document(path)


def test_qa_csv_duplicate_ids_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text("id,q,a\n1,첫 질문,답\n1,둘째 질문,답\n", encoding="utf-8")
    columns = QaCsvColumns(question="q", answer="a", id="id", url=None, title=None, category=())
    with pytest.raises(DocumentParseError, match=r"dup\.csv.*'1'.*2.*3"):
        load_document(path, csv_columns=columns)


def test_qa_csv_without_id_column_hashes_the_question_stably(tmp_path: Path) -> None:
    path = tmp_path / "faq.csv"
    path.write_text("q,a\n첫 질문,답 1\n둘째 질문,답 2\n", encoding="utf-8")
    columns = QaCsvColumns(question="q", answer="a", id=None, url=None, title=None, category=())
    first = [document.id for document in load_document(path, csv_columns=columns)]
    path.write_text("q,a\n둘째 질문,답 2\n첫 질문,답 1 (고침)\n", encoding="utf-8")
    second = [document.id for document in load_document(path, csv_columns=columns)]
    assert first[0].startswith("faq/")
    assert second == list(reversed(first))


# --- dispatch and batches -----------------------------------------------------------------------------------


def test_format_comes_from_content_before_extension(tmp_path: Path) -> None:
    pdf = tmp_path / "upload-1234"
    pdf.write_bytes(make_pdf([["No extension"]]))
    misnamed = make_docx(tmp_path / "really-a-docx.pdf")
    hwpx = make_hwpx(tmp_path / "hwpx-upload")
    html = tmp_path / "page"
    html.write_text("<!doctype html><html><body><p>안녕</p></body></html>", encoding="utf-8")
    assert [detect_format(path) for path in (pdf, misnamed, hwpx, html)] == ["pdf", "docx", "hwpx", "html"]
    assert only(load_document(misnamed)).format == "docx"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("old.hwp", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, r"old\.hwp.*HWPX"),
        ("sheet.xlsx", None, r"sheet\.xlsx.*neither DOCX nor HWPX"),
        ("photo.jpg", b"\xff\xd8\xff\xe0JFIF", r"photo\.jpg.*'\.jpg'"),
    ],
)
def test_unsupported_formats_say_what_to_upload_instead(
    tmp_path: Path, name: str, data: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if data is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("xl/workbook.xml", "<workbook/>")
    else:
        path.write_bytes(data)
    with pytest.raises(UnsupportedFormatError, match=message):
        load_document(path)


def test_missing_file_is_a_retrieval_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentParseError, match=r"nowhere\.pdf"):
        load_document(tmp_path / "nowhere.pdf")


def test_bad_arguments_are_value_errors_naming_the_value(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("내용", encoding="utf-8")
    with pytest.raises(ValueError, match="'everyone'"):
        load_document(path, visibility="everyone")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="department="):
        load_document(path, visibility="department")


def test_ingest_paths_reports_failures_and_keeps_everything_else(tmp_path: Path) -> None:
    root = tmp_path / "manuals"
    (root / "city").mkdir(parents=True)
    (root / "welfare").mkdir()
    (root / "city" / "guide.pdf").write_bytes(make_pdf([["City guide"]]))
    make_docx(root / "city" / "move-in.docx")
    (root / "city" / "scan.pdf").write_bytes(blank_pdf())
    (root / "city" / "old.hwp").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    (root / "welfare" / "guide.txt").write_text("복지 안내입니다.", encoding="utf-8")
    (root / "welfare" / ".hidden.txt").write_text("숨김", encoding="utf-8")
    progress: list[float] = []

    report = ingest_paths([root, root / "city" / "guide.pdf"], root=root, visibility="public", progress=progress.append)

    assert [document.id for document in report.documents] == ["city/guide", "city/move-in", "welfare/guide"]
    assert all(document.visibility == "public" for document in report.documents)
    failed = {Path(failure.path).name: failure.message for failure in report.failures}
    assert set(failed) == {"old.hwp", "scan.pdf"}
    assert "OCR" in failed["scan.pdf"]
    assert progress == sorted(progress) and progress[-1] == 100.0 and len(progress) == 5


def test_ingest_paths_without_root_reports_colliding_stems(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "faq.txt").write_text(f"{folder} 안내", encoding="utf-8")
    report = ingest_paths([tmp_path / "a" / "faq.txt", tmp_path / "b" / "faq.txt"])
    assert [document.text for document in report.documents] == ["a 안내"]
    assert len(report.failures) == 1
    assert report.failures[0].path.endswith("b/faq.txt")
    assert "duplicate document id" in report.failures[0].message
