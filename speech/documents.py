"""Meeting minutes (회의록) as documents a city hall files, prints, edits and discloses.

One writer class per format behind ``get_document_writer(fmt)``, as in ``speech.writers``. Every writer renders
the same layout, built once by ``_layout`` so the formats cannot drift apart: title, 개요 table (일시, 장소,
참석자, 주관, 회의 시간), 1. 안건 및 주요 내용, 2. 결정사항, 3. 조치사항 table, 붙임: 전체 녹취록.

HWPX (OWPML, KS X 6101) is written directly with zipfile and lxml: the one Python HWPX library is licensed for
non-commercial use only. ``read_hwpx_text`` reads it back, for tests and for checking uploaded files.

``public_minutes`` makes the 정보공개 version (masked text, titles or neutral labels instead of names); the
writers themselves never mask, so the clerk's copy and the public copy come from the same code.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import re
import subprocess
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import ClassVar

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Length, Mm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.table import Table, _Cell
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace
from lxml import etree

from speech.errors import SpeechError
from speech.types import Minutes

logger = logging.getLogger(__name__)

NONE_TEXT = "없음"  # what an empty section says
MISSING = "-"  # what an unknown 개요 value or table cell says
SECTION_AGENDA = "1. 안건 및 주요 내용"
SECTION_DECISIONS = "2. 결정사항"
SECTION_ACTIONS = "3. 조치사항"
SECTION_TRANSCRIPT = "붙임: 전체 녹취록"
ACTION_COLUMNS = ("번호", "조치 내용", "담당", "기한")
BULLET = "○"
ATTENDEE_LABEL = "참석자"

_WEEKDAYS = "월화수목금토일"
_SUB_NUMBERS = "가나다라마바사아자차카타파하"
# Characters XML 1.0 cannot carry (and python-docx/lxml refuse): C0 controls, lone surrogates, non-characters.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


# --- layout shared by every format ------------------------------------------------------------------


@dataclass(frozen=True)
class _Agenda:
    heading: str  # "가. 관내 도로 포트홀 보수 예산"
    summary: tuple[str, ...]


@dataclass(frozen=True)
class _Line:
    stamp: str  # "[00:12:03]"
    speaker: str  # "" when nobody was attributed
    text: str

    @property
    def joined(self) -> str:
        return f"{self.stamp} {self.speaker}: {self.text}" if self.speaker else f"{self.stamp} {self.text}"


@dataclass(frozen=True)
class _Layout:
    title: str
    overview: tuple[tuple[str, str], ...]
    agenda: tuple[_Agenda, ...]
    decisions: tuple[str, ...]
    actions: tuple[tuple[str, str, str, str], ...]  # 번호, 조치 내용, 담당, 기한
    transcript: tuple[_Line, ...]


def _clean(text: str | None) -> str:
    """Text that every format can carry: one kind of newline, no tabs, nothing XML forbids."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _NOT_XML.sub("", text).strip()


def format_held_at(value: datetime) -> str:
    """일시 as Korean minutes print it: 2026년 11월 23일(월) 14:00."""
    return f"{value.year}년 {value.month}월 {value.day}일({_WEEKDAYS[value.weekday()]}) {value:%H:%M}"


def format_due(value: date) -> str:
    """A 기한 in the 공문서 date style (numbers with full stops, no leading zeros): 2026. 12. 15."""
    return f"{value.year}. {value.month}. {value.day}."


def format_duration(seconds: float) -> str:
    """회의 시간 to the minute (1시간 25분); seconds only for meetings under a minute."""
    if seconds < 59.5:
        return f"{round(seconds)}초"
    hours, minutes = divmod(round(seconds / 60), 60)
    if hours and minutes:
        return f"{hours}시간 {minutes}분"
    return f"{hours}시간" if hours else f"{minutes}분"


def format_stamp(seconds: float) -> str:
    """A transcript time stamp, [00:12:03], truncated so that a line never points after its start."""
    hours, rest = divmod(int(max(0.0, seconds)), 3600)
    minutes, secs = divmod(rest, 60)
    return f"[{hours:02d}:{minutes:02d}:{secs:02d}]"


def _sub_number(index: int) -> str:
    return _SUB_NUMBERS[index] if index < len(_SUB_NUMBERS) else str(index + 1)


def _layout(minutes: Minutes) -> _Layout:
    meta = minutes.metadata
    attendees = [name for name in (_clean(a) for a in meta.attendees) if name]
    overview = (
        ("일시", format_held_at(meta.held_at) if meta.held_at else MISSING),
        ("장소", _clean(meta.place) or MISSING),
        ("참석자", f"{', '.join(attendees)} (총 {len(attendees)}명)" if attendees else MISSING),
        ("주관", _clean(meta.organizer) or MISSING),
        ("회의 시간", format_duration(meta.duration) if meta.duration is not None else MISSING),
    )
    agenda = tuple(
        _Agenda(
            heading=f"{_sub_number(index)}. {_clean(item.title)}",
            summary=tuple(text for text in (_clean(s) for s in item.summary) if text),
        )
        for index, item in enumerate(minutes.agenda)
    )
    actions = tuple(
        (
            str(number),
            _clean(item.task),
            _clean(item.owner) or MISSING,
            format_due(item.due) if item.due else (_clean(item.due_text) or MISSING),
        )
        for number, item in enumerate(minutes.action_items, start=1)
    )
    transcript = tuple(
        _Line(format_stamp(line.start), _clean(line.speaker), _clean(line.text))
        for line in minutes.transcript
        if _clean(line.text)
    )
    return _Layout(
        title=_clean(meta.title),
        overview=overview,
        agenda=agenda,
        decisions=tuple(text for text in (_clean(d.text) for d in minutes.decisions) if text),
        actions=actions,
        transcript=transcript,
    )


# --- writers ----------------------------------------------------------------------------------------


class MinutesDocumentWriter:
    """Renders minutes to one file format; ``media_type`` is what an HTTP download should announce."""

    extension: ClassVar[str]
    media_type: ClassVar[str]

    def write_bytes(self, minutes: Minutes) -> bytes:
        raise NotImplementedError

    def write_file(self, minutes: Minutes, path: str | Path) -> None:
        data = self.write_bytes(minutes)
        Path(path).write_bytes(data)
        logger.debug("wrote %s minutes to %s (%d bytes)", self.extension, path, len(data))


class TextMinutesWriter(MinutesDocumentWriter):
    """Plain UTF-8 text: for e-mail bodies and systems that take text only."""

    extension = "txt"
    media_type = "text/plain; charset=utf-8"

    def write_bytes(self, minutes: Minutes) -> bytes:
        return render_text(minutes).encode("utf-8")


class MarkdownMinutesWriter(MinutesDocumentWriter):
    """Markdown: for wikis and the web page preview; tables are GFM pipe tables."""

    extension = "md"
    media_type = "text/markdown; charset=utf-8"

    def write_bytes(self, minutes: Minutes) -> bytes:
        return render_markdown(minutes).encode("utf-8")


class JsonMinutesWriter(MinutesDocumentWriter):
    """The minutes model itself, so an export can be validated and imported again (Korean stays readable)."""

    extension = "json"
    media_type = "application/json"

    def write_bytes(self, minutes: Minutes) -> bytes:
        # pydantic writes UTF-8 and never escapes non-ASCII characters.
        return minutes.model_dump_json(indent=2).encode("utf-8")


def _indent(text: str, prefix: str) -> str:
    return text.replace("\n", "\n" + " " * len(prefix))


