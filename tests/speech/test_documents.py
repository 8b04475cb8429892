import io
import json
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree
from pypdf import PdfReader

from nlp.pii import PiiMasker
from speech.documents import (
    ACTION_COLUMNS,
    DOCUMENT_WRITERS,
    HWPX_PAGE_HEIGHT,
    HWPX_PAGE_WIDTH,
    HWPX_REQUIRED_PARTS,
    SECTION_ACTIONS,
    SECTION_AGENDA,
    SECTION_DECISIONS,
    SECTION_TRANSCRIPT,
    DocxMinutesWriter,
    HwpxMinutesWriter,
    PdfMinutesWriter,
    find_korean_font,
    format_duration,
    format_held_at,
    format_stamp,
    get_document_writer,
    public_minutes,
    read_hwpx_text,
)
from speech.errors import SpeechError
from speech.types import ActionItem, AgendaItem, Decision, Minutes, MinutesMetadata, TranscriptLine

HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
HH = "{http://www.hancom.co.kr/hwpml/2011/head}"

MINUTES = Minutes(
    metadata=MinutesMetadata(
        title="2027년 도로 보수 예산 회의",
        held_at=datetime(2026, 11, 23, 14, 0),
        place="시청 별관 3층 중회의실",
        attendees=("김민수 과장", "이영희 주무관", "박철수 팀장"),
        organizer="도로과",
        duration=5125.0,
    ),
    agenda=(
        AgendaItem(
            title="관내 도로 포트홀 보수 예산",
            start=0.0,
            end=1800.0,
            summary=(
                "올해 접수된 포트홀 민원은 1,284건으로 작년보다 23% 늘었습니다.",
                "긴급 보수 예산으로 3억 5천만 원이 필요합니다.",
            ),
            decisions=(
                Decision(
                    text="포트홀 긴급 보수 예산 3억 5천만 원을 제2회 추경에 반영한다.",
                    start=1650.0,
                    speaker="김민수 과장",
                ),
            ),
            action_items=(
                ActionItem(
                    task="추경 예산 요구서 작성",
                    owner="이영희 주무관",
                    due=date(2026, 12, 15),
                    due_text="12월 15일까지",
                    start=1800.0,
                    speaker="김민수 과장",
                ),
            ),
        ),
        AgendaItem(
            title="중앙로 보도블록 교체 공사 일정",
            start=1800.0,
            end=5125.0,
            summary=(
                "중앙로 보도블록 교체는 2027년 3월 2일에 착공합니다.",
                "현장 문의는 박철수 팀장 010-9876-5432로 받습니다.",
            ),
            decisions=(Decision(text="보도블록 교체 공사는 야간에만 시행한다."),),
            action_items=(
                ActionItem(task="공사 발주 공고 게시", owner="박철수 팀장", due=date(2027, 1, 8)),
                ActionItem(task="주민 안내문 배포", owner="도로과", due_text="착공 2주 전"),
            ),
        ),
    ),
    transcript=(
        TranscriptLine(
            start=5.0, end=9.5, speaker="김민수 과장", text="회의를 시작하겠습니다. 오늘은 도로 보수 예산을 논의합니다."
        ),
        TranscriptLine(
            start=723.4,
            end=731.0,
            speaker="이영희 주무관",
            text="올해 포트홀 민원은 1,284건이고 긴급 보수에 3억 5천만 원이 필요합니다.",
        ),
        TranscriptLine(
            start=1502.0,
            end=1510.0,
            speaker="박철수 팀장",
            text="민원인 연락처는 010-1234-5678이고 주민등록번호 900101-1234567로 본인 확인을 했습니다.",
        ),
        TranscriptLine(
            start=1800.0,
            end=1806.0,
            speaker="김민수 과장",
            text="이영희 주무관은 12월 15일까지 요구서를 작성해 주세요.",
        ),
        TranscriptLine(
            start=4323.0,
            end=4330.0,
            speaker="박철수 팀장",
            text="착공은 2027년 3월 2일이고 김민수 과장님께 따로 보고드리겠습니다.",
        ),
    ),
)
EMPTY = Minutes(metadata=MinutesMetadata(title="임시 회의"))
TITLES = {"김민수 과장": "도로과장", "이영희 주무관": "도로과 주무관"}
FORMATS = ("docx", "hwpx", "pdf", "txt", "json", "md")
PERSONAL = ("010-1234-5678", "900101-1234567", "010-9876-5432", "김민수", "이영희", "박철수")

