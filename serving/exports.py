"""Minutes downloads: the clerk's full version, or the public-disclosure version with personal data masked."""

from __future__ import annotations

import io
import re

from sqlalchemy.orm import Session

from serving.db import Meeting
from serving.minutes import latest_minutes
from speech.types import Minutes

TRANSCRIPT_FORMATS = frozenset({"srt", "vtt"})  # subtitles come from the transcript lines of the minutes


def public_version(minutes: Minutes) -> Minutes:
    """정보공개용: PII masked with the complaint masker, attendee names replaced by neutral labels."""
    from nlp.pii import PiiMasker
    from speech.documents import public_minutes

    masker = PiiMasker()
    return public_minutes(minutes, mask=lambda text: masker.mask(text).text)


def render_minutes(minutes: Minutes, fmt: str) -> tuple[bytes, str]:
    """(content, media type) of ``minutes`` in ``fmt``."""
    from speech.documents import get_document_writer
    from speech.minutes import transcript_from_lines
    from speech.writers import get_writer

    if fmt in TRANSCRIPT_FORMATS:
        buffer = io.StringIO()
        get_writer(fmt).write(transcript_from_lines(minutes.transcript), buffer)
        media_type = "text/vtt; charset=utf-8" if fmt == "vtt" else "application/x-subrip; charset=utf-8"
        return buffer.getvalue().encode("utf-8"), media_type
    writer = get_document_writer(fmt)
    return writer.write_bytes(minutes), writer.media_type


def export_meeting(session: Session, meeting: Meeting, fmt: str, public: bool) -> tuple[bytes, str, str]:
    """(content, media type, file name) of the meeting's current minutes."""
    version, minutes = latest_minutes(session, meeting)
    if public:
        minutes = public_version(minutes)
    content, media_type = render_minutes(minutes, fmt)
    title = re.sub(r"[^\w가-힣 .-]+", "", meeting.title).strip()[:80] or "회의록"
    filename = f"{title}-{'공개용' if public else '원본'}-v{version}.{fmt}"
    return content, media_type, filename
