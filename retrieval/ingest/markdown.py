"""Markdown manuals with YAML front matter (title, department, visibility, updated), as in data/manuals/city."""

from __future__ import annotations

import datetime
import logging
import re
from pathlib import Path
from typing import cast

import yaml

from retrieval.errors import DocumentParseError
from retrieval.ingest._common import Extracted, clean_text, decode_text, read_bytes
from retrieval.types import VISIBILITIES, Block, Visibility

logger = logging.getLogger(__name__)

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TABLE_ROW = re.compile(r"^ {0,3}\|")
_KNOWN_KEYS = {"title", "department", "visibility", "updated"}


def extract_markdown(path: Path) -> Extracted:
    text = decode_text(read_bytes(path), path.name).replace("\r\n", "\n").replace("\r", "\n")
    metadata: dict[str, object] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        metadata = _front_matter(match.group(1), path.name)
        text = text[match.end() :]
    return Extracted(
        blocks=tuple(_blocks(text)),
        title=_optional_str(metadata, "title", path.name),
        visibility=_visibility(metadata, path.name),
        department=_optional_str(metadata, "department", path.name),
        updated=_updated(metadata, path.name),
    )


def _front_matter(source: str, name: str) -> dict[str, object]:
    try:
        metadata = yaml.safe_load(source)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise DocumentParseError(
            f"{name}: 머리말(front matter) YAML이 잘못되었습니다{where} (invalid YAML front matter: "
            f"{getattr(error, 'problem', None) or error}). '키: 값' 형식으로 고쳐 주세요 "
            f"(fix it to 'key: value' lines)."
        ) from error
    if metadata is None:
        return {}
    if not isinstance(metadata, dict):
        raise DocumentParseError(
            f"{name}: 머리말(front matter)은 '키: 값' 목록이어야 합니다 (front matter must be a mapping, got "
            f"{type(metadata).__name__}). 예: title: 전입신고 (e.g. 'title: ...')."
        )
    unknown = sorted(str(key) for key in metadata if key not in _KNOWN_KEYS)
    if unknown:
        logger.debug("%s: front matter keys not used: %s", name, ", ".join(unknown))
    return metadata


def _optional_str(metadata: dict[str, object], key: str, name: str) -> str | None:
    value = metadata.get(key)
    if value is None:
        return None
    if not isinstance(value, str | int | float):
        raise DocumentParseError(
            f"{name}: 머리말의 {key} 값 {value!r}이 글자가 아닙니다 ({key} must be a single text value). "
            f"'{key}: 값' 한 줄로 적어 주세요 (write it as one '{key}: value' line)."
        )
    return str(value).strip() or None


def _visibility(metadata: dict[str, object], name: str) -> Visibility | None:
    value = _optional_str(metadata, "visibility", name)
    if value is not None and value not in VISIBILITIES:
        raise DocumentParseError(
            f"{name}: 머리말의 visibility 값 {value!r}은 쓸 수 없습니다 (visibility {value!r} is not one of "
            f"{', '.join(VISIBILITIES)}). public(시민 공개), internal(직원용), department(담당 부서만) 중 하나로 "
            f"고쳐 주세요 (use one of them)."
        )
    return cast(Visibility | None, value)


def _updated(metadata: dict[str, object], name: str) -> str | None:
    value = metadata.get("updated")
    if value is None:
        return None
    # YAML already turns 2026-10-01 into a date; a quoted string must still be a real date.
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        return datetime.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError as error:
        raise DocumentParseError(
            f"{name}: 머리말의 updated 값 {value!r}이 날짜가 아닙니다 (updated {value!r} is not a date). "
            f"2026-10-01 형식으로 적어 주세요 (use YYYY-MM-DD)."
        ) from error


def _blocks(text: str) -> list[Block]:
    """ATX headings, pipe tables kept whole, fenced code kept whole, other lines grouped by blank lines."""
    blocks: list[Block] = []
    lines = text.split("\n")
    paragraph: list[str] = []

    def flush() -> None:
        cleaned = clean_text("\n".join(paragraph))
        paragraph.clear()
        if cleaned:
            blocks.append(Block(kind="paragraph", text=cleaned))

    index = 0
    while index < len(lines):
        line = lines[index]
        fence = _FENCE.match(line)
        heading = _HEADING.match(line)
        if fence:
            flush()
            end = index + 1
            while end < len(lines) and not lines[end].strip().startswith(fence.group(1)):
                end += 1
            code = "\n".join(lines[index + 1 : end]).strip("\n")
            if code.strip():
                blocks.append(Block(kind="paragraph", text=code))
            index = end + 1
        elif heading:
            flush()
            title = clean_text(heading.group(2) or "")
            if title:
                blocks.append(Block(kind="heading", text=title, level=len(heading.group(1))))
            index += 1
        elif _TABLE_ROW.match(line):
            flush()
            end = index
            while end < len(lines) and _TABLE_ROW.match(lines[end]):
                end += 1
            blocks.append(Block(kind="table", text="\n".join(row.strip() for row in lines[index:end])))
            index = end
        elif not line.strip():
            flush()
            index += 1
        else:
            paragraph.append(line)
            index += 1
    flush()
    return blocks