_masker = PiiMasker()


def mask(text: str) -> str:
    return _masker.mask(text).text


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    lines += ["\t".join(cell.text for cell in row.cells) for table in document.tables for row in table.rows]
    return "\n".join(lines)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def exported_text(fmt: str, minutes: Minutes) -> str:
    data = get_document_writer(fmt).write_bytes(minutes)
    if fmt == "docx":
        return docx_text(data)
    if fmt == "pdf":
        return pdf_text(data)
    if fmt == "hwpx":
        return read_hwpx_text(data)
    return data.decode("utf-8")


def compact(text: str) -> str:
    """Text without whitespace: PDF extraction puts spaces and line breaks where the layout wrapped."""
    return "".join(text.split())


# --- registry ---------------------------------------------------------------------------------------


def test_every_format_has_a_writer_with_its_extension_and_media_type() -> None:
    assert set(DOCUMENT_WRITERS) == set(FORMATS)
    for fmt in FORMATS:
        writer = get_document_writer(fmt)
        assert writer.extension == fmt
        assert "/" in writer.media_type
    assert get_document_writer("HWPX").media_type == "application/hwp+zip"
    assert isinstance(get_document_writer(".docx"), DocxMinutesWriter)


def test_unknown_format_names_the_choices() -> None:
    with pytest.raises(SpeechError, match=r"'odt'.*docx, hwpx, json, md, pdf, txt"):
        get_document_writer("odt")


def test_formatting_of_dates_durations_and_stamps() -> None:
    assert format_held_at(datetime(2026, 11, 23, 14, 0)) == "2026년 11월 23일(월) 14:00"
    assert format_held_at(datetime(2026, 11, 29, 9, 5)) == "2026년 11월 29일(일) 09:05"
    assert format_duration(5125) == "1시간 25분"
    assert format_duration(3600) == "1시간"
    assert format_duration(1500) == "25분"
    assert format_duration(42) == "42초"
    assert format_stamp(723.9) == "[00:12:03]"
    assert format_stamp(4323) == "[01:12:03]"


# --- DOCX -------------------------------------------------------------------------------------------


def test_docx_reopens_with_headings_tables_and_transcript() -> None:
    document = Document(io.BytesIO(get_document_writer("docx").write_bytes(MINUTES)))
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["Title"] == ["2027년 도로 보수 예산 회의"]
    assert by_style["Heading 1"] == [SECTION_AGENDA, SECTION_DECISIONS, SECTION_ACTIONS, SECTION_TRANSCRIPT]
    assert by_style["Heading 2"] == ["가. 관내 도로 포트홀 보수 예산", "나. 중앙로 보도블록 교체 공사 일정"]
    assert "긴급 보수 예산으로 3억 5천만 원이 필요합니다." in by_style["List Bullet"]
    assert "보도블록 교체 공사는 야간에만 시행한다." in by_style["List Bullet"]

    overview, actions = ([[cell.text for cell in row.cells] for row in table.rows] for table in document.tables)
    assert overview == [
        ["일시", "2026년 11월 23일(월) 14:00"],
        ["장소", "시청 별관 3층 중회의실"],
        ["참석자", "김민수 과장, 이영희 주무관, 박철수 팀장 (총 3명)"],
        ["주관", "도로과"],
        ["회의 시간", "1시간 25분"],
    ]
    assert actions == [
        list(ACTION_COLUMNS),
        ["1", "추경 예산 요구서 작성", "이영희 주무관", "2026. 12. 15."],
        ["2", "공사 발주 공고 게시", "박철수 팀장", "2027. 1. 8."],
        ["3", "주민 안내문 배포", "도로과", "착공 2주 전"],
    ]
    transcript = [p.text for p in document.paragraphs if p.text.startswith("[")]
    assert (
        transcript[1]
        == "[00:12:03] 이영희 주무관: 올해 포트홀 민원은 1,284건이고 긴급 보수에 3억 5천만 원이 필요합니다."
    )
    assert transcript[-1].startswith("[01:12:03] 박철수 팀장: 착공은")
    assert len(transcript) == len(MINUTES.transcript)