def render_text(minutes: Minutes) -> str:
    """The minutes as plain text, sections in the order of the printed form."""
    layout = _layout(minutes)
    out = [layout.title, ""]
    out += [f"{label}: {_indent(value, label + ': ')}" for label, value in layout.overview]
    out += ["", SECTION_AGENDA]
    if not layout.agenda:
        out.append(f"  {NONE_TEXT}")
    for item in layout.agenda:
        out.append(f"  {item.heading}")
        out += [f"    {BULLET} {_indent(s, '    ○ ')}" for s in item.summary] or [f"    {NONE_TEXT}"]
    out += ["", SECTION_DECISIONS]
    out += [f"  {BULLET} {_indent(d, '  ○ ')}" for d in layout.decisions] or [f"  {NONE_TEXT}"]
    out += ["", SECTION_ACTIONS]
    for number, task, owner, due in layout.actions:
        out.append(f"  {number}. {_indent(task, '  1. ')} ({ACTION_COLUMNS[2]}: {owner}, {ACTION_COLUMNS[3]}: {due})")
    if not layout.actions:
        out.append(f"  {NONE_TEXT}")
    out += ["", SECTION_TRANSCRIPT]
    out += [line.joined for line in layout.transcript] or [NONE_TEXT]
    return "\n".join(out) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_<>|])")


def _md(text: str) -> str:
    """Inline Markdown: special characters escaped, one line (a newline would end a list item or table row)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _md_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(_md(cell) for cell in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in rows]
    return lines


def render_markdown(minutes: Minutes) -> str:
    """The minutes as Markdown: the 개요 and 조치사항 as tables, the transcript as a list."""
    layout = _layout(minutes)
    out = [f"# {_md(layout.title)}", ""]
    out += _md_table(("구분", "내용"), layout.overview)
    out += ["", f"## {SECTION_AGENDA}", ""]
    if not layout.agenda:
        out += [NONE_TEXT, ""]
    for item in layout.agenda:
        out += [f"### {_md(item.heading)}", ""]
        out += [f"- {_md(s)}" for s in item.summary] or [NONE_TEXT]
        out.append("")
    out += [f"## {SECTION_DECISIONS}", ""]
    out += [f"- {_md(d)}" for d in layout.decisions] or [NONE_TEXT]
    out += ["", f"## {SECTION_ACTIONS}", ""]
    out += _md_table(ACTION_COLUMNS, layout.actions) if layout.actions else [NONE_TEXT]
    out += ["", f"## {SECTION_TRANSCRIPT}", ""]
    for line in layout.transcript:
        who = f" {_md(line.speaker)}" if line.speaker else ""
        out.append(f"- **{line.stamp}{who}**: {_md(line.text)}")
    if not layout.transcript:
        out.append(NONE_TEXT)
    return "\n".join(out) + "\n"


# --- DOCX -------------------------------------------------------------------------------------------

DOCX_FONT = "맑은 고딕"
_DOCX_BLACK = RGBColor(0, 0, 0)
_DOCX_GREY = RGBColor(0x59, 0x59, 0x59)
_DOCX_SHADE = "E6E6E6"
_DOCX_OVERVIEW_WIDTHS = (Mm(30), Mm(140))
_DOCX_ACTION_WIDTHS = (Mm(14), Mm(96), Mm(30), Mm(30))


def _docx_style(style: BaseStyle, size: float, bold: bool | None = None) -> None:
    """Black 맑은 고딕 for every script: the template's theme fonts would leave Hangul in a Japanese face."""
    style.font.size = Pt(size)
    style.font.color.rgb = _DOCX_BLACK
    if bold is not None:
        style.font.bold = bold
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), DOCX_FONT)


def _docx_korean(style: BaseStyle) -> None:
    """Mark the text as Korean so that Word's proofing and line breaking treat it as such."""
    rpr = style.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    lang.set(qn("w:val"), "ko-KR")
    lang.set(qn("w:eastAsia"), "ko-KR")


def _docx_cell(cell: _Cell, text: str, *, head: bool = False, center: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold = head
    if center or head:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    if head:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), _DOCX_SHADE)
        cell._tc.get_or_add_tcPr().append(shading)


def _docx_table(document: DocxDocument, widths: Sequence[Length]) -> Table:
    table = document.add_table(rows=0, cols=len(widths))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    return table