def test_docx_is_a4_in_a_korean_font() -> None:
    document = Document(io.BytesIO(get_document_writer("docx").write_bytes(MINUTES)))
    section = document.sections[0]
    assert section.page_width.mm == pytest.approx(210, abs=0.5)
    assert section.page_height.mm == pytest.approx(297, abs=0.5)
    assert section.left_margin.mm == pytest.approx(20, abs=0.5)
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        fonts = document.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == "맑은 고딕", name
        assert fonts.get(qn("w:eastAsiaTheme")) is None, name
    assert "PAGE" in section.footer.paragraphs[0]._p.xml
    # the 붙임 starts on a new page when there is a transcript to print, not for a lone 없음
    transcript_heading = next(p for p in document.paragraphs if p.text == SECTION_TRANSCRIPT)
    assert transcript_heading.paragraph_format.page_break_before is True
    empty = Document(io.BytesIO(get_document_writer("docx").write_bytes(EMPTY)))
    assert not next(p for p in empty.paragraphs if p.text == SECTION_TRANSCRIPT).paragraph_format.page_break_before
    assert document.core_properties.title == "2027년 도로 보수 예산 회의"


# --- PDF --------------------------------------------------------------------------------------------


def test_pdf_is_a4_with_embedded_korean_font_and_extractable_text() -> None:
    reader = PdfReader(io.BytesIO(get_document_writer("pdf").write_bytes(MINUTES)))
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((595.28, 841.89), abs=0.5)
    fonts = {str(font["/BaseFont"]) for font in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("NanumGothic" in font for font in fonts), fonts
    text = compact("\n".join(page.extract_text() for page in reader.pages))
    for needle in (
        "2027년 도로 보수 예산 회의",
        "2026년 11월 23일(월) 14:00",
        SECTION_AGENDA,
        "가. 관내 도로 포트홀 보수 예산",
        SECTION_DECISIONS,
        SECTION_ACTIONS,
        "추경 예산 요구서 작성",
        "2026. 12. 15.",
        SECTION_TRANSCRIPT,
        "[00:12:03] 이영희 주무관:",
        "010-1234-5678",  # the clerk's copy is not masked
    ):
        assert compact(needle) in text, needle


def test_missing_korean_font_says_how_to_install_it(tmp_path: Path) -> None:
    with pytest.raises(SpeechError, match="apt-get install fonts-nanum"):
        find_korean_font(search_dirs=[tmp_path], use_fontconfig=False)
    with pytest.raises(SpeechError, match="not a font file"):
        PdfMinutesWriter(font_path=tmp_path / "없는글꼴.ttf")
    assert find_korean_font().name == "NanumGothic.ttf"


# --- HWPX -------------------------------------------------------------------------------------------


def hwpx_parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith((".xml", ".hpf", ".rdf"))
        }


def test_hwpx_package_layout() -> None:
    data = get_document_writer("hwpx").write_bytes(MINUTES)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/hwp+zip"
        assert set(HWPX_REQUIRED_PARTS) <= set(archive.namelist())
        assert archive.read("Preview/PrvText.txt").decode("utf-8").startswith("2027년 도로 보수 예산 회의")
    parts = hwpx_parts(data)  # every XML part is well-formed, or this raises
    assert {"Contents/header.xml", "Contents/section0.xml", "Contents/content.hpf"} <= set(parts)

    opf = "{http://www.idpf.org/2007/opf/}"
    package = parts["Contents/content.hpf"]
    hrefs = {item.get("href") for item in package.iter(opf + "item")}
    assert {"Contents/header.xml", "Contents/section0.xml"} <= hrefs
    assert [ref.get("idref") for ref in package.iter(opf + "itemref")] == ["header", "section0"]
    container = parts["META-INF/container.xml"]
    assert container.tag == "{urn:oasis:names:tc:opendocument:xmlns:container}container"
    assert "Contents/content.hpf" in {e.get("full-path") for e in container.iter() if e.get("full-path")}

    section = parts["Contents/section0.xml"]
    assert section.tag == "{http://www.hancom.co.kr/hwpml/2011/section}sec"
    first_paragraph = section.find(HP + "p")
    page = first_paragraph.find(f"{HP}run/{HP}secPr/{HP}pagePr")
    assert (int(page.get("width")), int(page.get("height"))) == (HWPX_PAGE_WIDTH, HWPX_PAGE_HEIGHT) == (59528, 84186)
    faces = {font.get("face") for font in parts["Contents/header.xml"].iter(HH + "font")}
    assert faces == {"함초롬바탕", "맑은 고딕"}


def test_hwpx_ids_and_counts_are_consistent() -> None:
    parts = hwpx_parts(get_document_writer("hwpx").write_bytes(MINUTES))
    header, section = parts["Contents/header.xml"], parts["Contents/section0.xml"]

    def ids(tag: str) -> set[str]:
        return {element.get("id") for element in header.iter(HH + tag)}

    defined = {
        "charPrIDRef": ids("charPr"),
        "paraPrIDRef": ids("paraPr"),
        "styleIDRef": ids("style"),
        "borderFillIDRef": ids("borderFill"),
    }
    for root in (header, section):
        for element in root.iter():
            for attribute, known in defined.items():
                value = element.get(attribute)
                if value is not None and value != "4294967295":
                    assert value in known, (etree.QName(element).localname, attribute, value)
    font_ids = {font.get("id") for font in header.iter(HH + "font")}
    for ref in header.iter(HH + "fontRef"):
        assert set(ref.attrib.values()) <= font_ids
    for element in header.iter():
        if element.get("itemCnt") is not None:
            assert int(element.get("itemCnt")) == len(element), etree.QName(element).localname
    for table in section.iter(HP + "tbl"):
        rows = table.findall(HP + "tr")
        assert int(table.get("rowCnt")) == len(rows)
        assert {len(row.findall(HP + "tc")) for row in rows} == {int(table.get("colCnt"))}
        widths = [int(tc.find(HP + "cellSz").get("width")) for tc in rows[0].findall(HP + "tc")]
        assert sum(widths) == int(table.find(HP + "sz").get("width"))
    paragraph_ids = [p.get("id") for p in section.iter(HP + "p")]
    assert len(paragraph_ids) == len(set(paragraph_ids))


def test_hwpx_text_round_trip() -> None:
    lines = read_hwpx_text(get_document_writer("hwpx").write_bytes(MINUTES)).split("\n")
    assert lines[0] == "2027년 도로 보수 예산 회의"
    assert lines[1] == "일시\t2026년 11월 23일(월) 14:00"
    assert "참석자\t김민수 과장, 이영희 주무관, 박철수 팀장 (총 3명)" in lines
    assert "가. 관내 도로 포트홀 보수 예산" in lines
    assert "○ 포트홀 긴급 보수 예산 3억 5천만 원을 제2회 추경에 반영한다." in lines
    start = lines.index(SECTION_ACTIONS)
    assert lines[start + 1 : start + 5] == [
        "번호\t조치 내용\t담당\t기한",
        "1\t추경 예산 요구서 작성\t이영희 주무관\t2026. 12. 15.",
        "2\t공사 발주 공고 게시\t박철수 팀장\t2027. 1. 8.",
        "3\t주민 안내문 배포\t도로과\t착공 2주 전",
    ]
    assert lines[start + 5] == SECTION_TRANSCRIPT
    assert lines[start + 6] == "[00:00:05] 김민수 과장: 회의를 시작하겠습니다. 오늘은 도로 보수 예산을 논의합니다."
    assert lines[-1] == "[01:12:03] 박철수 팀장: 착공은 2027년 3월 2일이고 김민수 과장님께 따로 보고드리겠습니다."


def test_hwpx_carries_markup_characters_and_drops_control_characters() -> None:
    odd = MINUTES.model_copy(
        update={"transcript": (TranscriptLine(start=1, end=2, speaker="A&B", text='<도로> & "보수"\x0b 끝\n다음 줄'),)}
    )
    text = read_hwpx_text(get_document_writer("hwpx").write_bytes(odd))
    assert '[00:00:01] A&B: <도로> & "보수" 끝\n다음 줄' in text
    assert '<도로> & "보수"' in docx_text(get_document_writer("docx").write_bytes(odd))


def rewrite(data: bytes, entries: list[tuple[str, bytes, int]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name, content, compression in entries:
            out.writestr(name, content, compress_type=compression)
    return buffer.getvalue()


def package_entries(data: bytes) -> list[tuple[str, bytes, int]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(i.filename, archive.read(i), i.compress_type) for i in archive.infolist()]


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda entries: entries[1:] + entries[:1], "first entry is 'version.xml'"),
        (lambda entries: [(n, c, zipfile.ZIP_DEFLATED) for n, c, _ in entries], "compressed"),
        (lambda entries: [(n, b"text/plain" if n == "mimetype" else c, k) for n, c, k in entries], "mimetype is"),
        (lambda entries: [e for e in entries if e[0] != "Contents/header.xml"], "lacks Contents/header.xml"),
        (
            lambda entries: [(n, c[:-20] if n == "Contents/section0.xml" else c, k) for n, c, k in entries],
            "section0.xml is not well-formed",
        ),
    ],
)
def test_read_hwpx_rejects_broken_packages(damage, message: str) -> None:
    good = get_document_writer("hwpx").write_bytes(MINUTES)
    assert read_hwpx_text(rewrite(good, package_entries(good)))  # rewriting alone breaks nothing
    with pytest.raises(SpeechError, match=message):
        read_hwpx_text(rewrite(good, damage(package_entries(good))))
    with pytest.raises(SpeechError, match="not a ZIP"):
        read_hwpx_text(b"%PDF-1.7 not a zip")