def _docx_widths(table: Table, widths: Sequence[Length]) -> None:
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _docx_page_number(section: Section) -> None:
    """'- 1 -' centred in the footer, as printed Korean documents number their pages."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("- ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph.add_run(" -")


class DocxMinutesWriter(MinutesDocumentWriter):
    """Word (OOXML): A4, 20 mm margins, 맑은 고딕 set for East Asian text, real tables, page numbers."""

    extension = "docx"
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def write_bytes(self, minutes: Minutes) -> bytes:
        layout = _layout(minutes)
        document = Document()
        section = document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin = section.right_margin = Mm(20)
        section.header_distance = section.footer_distance = Mm(10)
        styles = document.styles
        _docx_style(styles["Normal"], 10.5)
        _docx_korean(styles["Normal"])
        _docx_style(styles["Title"], 18, bold=True)
        _docx_style(styles["Heading 1"], 13, bold=True)
        _docx_style(styles["Heading 2"], 11, bold=True)
        title_style = styles["Title"]
        borders = title_style.element.pPr.find(qn("w:pBdr")) if title_style.element.pPr is not None else None
        if borders is not None:
            title_style.element.pPr.remove(borders)
        title_style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title_style.paragraph_format.space_after = Pt(12)
        for name in ("Heading 1", "Heading 2"):
            styles[name].paragraph_format.space_before = Pt(12 if name == "Heading 1" else 6)
            styles[name].paragraph_format.space_after = Pt(4)
        properties = document.core_properties
        properties.title = layout.title
        properties.language = "ko-KR"
        properties.author = "civicai"
        properties.comments = ""

        document.add_paragraph(layout.title, style="Title")
        overview = _docx_table(document, _DOCX_OVERVIEW_WIDTHS)
        for label, value in layout.overview:
            label_cell, value_cell = overview.add_row().cells
            _docx_cell(label_cell, label, head=True)
            _docx_cell(value_cell, value)
        _docx_widths(overview, _DOCX_OVERVIEW_WIDTHS)

        document.add_heading(SECTION_AGENDA, level=1)
        if not layout.agenda:
            document.add_paragraph(NONE_TEXT)
        for item in layout.agenda:
            document.add_heading(item.heading, level=2)
            for sentence in item.summary:
                document.add_paragraph(sentence, style="List Bullet")
            if not item.summary:
                document.add_paragraph(NONE_TEXT)

        document.add_heading(SECTION_DECISIONS, level=1)
        for decision in layout.decisions:
            document.add_paragraph(decision, style="List Bullet")
        if not layout.decisions:
            document.add_paragraph(NONE_TEXT)

        document.add_heading(SECTION_ACTIONS, level=1)
        if layout.actions:
            actions = _docx_table(document, _DOCX_ACTION_WIDTHS)
            header = actions.add_row()
            header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeat on every page
            for cell, label in zip(header.cells, ACTION_COLUMNS, strict=True):
                _docx_cell(cell, label, head=True)
            for number, task, owner, due in layout.actions:
                cells = actions.add_row().cells
                _docx_cell(cells[0], number, center=True)
                _docx_cell(cells[1], task)
                _docx_cell(cells[2], owner, center=True)
                _docx_cell(cells[3], due, center=True)
            _docx_widths(actions, _DOCX_ACTION_WIDTHS)
        else:
            document.add_paragraph(NONE_TEXT)

        heading = document.add_heading(SECTION_TRANSCRIPT, level=1)
        if layout.transcript:
            heading.paragraph_format.page_break_before = True
        for line in layout.transcript:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(2)
            stamp = paragraph.add_run(line.stamp + " ")
            stamp.font.color.rgb = _DOCX_GREY
            stamp.font.size = Pt(9)
            if line.speaker:
                paragraph.add_run(line.speaker).bold = True
                paragraph.add_run(": ")
            paragraph.add_run(line.text)
        if not layout.transcript:
            document.add_paragraph(NONE_TEXT)
        _docx_page_number(section)

        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


# --- PDF --------------------------------------------------------------------------------------------

PDF_FONT_FAMILY = "NanumGothic"
NANUM_FONT_DIRS: tuple[Path, ...] = (
    Path("/usr/share/fonts/truetype/nanum"),
    Path("/usr/share/fonts/nanum"),
    Path("/usr/local/share/fonts"),
)
_PDF_FALLBACK_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # symbols NanumGothic lacks
_PDF_SHADE = (230, 230, 230)
_PDF_GREY = (90, 90, 90)


def _fontconfig_file(pattern: str) -> Path | None:
    try:
        result = subprocess.run(
            ["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    found = result.stdout.strip()
    return Path(found) if result.returncode == 0 and found else None


def find_korean_font(
    bold: bool = False, search_dirs: Sequence[str | Path] = NANUM_FONT_DIRS, use_fontconfig: bool = True
) -> Path:
    """The NanumGothic TTF (Debian fonts-nanum): PDF core fonts have no Hangul, so a PDF must embed one."""
    name = "NanumGothicBold.ttf" if bold else "NanumGothic.ttf"
    for directory in search_dirs:
        folder = Path(directory)
        if folder.is_dir():
            for candidate in sorted(folder.rglob(name)):
                return candidate
    if use_fontconfig:
        found = _fontconfig_file("NanumGothic:style=Bold" if bold else "NanumGothic")
        # fc-match answers with some other font when Nanum is missing, so check what came back.
        if found is not None and found.name == name and found.is_file():
            return found
    searched = ", ".join(str(d) for d in search_dirs) or "no folders"
    raise SpeechError(
        f"Korean font {name} not found (searched {searched}{' and fc-match' if use_fontconfig else ''}); "
        "PDF minutes need it: install it with `apt-get install fonts-nanum`"
    )


@contextlib.contextmanager
def _quiet_font_subsetting() -> Iterator[None]:
    """fontTools warns for every TrueType hinting table it drops while subsetting NanumGothic: noise, not news."""
    subset_logger = logging.getLogger("fontTools.subset")
    level = subset_logger.level
    subset_logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        subset_logger.setLevel(level)


class _MinutesPdf(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(PDF_FONT_FAMILY, size=9)
        self.set_text_color(0, 0, 0)
        self.cell(0, 5, f"- {self.page_no()} -", align="C")


class PdfMinutesWriter(MinutesDocumentWriter):
    """PDF for printing and 정보공개 posting: A4, 20 mm margins, NanumGothic embedded, page numbers."""

    extension = "pdf"
    media_type = "application/pdf"

    def __init__(self, font_path: str | Path | None = None, bold_font_path: str | Path | None = None) -> None:
        for label, given in (("font_path", font_path), ("bold_font_path", bold_font_path)):
            if given is not None and not Path(given).is_file():
                raise SpeechError(
                    f"{label} {str(given)!r} is not a font file; pass a TTF with Hangul, e.g. NanumGothic"
                )
        self._font_path = Path(font_path) if font_path is not None else None
        self._bold_font_path = Path(bold_font_path) if bold_font_path is not None else None

    def _fonts(self) -> tuple[Path, Path]:
        regular = self._font_path or find_korean_font()
        bold = self._bold_font_path
        if bold is None and self._font_path is None:
            try:
                bold = find_korean_font(bold=True)
            except SpeechError:
                logger.warning("NanumGothicBold not found; bold text in PDF minutes uses the regular face")
        return regular, bold or regular

    def write_bytes(self, minutes: Minutes) -> bytes:
        layout = _layout(minutes)
        regular, bold = self._fonts()
        pdf = _MinutesPdf(orientation="P", unit="mm", format="A4")
        pdf.add_font(PDF_FONT_FAMILY, "", str(regular))
        pdf.add_font(PDF_FONT_FAMILY, "B", str(bold))
        if _PDF_FALLBACK_FONT.is_file():
            pdf.add_font("DejaVuSans", "", str(_PDF_FALLBACK_FONT))
            pdf.set_fallback_fonts(["DejaVuSans"], exact_match=False)
        pdf.set_margins(20, 20, 20)
        pdf.set_auto_page_break(True, margin=20)
        pdf.set_title(layout.title)
        pdf.set_lang("ko")
        pdf.set_creator("civicai")
        pdf.add_page()

        pdf.set_font(PDF_FONT_FAMILY, "B", 18)
        pdf.multi_cell(0, 10, layout.title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(4)
        pdf.set_font(PDF_FONT_FAMILY, "", 10)
        head = FontFace(emphasis="BOLD", fill_color=_PDF_SHADE)
        with pdf.table(
            col_widths=(30, 140), first_row_as_headings=False, line_height=6.5, text_align=("CENTER", "LEFT")
        ) as table:
            for label, value in layout.overview:
                row = table.row()
                row.cell(label, style=head)
                row.cell(value)

        def heading(text: str, size: float, indent: float = 0) -> None:
            pdf.ln(3)
            pdf.set_font(PDF_FONT_FAMILY, "B", size)
            pdf.set_x(pdf.l_margin + indent)
            pdf.multi_cell(0, size * 0.6, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1)
            pdf.set_font(PDF_FONT_FAMILY, "", 10.5)

        def item(text: str, indent: float, bullet: bool = True) -> None:
            pdf.set_x(pdf.l_margin + indent)
            body = f"{BULLET} {text}" if bullet else text
            pdf.multi_cell(0, 6, body, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

        heading(SECTION_AGENDA, 13)
        if not layout.agenda:
            item(NONE_TEXT, 4, bullet=False)
        for agenda in layout.agenda:
            heading(agenda.heading, 11, indent=3)
            for sentence in agenda.summary:
                item(sentence, 7)
            if not agenda.summary:
                item(NONE_TEXT, 7, bullet=False)

        heading(SECTION_DECISIONS, 13)
        for decision in layout.decisions:
            item(decision, 4)
        if not layout.decisions:
            item(NONE_TEXT, 4, bullet=False)

        heading(SECTION_ACTIONS, 13)
        if layout.actions:
            pdf.set_font(PDF_FONT_FAMILY, "", 10)
            with pdf.table(
                col_widths=(12, 98, 30, 30),
                line_height=6.5,
                text_align=("CENTER", "LEFT", "CENTER", "CENTER"),
                headings_style=head,
            ) as table:
                table.row(ACTION_COLUMNS)
                for action in layout.actions:
                    table.row(action)
        else:
            item(NONE_TEXT, 4, bullet=False)

        if layout.transcript:
            pdf.add_page()
        heading(SECTION_TRANSCRIPT, 13)
        for line in layout.transcript:
            pdf.set_font(PDF_FONT_FAMILY, "", 9)
            pdf.set_text_color(*_PDF_GREY)
            pdf.write(5.5, line.stamp + " ")
            pdf.set_text_color(0, 0, 0)
            if line.speaker:
                pdf.set_font(PDF_FONT_FAMILY, "B", 10)
                pdf.write(5.5, line.speaker + ": ")
            pdf.set_font(PDF_FONT_FAMILY, "", 10)
            pdf.write(5.5, line.text)
            pdf.ln(7)
        if not layout.transcript:
            item(NONE_TEXT, 4, bullet=False)
        with _quiet_font_subsetting():
            return bytes(pdf.output())


# --- HWPX -------------------------------------------------------------------------------------------

HWPX_MIMETYPE = "application/hwp+zip"
HWPX_REQUIRED_PARTS = (
    "mimetype",
    "version.xml",
    "META-INF/container.xml",
    "META-INF/manifest.xml",
    "Contents/content.hpf",
    "Contents/header.xml",
    "Contents/section0.xml",
    "settings.xml",
    "Preview/PrvText.txt",
)
_NS = {
    "ha": "http://www.hancom.co.kr/hwpml/2011/app",
    "hp": "http://www.hancom.co.kr/hwpml/2011/paragraph",
    "hp10": "http://www.hancom.co.kr/hwpml/2016/paragraph",
    "hs": "http://www.hancom.co.kr/hwpml/2011/section",
    "hc": "http://www.hancom.co.kr/hwpml/2011/core",
    "hh": "http://www.hancom.co.kr/hwpml/2011/head",
    "hhs": "http://www.hancom.co.kr/hwpml/2011/history",
    "hm": "http://www.hancom.co.kr/hwpml/2011/master-page",
    "hpf": "http://www.hancom.co.kr/schema/2011/hpf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "opf": "http://www.idpf.org/2007/opf/",
    "ooxmlchart": "http://www.hancom.co.kr/hwpml/2016/ooxmlchart",
    "hwpunitchar": "http://www.hancom.co.kr/hwpml/2016/HwpUnitChar",
    "epub": "http://www.idpf.org/2007/ops",
    "config": "urn:oasis:names:tc:opendocument:xmlns:config:1.0",
}
_OTHER_NS = {
    "hv": "http://www.hancom.co.kr/hwpml/2011/version",
    "ocf": "urn:oasis:names:tc:opendocument:xmlns:container",
    "odf": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "pkg": "http://www.hancom.co.kr/hwpml/2016/meta/pkg#",
}
_ALL_NS = {**_NS, **_OTHER_NS}

# Page: A4 portrait in HWPUNIT (1/7200 inch); 20 mm left, right and top, 15 mm bottom, as 공문서 are set.
HWPX_PAGE_WIDTH, HWPX_PAGE_HEIGHT = 59528, 84186
_MM = 7200 / 25.4
_PAGE_MARGIN = {"header": 2835, "footer": 2835, "gutter": 0, "left": 5669, "right": 5669, "top": 5669, "bottom": 4252}
_TABLE_OUT_MARGIN = 283
_TABLE_WIDTH = HWPX_PAGE_WIDTH - _PAGE_MARGIN["left"] - _PAGE_MARGIN["right"] - 2 * _TABLE_OUT_MARGIN
_CELL_MARGIN = {"left": 510, "right": 510, "top": 141, "bottom": 141}
_OVERVIEW_WIDTHS = (round(30 * _MM), _TABLE_WIDTH - round(30 * _MM))
_ACTION_WIDTHS = (
    round(14 * _MM),
    _TABLE_WIDTH - round(14 * _MM) - 2 * round(30 * _MM),
    round(30 * _MM),
    round(30 * _MM),
)

_LANGS = ("HANGUL", "LATIN", "HANJA", "JAPANESE", "OTHER", "SYMBOL", "USER")
_HWPX_FONTS = ("함초롬바탕", "맑은 고딕")  # font ids 0 and 1 in every language's fontface
_SERIF, _GOTHIC = 0, 1

# borderFill ids: 1 page (no lines), 2 default for characters and paragraphs, 3 table cell, 4 shaded head cell
_BORDER_PAGE, _BORDER_NONE, _BORDER_CELL, _BORDER_HEAD = 1, 2, 3, 4
# charPr ids -> (height in 1/100 pt, bold, font id, colour)
_CHAR_BODY, _CHAR_BOLD, _CHAR_TITLE, _CHAR_SECTION, _CHAR_HEAD, _CHAR_STAMP = range(6)
_CHAR_SHAPES = {
    _CHAR_BODY: (1000, False, _SERIF, "#000000"),
    _CHAR_BOLD: (1000, True, _SERIF, "#000000"),
    _CHAR_TITLE: (1600, True, _GOTHIC, "#000000"),
    _CHAR_SECTION: (1200, True, _GOTHIC, "#000000"),
    _CHAR_HEAD: (1000, True, _GOTHIC, "#000000"),
    _CHAR_STAMP: (900, False, _GOTHIC, "#555555"),
}
# paraPr ids -> (horizontal alignment, left indent, space before, space after, keep with next)
_PARA_BODY, _PARA_TITLE, _PARA_SECTION, _PARA_AGENDA, _PARA_ITEM, _PARA_CELL, _PARA_CELL_CENTER = range(7)
_PARA_SHAPES = {
    _PARA_BODY: ("JUSTIFY", 0, 0, 200, False),
    _PARA_TITLE: ("CENTER", 0, 0, 1400, False),
    _PARA_SECTION: ("LEFT", 0, 1400, 400, True),
    _PARA_AGENDA: ("LEFT", 800, 600, 200, True),
    _PARA_ITEM: ("JUSTIFY", 1600, 0, 200, False),
    _PARA_CELL: ("LEFT", 0, 0, 0, False),
    _PARA_CELL_CENTER: ("CENTER", 0, 0, 0, False),
}
_LINE_SPACING = 160  # percent, Hangul's default


def _qname(name: str) -> str:
    prefix, _, local = name.partition(":")
    return f"{{{_ALL_NS[prefix]}}}{local}" if local else name


def _attrs(attrs: Mapping[str, object] | None) -> dict[str, str]:
    return {_qname(key): str(value) for key, value in (attrs or {}).items()}


def _root(name: str, attrs: Mapping[str, object] | None = None, nsmap: Mapping[str, str] = _NS) -> etree._Element:
    return etree.Element(_qname(name), _attrs(attrs), nsmap=dict(nsmap))


def _add(
    parent: etree._Element, name: str, attrs: Mapping[str, object] | None = None, text: str | None = None
) -> etree._Element:
    element = etree.SubElement(parent, _qname(name), _attrs(attrs))
    if text is not None:
        element.text = text
    return element


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _langs(value: object) -> dict[str, object]:
    return {lang.lower(): value for lang in _LANGS}


def _hwpx_header() -> bytes:
    """Contents/header.xml: the fonts, character and paragraph shapes the section refers to by id."""
    head = _root("hh:head", {"version": "1.4", "secCnt": 1})
    _add(head, "hh:beginNum", {"page": 1, "footnote": 1, "endnote": 1, "pic": 1, "tbl": 1, "equation": 1})
    refs = _add(head, "hh:refList")
    faces = _add(refs, "hh:fontfaces", {"itemCnt": len(_LANGS)})
    for lang in _LANGS:
        face = _add(faces, "hh:fontface", {"lang": lang, "fontCnt": len(_HWPX_FONTS)})
        for font_id, font in enumerate(_HWPX_FONTS):
            _add(face, "hh:font", {"id": font_id, "face": font, "type": "TTF", "isEmbedded": 0})

    fills = _add(refs, "hh:borderFills", {"itemCnt": 4})
    for fill_id, line, colour in (
        (_BORDER_PAGE, False, None),
        (_BORDER_NONE, False, "none"),
        (_BORDER_CELL, True, None),
        (_BORDER_HEAD, True, "#E6E6E6"),
    ):
        fill = _add(
            fills,
            "hh:borderFill",
            {"id": fill_id, "threeD": 0, "shadow": 0, "centerLine": "NONE", "breakCellSeparateLine": 0},
        )
        _add(fill, "hh:slash", {"type": "NONE", "Crooked": 0, "isCounter": 0})
        _add(fill, "hh:backSlash", {"type": "NONE", "Crooked": 0, "isCounter": 0})
        for side in ("leftBorder", "rightBorder", "topBorder", "bottomBorder"):
            style = {"type": "SOLID", "width": "0.12 mm"} if line else {"type": "NONE", "width": "0.1 mm"}
            _add(fill, f"hh:{side}", {**style, "color": "#000000"})
        _add(fill, "hh:diagonal", {"type": "SOLID", "width": "0.1 mm", "color": "#000000"})
        if colour is not None:
            brush = _add(fill, "hc:fillBrush")
            _add(brush, "hc:winBrush", {"faceColor": colour, "hatchColor": "#999999", "alpha": 0})

    chars = _add(refs, "hh:charProperties", {"itemCnt": len(_CHAR_SHAPES)})
    for char_id, (height, bold, font_id, colour) in _CHAR_SHAPES.items():
        char = _add(
            chars,
            "hh:charPr",
            {
                "id": char_id,
                "height": height,
                "textColor": colour,
                "shadeColor": "none",
                "useFontSpace": 0,
                "useKerning": 0,
                "symMark": "NONE",
                "borderFillIDRef": _BORDER_NONE,
            },
        )
        _add(char, "hh:fontRef", _langs(font_id))
        _add(char, "hh:ratio", _langs(100))
        _add(char, "hh:spacing", _langs(0))
        _add(char, "hh:relSz", _langs(100))
        _add(char, "hh:offset", _langs(0))
        if bold:
            _add(char, "hh:bold")
        _add(char, "hh:underline", {"type": "NONE", "shape": "SOLID", "color": "#000000"})
        _add(char, "hh:strikeout", {"shape": "NONE", "color": "#000000"})
        _add(char, "hh:outline", {"type": "NONE"})
        _add(char, "hh:shadow", {"type": "NONE", "color": "#B2B2B2", "offsetX": 10, "offsetY": 10})

    tabs = _add(refs, "hh:tabProperties", {"itemCnt": 1})
    _add(tabs, "hh:tabPr", {"id": 0, "autoTabLeft": 0, "autoTabRight": 0})
    # The outline numbering that secPr's outlineShapeIDRef="1" points at.
    numberings = _add(refs, "hh:numberings", {"itemCnt": 1})
    numbering = _add(numberings, "hh:numbering", {"id": 1, "start": 0})
    for level in range(1, 8):
        _add(
            numbering,
            "hh:paraHead",
            {
                "start": 1,
                "level": level,
                "align": "LEFT",
                "useInstWidth": 1,
                "autoIndent": 1,
                "widthAdjust": 0,
                "textOffsetType": "PERCENT",
                "textOffset": 50,
                "numFormat": "DIGIT",
                "charPrIDRef": 4294967295,
                "checkable": 0,
            },
            text=f"^{level}.",
        )

    paras = _add(refs, "hh:paraProperties", {"itemCnt": len(_PARA_SHAPES)})
    for para_id, (align, left, before, after, keep) in _PARA_SHAPES.items():
        para = _add(
            paras,
            "hh:paraPr",
            {
                "id": para_id,
                "tabPrIDRef": 0,
                "condense": 0,
                "fontLineHeight": 0,
                "snapToGrid": 1,
                "suppressLineNumbers": 0,
                "checked": 0,
            },
        )
        _add(para, "hh:align", {"horizontal": align, "vertical": "BASELINE"})
        _add(para, "hh:heading", {"type": "NONE", "idRef": 0, "level": 0})
        _add(
            para,
            "hh:breakSetting",
            {
                "breakLatinWord": "KEEP_WORD",
                "breakNonLatinWord": "KEEP_WORD",
                "widowOrphan": 0,
                "keepWithNext": int(keep),
                "keepLines": 0,
                "pageBreakBefore": 0,
                "lineWrap": "BREAK",
            },
        )
        _add(para, "hh:autoSpacing", {"eAsianEng": 0, "eAsianNum": 0})
        # Hangul 2018+ reads the HwpUnitChar case; older readers the default, whose margins count double.
        switch = _add(para, "hp:switch")
        for branch, scale in (
            (_add(switch, "hp:case", {"hp:required-namespace": _NS["hwpunitchar"]}), 1),
            (_add(switch, "hp:default"), 2),
        ):
            margin = _add(branch, "hh:margin")
            for key, value in (("intent", 0), ("left", left), ("right", 0), ("prev", before), ("next", after)):
                _add(margin, f"hc:{key}", {"value": value * scale, "unit": "HWPUNIT"})
            _add(branch, "hh:lineSpacing", {"type": "PERCENT", "value": _LINE_SPACING, "unit": "HWPUNIT"})
        _add(
            para,
            "hh:border",
            {
                "borderFillIDRef": _BORDER_NONE,
                "offsetLeft": 0,
                "offsetRight": 0,
                "offsetTop": 0,
                "offsetBottom": 0,
                "connect": 0,
                "ignoreMargin": 0,
            },
        )

    styles = _add(refs, "hh:styles", {"itemCnt": 1})
    _add(
        styles,
        "hh:style",
        {
            "id": 0,
            "type": "PARA",
            "name": "바탕글",
            "engName": "Normal",
            "paraPrIDRef": _PARA_BODY,
            "charPrIDRef": _CHAR_BODY,
            "nextStyleIDRef": 0,
            "langID": 1042,
            "lockForm": 0,
        },
    )
    compatible = _add(head, "hh:compatibleDocument", {"targetProgram": "HWP201X"})
    _add(compatible, "hh:layoutCompatibility")
    option = _add(head, "hh:docOption")
    _add(option, "hh:linkinfo", {"path": "", "pageInherit": 0, "footnoteInherit": 0})
    _add(head, "hh:trackchageConfig", {"flags": 56})  # sic: Hancom's spelling
    return _xml(head)


def _sec_pr(run: etree._Element) -> None:
    """Section properties (A4 page, margins, one column, page number) on the first paragraph, as Hangul expects."""
    sec = _add(
        run,
        "hp:secPr",
        {
            "id": "",
            "textDirection": "HORIZONTAL",
            "spaceColumns": 1134,
            "tabStop": 8000,
            "tabStopVal": 4000,
            "tabStopUnit": "HWPUNIT",
            "outlineShapeIDRef": 1,
            "memoShapeIDRef": 0,
            "textVerticalWidthHead": 0,
            "masterPageCnt": 0,
        },
    )
    _add(sec, "hp:grid", {"lineGrid": 0, "charGrid": 0, "wonggojiFormat": 0})
    _add(sec, "hp:startNum", {"pageStartsOn": "BOTH", "page": 0, "pic": 0, "tbl": 0, "equation": 0})
    _add(
        sec,
        "hp:visibility",
        {
            "hideFirstHeader": 0,
            "hideFirstFooter": 0,
            "hideFirstMasterPage": 0,
            "border": "SHOW_ALL",
            "fill": "SHOW_ALL",
            "hideFirstPageNum": 0,
            "hideFirstEmptyLine": 0,
            "showLineNumber": 0,
        },
    )
    _add(sec, "hp:lineNumberShape", {"restartType": 0, "countBy": 0, "distance": 0, "startNumber": 0})
    page = _add(
        sec,
        "hp:pagePr",
        {"landscape": "WIDELY", "width": HWPX_PAGE_WIDTH, "height": HWPX_PAGE_HEIGHT, "gutterType": "LEFT_ONLY"},
    )
    _add(page, "hp:margin", _PAGE_MARGIN)
    for note, length, spacing, place in (
        ("hp:footNotePr", -1, 283, "EACH_COLUMN"),
        ("hp:endNotePr", 14692344, 0, "END_OF_DOCUMENT"),
    ):
        element = _add(sec, note)
        _add(
            element,
            "hp:autoNumFormat",
            {"type": "DIGIT", "userChar": "", "prefixChar": "", "suffixChar": ")", "supscript": 0},
        )
        _add(element, "hp:noteLine", {"length": length, "type": "SOLID", "width": "0.12 mm", "color": "#000000"})
        _add(element, "hp:noteSpacing", {"betweenNotes": spacing, "belowLine": 567, "aboveLine": 850})
        _add(element, "hp:numbering", {"type": "CONTINUOUS", "newNum": 1})
        _add(element, "hp:placement", {"place": place, "beneathText": 0})
    for kind in ("BOTH", "EVEN", "ODD"):
        fill = _add(
            sec,
            "hp:pageBorderFill",
            {
                "type": kind,
                "borderFillIDRef": _BORDER_PAGE,
                "textBorder": "PAPER",
                "headerInside": 0,
                "footerInside": 0,
                "fillArea": "PAPER",
            },
        )
        _add(fill, "hp:offset", {"left": 1417, "right": 1417, "top": 1417, "bottom": 1417})
    columns = _add(run, "hp:ctrl")
    _add(
        columns,
        "hp:colPr",
        {"id": "", "type": "NEWSPAPER", "layout": "LEFT", "colCount": 1, "sameSz": 1, "sameGap": 0},
    )
    number = _add(run, "hp:ctrl")
    _add(number, "hp:pageNum", {"pos": "BOTTOM_CENTER", "formatType": "DIGIT", "sideChar": "-"})


def _text_width(text: str, char_height: int) -> int:
    """Rough width in HWPUNIT: Hangul and CJK are square, Latin and digits about half as wide."""
    return sum(char_height if ord(ch) >= 0x1100 else char_height // 2 for ch in text)


@dataclass(frozen=True)
class _HwpxCell:
    text: str
    head: bool = False
    center: bool = False


class _HwpxSection:
    """Builds Contents/section0.xml paragraph by paragraph, numbering paragraphs and tables."""

    def __init__(self) -> None:
        self.root = _root("hs:sec")
        self._ids = 0
        self._tables = 0

    def _next_id(self) -> int:
        self._ids += 1
        return self._ids

    def paragraph(
        self,
        para_pr: int,
        runs: Sequence[tuple[int, str]],
        *,
        parent: etree._Element | None = None,
        page_break: bool = False,
    ) -> etree._Element:
        p = _add(
            self.root if parent is None else parent,
            "hp:p",
            {
                "id": self._next_id(),
                "paraPrIDRef": para_pr,
                "styleIDRef": 0,
                "pageBreak": int(page_break),
                "columnBreak": 0,
                "merged": 0,
            },
        )
        for char_pr, text in runs:
            run = _add(p, "hp:run", {"charPrIDRef": char_pr})
            self._text(run, text)
        return p

    @staticmethod
    def _text(run: etree._Element, text: str) -> None:
        t = _add(run, "hp:t")
        first, *rest = text.split("\n")
        t.text = first
        for part in rest:
            _add(t, "hp:lineBreak").tail = part

    def first_paragraph(self, title: str) -> None:
        p = self.paragraph(_PARA_TITLE, [])
        _sec_pr(_add(p, "hp:run", {"charPrIDRef": _CHAR_BODY}))
        self._text(_add(p, "hp:run", {"charPrIDRef": _CHAR_TITLE}), title)

    def table(self, widths: Sequence[int], rows: Sequence[Sequence[_HwpxCell]]) -> None:
        heights = []
        for row in rows:
            lines = 1
            for cell, width in zip(row, widths, strict=True):
                inner = max(1, width - _CELL_MARGIN["left"] - _CELL_MARGIN["right"])
                for part in cell.text.split("\n"):
                    lines = max(lines, math.ceil(_text_width(part, 1000) / inner) or 1)
            heights.append(lines * 1000 * _LINE_SPACING // 100 + _CELL_MARGIN["top"] + _CELL_MARGIN["bottom"])
        p = self.paragraph(_PARA_BODY, [])
        run = _add(p, "hp:run", {"charPrIDRef": _CHAR_BODY})
        self._tables += 1
        table = _add(
            run,
            "hp:tbl",
            {
                "id": self._next_id(),
                "zOrder": self._tables,
                "numberingType": "TABLE",
                "textWrap": "TOP_AND_BOTTOM",
                "textFlow": "BOTH_SIDES",
                "lock": 0,
                "dropcapstyle": "None",
                "pageBreak": "CELL",
                "repeatHeader": 1,
                "rowCnt": len(rows),
                "colCnt": len(widths),
                "cellSpacing": 0,
                "borderFillIDRef": _BORDER_CELL,
                "noAdjust": 0,
            },
        )
        _add(
            table,
            "hp:sz",
            {
                "width": sum(widths),
                "widthRelTo": "ABSOLUTE",
                "height": sum(heights),
                "heightRelTo": "ABSOLUTE",
                "protect": 0,
            },
        )
        _add(
            table,
            "hp:pos",
            {
                "treatAsChar": 1,
                "affectLSpacing": 0,
                "flowWithText": 1,
                "allowOverlap": 0,
                "holdAnchorAndSO": 0,
                "vertRelTo": "PARA",
                "horzRelTo": "PARA",
                "vertAlign": "TOP",
                "horzAlign": "LEFT",
                "vertOffset": 0,
                "horzOffset": 0,
            },
        )
        _add(table, "hp:outMargin", dict.fromkeys(("left", "right", "top", "bottom"), _TABLE_OUT_MARGIN))
        _add(table, "hp:inMargin", _CELL_MARGIN)
        for row_index, (row, height) in enumerate(zip(rows, heights, strict=True)):
            header_row = row_index == 0 and all(cell.head for cell in row)
            tr = _add(table, "hp:tr")
            for col_index, (cell, width) in enumerate(zip(row, widths, strict=True)):
                tc = _add(
                    tr,
                    "hp:tc",
                    {
                        "name": "",
                        "header": int(header_row),
                        "hasMargin": 0,
                        "protect": 0,
                        "editable": 0,
                        "dirty": 0,
                        "borderFillIDRef": _BORDER_HEAD if cell.head else _BORDER_CELL,
                    },
                )
                sub = _add(
                    tc,
                    "hp:subList",
                    {
                        "id": "",
                        "textDirection": "HORIZONTAL",
                        "lineWrap": "BREAK",
                        "vertAlign": "CENTER",
                        "linkListIDRef": 0,
                        "linkListNextIDRef": 0,
                        "textWidth": 0,
                        "textHeight": 0,
                        "hasTextRef": 0,
                        "hasNumRef": 0,
                    },
                )
                align = _PARA_CELL_CENTER if cell.head or cell.center else _PARA_CELL
                self.paragraph(align, [(_CHAR_HEAD if cell.head else _CHAR_BODY, cell.text)], parent=sub)
                _add(tc, "hp:cellAddr", {"colAddr": col_index, "rowAddr": row_index})
                _add(tc, "hp:cellSpan", {"colSpan": 1, "rowSpan": 1})
                _add(tc, "hp:cellSz", {"width": width, "height": height})
                _add(tc, "hp:cellMargin", _CELL_MARGIN)
        _add(run, "hp:t")


def _hwpx_section(layout: _Layout) -> bytes:
    section = _HwpxSection()
    section.first_paragraph(layout.title)
    overview = [(_HwpxCell(label, head=True), _HwpxCell(value)) for label, value in layout.overview]
    section.table(_OVERVIEW_WIDTHS, overview)

    def heading(text: str, page_break: bool = False) -> None:
        section.paragraph(_PARA_SECTION, [(_CHAR_SECTION, text)], page_break=page_break)

    def item(text: str, bullet: bool = True) -> None:
        section.paragraph(_PARA_ITEM, [(_CHAR_BODY, f"{BULLET} {text}" if bullet else text)])

    heading(SECTION_AGENDA)
    if not layout.agenda:
        item(NONE_TEXT, bullet=False)
    for agenda in layout.agenda:
        section.paragraph(_PARA_AGENDA, [(_CHAR_BOLD, agenda.heading)])
        for sentence in agenda.summary:
            item(sentence)
        if not agenda.summary:
            item(NONE_TEXT, bullet=False)

    heading(SECTION_DECISIONS)
    for decision in layout.decisions:
        item(decision)
    if not layout.decisions:
        item(NONE_TEXT, bullet=False)

    heading(SECTION_ACTIONS)
    if layout.actions:
        rows = [tuple(_HwpxCell(label, head=True) for label in ACTION_COLUMNS)]
        rows += [
            (
                _HwpxCell(number, center=True),
                _HwpxCell(task),
                _HwpxCell(owner, center=True),
                _HwpxCell(due, center=True),
            )
            for number, task, owner, due in layout.actions
        ]
        section.table(_ACTION_WIDTHS, rows)
    else:
        item(NONE_TEXT, bullet=False)

    heading(SECTION_TRANSCRIPT, page_break=bool(layout.transcript))
    for line in layout.transcript:
        runs = [(_CHAR_STAMP, line.stamp + " ")]
        if line.speaker:
            runs.append((_CHAR_BOLD, line.speaker + ": "))
        runs.append((_CHAR_BODY, line.text))
        section.paragraph(_PARA_BODY, runs)
    if not layout.transcript:
        item(NONE_TEXT, bullet=False)
    return _xml(section.root)


def _hwpx_content(title: str) -> bytes:
    """Contents/content.hpf: the OPF package that lists the parts and their reading order."""
    package = _root("opf:package", {"version": "", "unique-identifier": "", "id": ""})
    metadata = _add(package, "opf:metadata")
    _add(metadata, "opf:title", text=title)
    _add(metadata, "opf:language", text="ko")
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    for name, value in (("creator", "civicai"), ("CreatedDate", now), ("ModifiedDate", now)):
        _add(metadata, "opf:meta", {"name": name, "content": "text"}, text=value)
    manifest = _add(package, "opf:manifest")
    for item_id, href in (
        ("header", "Contents/header.xml"),
        ("section0", "Contents/section0.xml"),
        ("settings", "settings.xml"),
    ):
        _add(manifest, "opf:item", {"id": item_id, "href": href, "media-type": "application/xml"})
    spine = _add(package, "opf:spine")
    _add(spine, "opf:itemref", {"idref": "header", "linear": "yes"})
    _add(spine, "opf:itemref", {"idref": "section0", "linear": "yes"})
    return _xml(package)


def _hwpx_version() -> bytes:
    return _xml(
        _root(
            "hv:HCFVersion",
            {
                "tagetApplication": "WORDPROCESSOR",  # sic: the attribute name Hangul writes and reads
                "major": 5,
                "minor": 1,
                "micro": 0,
                "buildNumber": 1,
                "os": 1,
                "xmlVersion": "1.4",
                "application": "civicai",
                "appVersion": "1.0",
            },
            nsmap={"hv": _OTHER_NS["hv"]},
        )
    )


def _hwpx_container() -> bytes:
    container = _root("ocf:container", nsmap={"ocf": _OTHER_NS["ocf"], "hpf": _NS["hpf"]})
    rootfiles = _add(container, "ocf:rootfiles")
    for path, media_type in (
        ("Contents/content.hpf", "application/hwpml-package+xml"),
        ("Preview/PrvText.txt", "text/plain"),
        ("META-INF/container.rdf", "application/rdf+xml"),
    ):
        _add(rootfiles, "ocf:rootfile", {"full-path": path, "media-type": media_type})
    return _xml(container)


def _hwpx_rdf() -> bytes:
    rdf = _root("rdf:RDF", nsmap={"rdf": _OTHER_NS["rdf"], "pkg": _OTHER_NS["pkg"]})
    for path, kind in (("Contents/header.xml", "HeaderFile"), ("Contents/section0.xml", "SectionFile")):
        _add(_add(rdf, "rdf:Description", {"rdf:about": ""}), "pkg:hasPart", {"rdf:resource": path})
        _add(_add(rdf, "rdf:Description", {"rdf:about": path}), "rdf:type", {"rdf:resource": _OTHER_NS["pkg"] + kind})
    _add(_add(rdf, "rdf:Description", {"rdf:about": ""}), "rdf:type", {"rdf:resource": _OTHER_NS["pkg"] + "Document"})
    return _xml(rdf)


def _hwpx_settings() -> bytes:
    settings = _root("ha:HWPApplicationSetting", nsmap={"ha": _NS["ha"], "config": _NS["config"]})
    _add(settings, "ha:CaretPosition", {"listIDRef": 0, "paraIDRef": 0, "pos": 0})
    return _xml(settings)


class HwpxMinutesWriter(MinutesDocumentWriter):
    """한글 (HWPX, OWPML): the format Korean offices edit; real tables, A4, 함초롬바탕/맑은 고딕."""

    extension = "hwpx"
    media_type = HWPX_MIMETYPE
    preview_chars: ClassVar[int] = 1024  # Preview/PrvText.txt is a teaser for file browsers, not the document

    def write_bytes(self, minutes: Minutes) -> bytes:
        layout = _layout(minutes)
        parts = (
            ("version.xml", _hwpx_version()),
            ("Contents/header.xml", _hwpx_header()),
            ("Contents/section0.xml", _hwpx_section(layout)),
            ("Contents/content.hpf", _hwpx_content(layout.title)),
            ("settings.xml", _hwpx_settings()),
            ("Preview/PrvText.txt", render_text(minutes)[: self.preview_chars].encode("utf-8")),
            ("META-INF/container.xml", _hwpx_container()),
            ("META-INF/container.rdf", _hwpx_rdf()),
            ("META-INF/manifest.xml", _xml(_root("odf:manifest", nsmap={"odf": _OTHER_NS["odf"]}))),
        )
        stamp = time.localtime()[:6]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            # OCF rule: the mimetype entry comes first and is stored, so readers can sniff it at a fixed offset.
            archive.writestr(zipfile.ZipInfo("mimetype", stamp), HWPX_MIMETYPE, compress_type=zipfile.ZIP_STORED)
            for name, data in parts:
                archive.writestr(zipfile.ZipInfo(name, stamp), data, compress_type=zipfile.ZIP_DEFLATED)
        return buffer.getvalue()


_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_HP = f"{{{_NS['hp']}}}"


def _t_text(t: etree._Element) -> str:
    parts = [t.text or ""]
    for child in t:
        local = etree.QName(child).localname if isinstance(child.tag, str) else ""
        parts.append({"tab": "\t", "lineBreak": "\n", "nbSpace": " ", "fwSpace": " "}.get(local, ""))
        parts.append(child.tail or "")
    return "".join(parts)


def _paragraph_lines(p: etree._Element) -> list[str]:
    """A paragraph's own text, then one tab-separated line per row of any table anchored in it."""
    own: list[str] = []
    tables: list[str] = []
    for run in p.iterfind(_HP + "run"):
        for child in run:
            if child.tag == _HP + "t":
                own.append(_t_text(child))
            elif child.tag == _HP + "tbl":
                tables += _table_lines(child)
    text = "".join(own)
    return ([text] if text.strip() else []) + tables