# --- TXT, Markdown, JSON ----------------------------------------------------------------------------


def test_text_minutes() -> None:
    text = get_document_writer("txt").write_bytes(MINUTES).decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == "2027년 도로 보수 예산 회의"
    for line in (
        "일시: 2026년 11월 23일(월) 14:00",
        "장소: 시청 별관 3층 중회의실",
        "참석자: 김민수 과장, 이영희 주무관, 박철수 팀장 (총 3명)",
        "주관: 도로과",
        "회의 시간: 1시간 25분",
        "  가. 관내 도로 포트홀 보수 예산",
        "    ○ 긴급 보수 예산으로 3억 5천만 원이 필요합니다.",
        "  ○ 보도블록 교체 공사는 야간에만 시행한다.",
        "  1. 추경 예산 요구서 작성 (담당: 이영희 주무관, 기한: 2026. 12. 15.)",
        "  3. 주민 안내문 배포 (담당: 도로과, 기한: 착공 2주 전)",
        "[00:12:03] 이영희 주무관: 올해 포트홀 민원은 1,284건이고 긴급 보수에 3억 5천만 원이 필요합니다.",
    ):
        assert line in lines, line
    order = [lines.index(h) for h in (SECTION_AGENDA, SECTION_DECISIONS, SECTION_ACTIONS, SECTION_TRANSCRIPT)]
    assert order == sorted(order)


def test_markdown_minutes_and_escaping() -> None:
    piped = MINUTES.model_copy(
        update={"agenda": (MINUTES.agenda[0].model_copy(update={"action_items": (ActionItem(task="A|B *검토*"),)}),)}
    )
    text = get_document_writer("md").write_bytes(piped).decode("utf-8")
    assert text.startswith("# 2027년 도로 보수 예산 회의\n")
    assert "| 일시 | 2026년 11월 23일(월) 14:00 |" in text
    assert f"## {SECTION_ACTIONS}\n\n| 번호 | 조치 내용 | 담당 | 기한 |\n|---|---|---|---|\n" in text
    assert "| 1 | A\\|B \\*검토\\* | - | - |" in text
    assert "- **[00:12:03] 이영희 주무관**: 올해 포트홀 민원은" in text
    full = get_document_writer("md").write_bytes(MINUTES).decode("utf-8")
    assert "| 1 | 추경 예산 요구서 작성 | 이영희 주무관 | 2026. 12. 15. |" in full