def _table_lines(table: etree._Element) -> list[str]:
    rows = []
    for tr in table.iterfind(_HP + "tr"):
        cells = []
        for tc in tr.iterfind(_HP + "tc"):
            paragraphs = tc.iterfind(f"{_HP}subList/{_HP}p")
            cells.append(" ".join(line for p in paragraphs for line in _paragraph_lines(p)))
        rows.append("\t".join(cells))
    return rows


def read_hwpx_text(data: bytes) -> str:
    """The text of an HWPX file, one line per paragraph or table row, after checking the package is sound.

    Checks what Hangul checks before it opens a file: a ZIP whose first entry is an uncompressed ``mimetype``
    saying ``application/hwp+zip``, the parts a document needs, and every XML part well-formed.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise SpeechError(f"not an HWPX file: not a ZIP archive ({error})") from None
    with archive:
        entries = archive.infolist()
        first = entries[0].filename if entries else None
        if first != "mimetype":
            raise SpeechError(f"not an HWPX file: first entry is {first!r}, expected 'mimetype'")
        if entries[0].compress_type != zipfile.ZIP_STORED:
            raise SpeechError("not an HWPX file: 'mimetype' is compressed; it must be stored uncompressed")
        mimetype = archive.read("mimetype")
        if mimetype != HWPX_MIMETYPE.encode("ascii"):
            raise SpeechError(f"not an HWPX file: mimetype is {mimetype[:60]!r}, expected {HWPX_MIMETYPE!r}")
        names = {entry.filename for entry in entries}
        missing = [part for part in HWPX_REQUIRED_PARTS if part not in names]
        if missing:
            raise SpeechError(f"HWPX file lacks {', '.join(missing)}")
        trees: dict[str, etree._Element] = {}
        for name in sorted(names):
            if name.endswith((".xml", ".hpf", ".rdf")):
                try:
                    trees[name] = etree.fromstring(archive.read(name), parser=_SAFE_XML)
                except etree.XMLSyntaxError as error:
                    raise SpeechError(f"HWPX part {name} is not well-formed XML: {error}") from None
    sections = sorted(
        (name for name in trees if re.fullmatch(r"Contents/section\d+\.xml", name)),
        key=lambda name: int(re.sub(r"\D", "", name)),
    )
    lines = [line for name in sections for p in trees[name].iterfind(_HP + "p") for line in _paragraph_lines(p)]
    return "\n".join(lines)


# --- format registry --------------------------------------------------------------------------------

DOCUMENT_WRITERS: dict[str, type[MinutesDocumentWriter]] = {
    cls.extension: cls
    for cls in (
        DocxMinutesWriter,
        HwpxMinutesWriter,
        PdfMinutesWriter,
        TextMinutesWriter,
        JsonMinutesWriter,
        MarkdownMinutesWriter,
    )
}


def get_document_writer(fmt: str) -> MinutesDocumentWriter:
    """The writer for ``fmt`` (an extension such as ``hwpx``; case and a leading dot are ignored)."""
    try:
        return DOCUMENT_WRITERS[fmt.lower().lstrip(".")]()
    except KeyError:
        raise SpeechError(
            f"unknown minutes document format {fmt!r}; choose one of {', '.join(sorted(DOCUMENT_WRITERS))}"
        ) from None


# --- public version (정보공개) ----------------------------------------------------------------------

# A name with one of these endings and no space is a department (도로과, 민원팀), not a person: kept as is.
_UNIT_SUFFIXES = ("과", "팀", "센터", "사업소", "위원회", "본부", "담당관", "부서")
_BARE_NAME = re.compile(r"[가-힣]{3,4}")


def _is_unit(name: str) -> bool:
    return " " not in name and name.endswith(_UNIT_SUFFIXES)


class _People:
    """Who becomes what in the public version, and a pattern that finds them in free text.

    Titles come first and take no label number; the rest get 참석자 1, 2, … in order of first appearance
    (attendees, then speakers, then owners). "김민수 과장" also covers a bare "김민수" in text and fields.
    """

    def __init__(self, names: Iterable[str], titles: Mapping[str, str], hide_names: bool) -> None:
        self._to: dict[str, str] = {}
        self._aliases: dict[str, str] = {}
        self.labelled = 0
        for name, title in titles.items():
            self._register(name.strip(), title.strip())
        for name in names:
            name = name.strip()
            if not name or self.known(name):
                continue
            if _is_unit(name) or not hide_names:
                self._register(name, name)
            else:
                self.labelled += 1
                self._register(name, f"{ATTENDEE_LABEL} {self.labelled}")
        swaps = {**self._aliases, **self._to}
        swaps = {name: new for name, new in swaps.items() if name and name != new}
        self._swaps = swaps
        self._pattern = (
            re.compile("|".join(_name_pattern(name) for name in sorted(swaps, key=len, reverse=True)))
            if swaps
            else None
        )

    def _register(self, name: str, replacement: str) -> None:
        if not name or name in self._to:
            return
        self._to[name] = replacement
        parts = name.split()
        if len(parts) > 1 and _BARE_NAME.fullmatch(parts[0]) and parts[0] not in self._to:
            self._aliases.setdefault(parts[0], replacement)

    def known(self, name: str) -> str | None:
        name = name.strip()
        return self._to.get(name) or self._aliases.get(name)

    def person(self, name: str | None) -> str | None:
        if name is None:
            return None
        return self.known(name) or name

    def in_text(self, text: str) -> str:
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda match: self._swaps[match.group(0)], text)


def _name_pattern(name: str) -> str:
    """A name as a regex; ASCII ends get word boundaries so that SPEAKER_1 does not match inside SPEAKER_12."""
    pattern = re.escape(name)
    if name[0].isascii() and name[0].isalnum():
        pattern = r"(?<![0-9A-Za-z_])" + pattern
    if name[-1].isascii() and name[-1].isalnum():
        pattern += r"(?![0-9A-Za-z_])"
    return pattern


def _names_in(minutes: Minutes) -> list[str]:
    names = list(minutes.metadata.attendees)
    names += [line.speaker for line in minutes.transcript if line.speaker]
    for item in minutes.agenda:
        names += [d.speaker for d in item.decisions if d.speaker]
        for action in item.action_items:
            names += [n for n in (action.owner, action.speaker) if n]
    return names


def public_minutes(
    minutes: Minutes,
    mask: Callable[[str], str],
    speaker_titles: Mapping[str, str] | None = None,
    hide_names: bool = True,
) -> Minutes:
    """The 정보공개 version of ``minutes``: what the public may read, nothing that identifies a private person.

    Every free-text field (agenda titles, summaries, decisions, action items, transcript lines, place) goes
    through ``mask`` (e.g. ``lambda t: PiiMasker().mask(t).text``). Attendee, speaker and owner names become
    their titles from ``speaker_titles`` (``{"김민수 과장": "도로과장"}``) or, with ``hide_names``, neutral
    labels 참석자 1, 2, … used consistently, also where a name appears verbatim in text. Department names
    (도로과, 민원팀) stay. The metadata title, dates and amounts are kept.
    """
    titles = dict(speaker_titles or {})
    for name, title in titles.items():
        if not title.strip():
            raise SpeechError(
                f"speaker_titles[{name!r}] is empty; give a title such as '도로과장' or leave the name out"
            )
    people = _People(_names_in(minutes), titles, hide_names)

    def text(value: str) -> str:
        return mask(people.in_text(value))

    def optional(value: str | None) -> str | None:
        return None if value is None else text(value)

    meta = minutes.metadata
    metadata = meta.model_copy(
        update={
            "place": optional(meta.place),
            "attendees": tuple(people.person(name) or name for name in meta.attendees),
            "organizer": people.person(meta.organizer),
        }
    )
    agenda = tuple(
        item.model_copy(
            update={
                "title": text(item.title),
                "summary": tuple(text(sentence) for sentence in item.summary),
                "decisions": tuple(
                    d.model_copy(update={"text": text(d.text), "speaker": people.person(d.speaker)})
                    for d in item.decisions
                ),
                "action_items": tuple(
                    a.model_copy(
                        update={
                            "task": text(a.task),
                            "owner": people.person(a.owner),
                            "due_text": optional(a.due_text),
                            "speaker": people.person(a.speaker),
                        }
                    )
                    for a in item.action_items
                ),
            }
        )
        for item in minutes.agenda
    )
    transcript = tuple(
        line.model_copy(update={"speaker": people.person(line.speaker), "text": text(line.text)})
        for line in minutes.transcript
    )
    public = minutes.model_copy(update={"metadata": metadata, "agenda": agenda, "transcript": transcript})
    logger.debug("public minutes: %d names labelled, %d titles given", people.labelled, len(titles))
    # model_copy skips validation; validate once so that a mask that breaks a limit fails here, not on save.
    return Minutes.model_validate(public.model_dump())