def test_json_round_trips_and_keeps_korean_readable() -> None:
    data = get_document_writer("json").write_bytes(MINUTES)
    assert Minutes.model_validate_json(data) == MINUTES
    text = data.decode("utf-8")
    assert '"김민수 과장"' in text
    assert "\\u" not in text
    assert json.loads(text)["agenda"][0]["action_items"][0]["due"] == "2026-12-15"


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_file_writes_what_write_bytes_renders(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"회의록.{fmt}"
    get_document_writer(fmt).write_file(MINUTES, path)
    assert path.stat().st_size > 0
    if fmt in ("txt", "md", "json"):
        assert path.read_bytes() == get_document_writer(fmt).write_bytes(MINUTES)
    elif fmt == "hwpx":
        assert read_hwpx_text(path.read_bytes()).startswith("2027년 도로 보수 예산 회의")


# --- empty minutes ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_minutes_export_and_say_none(fmt: str) -> None:
    text = exported_text(fmt, EMPTY)
    if fmt == "json":
        assert Minutes.model_validate_json(text) == EMPTY
        return
    assert "임시 회의" in text
    # 안건, 결정사항, 조치사항 and 녹취록 each say 없음
    assert compact(text).count("없음") == 4
    assert compact(SECTION_TRANSCRIPT) in compact(text)


# --- public version (정보공개) ----------------------------------------------------------------------


def test_public_minutes_substitutes_titles_labels_and_masks() -> None:
    public = public_minutes(MINUTES, mask, TITLES)
    assert public.metadata.title == MINUTES.metadata.title
    assert public.metadata.attendees == ("도로과장", "도로과 주무관", "참석자 1")
    assert public.metadata.organizer == "도로과"
    assert public.metadata.held_at == MINUTES.metadata.held_at
    assert public.metadata.place == "시청 별관 3층 중회의실"
    assert [line.speaker for line in public.transcript] == [
        "도로과장",
        "도로과 주무관",
        "참석자 1",
        "도로과장",
        "참석자 1",
    ]
    assert (
        public.transcript[2].text
        == "민원인 연락처는 [전화번호]이고 주민등록번호 [주민등록번호]로 본인 확인을 했습니다."
    )
    assert public.transcript[3].text == "도로과 주무관은 12월 15일까지 요구서를 작성해 주세요."
    assert public.transcript[4].text == "착공은 2027년 3월 2일이고 도로과장님께 따로 보고드리겠습니다."
    first, second = public.agenda
    assert first.summary == MINUTES.agenda[0].summary  # nothing personal: money and counts survive as they are
    assert second.summary[1] == "현장 문의는 참석자 1 [전화번호]로 받습니다."
    assert first.decisions[0].speaker == "도로과장"
    assert first.action_items[0].owner == "도로과 주무관"
    assert first.action_items[0].due == date(2026, 12, 15)
    assert [a.owner for a in second.action_items] == ["참석자 1", "도로과"]
    assert MINUTES.transcript[2].text.startswith("민원인 연락처는 010-1234-5678")  # the original is untouched


def test_public_minutes_labels_everyone_consistently_without_titles() -> None:
    minutes = MINUTES.model_copy(
        update={
            "transcript": (
                *MINUTES.transcript,
                TranscriptLine(start=4400, end=4405, speaker="SPEAKER_12", text="김민수 씨, SPEAKER_1 아닙니다."),
            )
        }
    )
    public = public_minutes(minutes, mask)
    assert public.metadata.attendees == ("참석자 1", "참석자 2", "참석자 3")
    assert public.transcript[3].text == "참석자 2은 12월 15일까지 요구서를 작성해 주세요."
    assert public.transcript[-1].speaker == "참석자 4"
    # the bare name of 김민수 과장 is covered; SPEAKER_1 is nobody here and is not SPEAKER_12
    assert public.transcript[-1].text == "참석자 1 씨, SPEAKER_1 아닙니다."
    assert public.agenda[1].action_items[1].owner == "도로과"


def test_public_minutes_masks_agenda_titles_and_due_texts() -> None:
    item = AgendaItem(
        title="박철수 팀장 현장 보고",
        action_items=(ActionItem(task="현장 재확인", owner="도로과", due_text="010-1234-5678로 통화 후 결정"),),
    )
    public = public_minutes(MINUTES.model_copy(update={"agenda": (item,)}), mask, TITLES)
    assert public.agenda[0].title == "참석자 1 현장 보고"
    assert public.agenda[0].action_items[0].due_text == "[전화번호]로 통화 후 결정"


def test_public_minutes_can_keep_untitled_names() -> None:
    public = public_minutes(MINUTES, mask, {"김민수 과장": "도로과장"}, hide_names=False)
    assert public.metadata.attendees == ("도로과장", "이영희 주무관", "박철수 팀장")
    assert "[전화번호]" in public.transcript[2].text


def test_public_minutes_rejects_an_empty_title() -> None:
    with pytest.raises(SpeechError, match="speaker_titles"):
        public_minutes(MINUTES, mask, {"김민수 과장": " "})


@pytest.mark.parametrize("fmt", FORMATS)
def test_public_version_leaks_nothing_in_any_format(fmt: str) -> None:
    text = compact(exported_text(fmt, public_minutes(MINUTES, mask, TITLES)))
    for secret in PERSONAL:
        assert compact(secret) not in text, secret
    for kept in ("2027년 도로 보수 예산 회의", "도로과장", "도로과 주무관", "참석자 1", "[전화번호]", "[주민등록번호]"):
        assert compact(kept) in text, kept
    for kept in ("3억 5천만 원", "1,284건", "2027년 3월 2일", "12월 15일"):
        assert compact(kept) in text, kept
    if fmt != "json":
        assert compact("2026. 12. 15.") in text
        assert compact("2026년 11월 23일(월) 14:00") in text


def test_hwpx_writer_is_deterministic_in_content() -> None:
    writer = HwpxMinutesWriter()
    first, second = (read_hwpx_text(writer.write_bytes(MINUTES)) for _ in range(2))
    assert first == second
