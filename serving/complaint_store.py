"""Filed complaints: intake (personal data encrypted at once), the clerk's department queue, and the
privacy officer's data-subject requests. No HTTP here; the routes and the CLI call these functions.

What is stored in the clear is only what the analysis produced from the *masked* text (type, department,
urgency, keywords, masked text). The citizen's own words and contact are AES-GCM ciphertext bound to the
receipt number; opening them is an audited action with a reason.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
import secrets
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, get_args

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from nlp.analytics import UNKNOWN
from nlp.name_scorer import LabelledText
from nlp.pii import PLACEHOLDER_RE, PLACEHOLDERS
from nlp.types import ComplaintRecord
from serving.crypto import FieldCipher
from serving.db import AuditEvent, Complaint, User, utcnow

logger = logging.getLogger(__name__)

Status = Literal["received", "assigned", "in_progress", "answered", "closed"]
STATUSES: tuple[str, ...] = get_args(Status)
ERASED_TEXT = "(개인정보 파기됨 · personal data destroyed)"
# Analysis fields kept after erasure: statistics by type, department, urgency and region stay possible.
KEPT_AFTER_ERASURE = ("type", "department", "urgent", "urgency_score", "sentiment", "model_version")
PHONE = re.compile(r"^0\d{8,10}$")
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,}$")


class ComplaintError(ValueError):
    """A complaint request that cannot be done as asked (the message says why, in Korean and English)."""


class ComplaintNotFoundError(LookupError):
    pass


class ComplaintForbiddenError(PermissionError):
    """A clerk asked for another department's complaint."""


@dataclass(frozen=True)
class TrainingCopies:
    """Where masked complaint texts are copied to teach routing: the clerks' reassignments (``corrections``,
    read by ``complaints train --append``) and each trained model's ``examples.jsonl`` under ``models``. A hand
    mask or an erasure must reach these copies of the text too, not only the database row. (What a model learned
    from a text, its vectors and vocabulary, stays until the next training.)"""

    corrections: Path
    models: Path

    def files(self) -> list[Path]:
        return [self.corrections, *sorted(self.models.glob("*/examples.jsonl"))]


@dataclass(frozen=True)
class NewComplaint:
    text: str
    region: str | None = None
    contact: str | None = None
    consent: bool = False
    channel: str = "web"


@dataclass(frozen=True)
class Revealed:
    text: str
    contact: str | None


def normalise_contact(contact: str) -> str:
    """One form per contact, so the lookup hash finds it however it was typed (010-1234-5678 = 01012345678)."""
    value = contact.strip()
    if "@" in value:
        value = value.lower()
        if not EMAIL.match(value):
            raise ComplaintError(f"이메일 주소 형식이 아닙니다 (not an e-mail address): {value[:3]}…")
        return value
    digits = re.sub(r"[\s\-().]", "", value)
    if digits.startswith("+82"):
        digits = "0" + digits[3:]
    if not PHONE.match(digits):
        raise ComplaintError("연락처는 전화번호(예: 010-1234-5678)나 이메일이어야 합니다 "
                             "(contact must be a Korean phone number or an e-mail address)")
    return digits


def _associated(receipt_no: str, field_name: str) -> str:
    return f"complaint:{receipt_no}:{field_name}"


def new_receipt_no(session: Session, year: int) -> str:
    """Random, not sequential: a receipt number is what a citizen shows to see their complaint's status,
    so it must not be guessable from a neighbour's."""
    while True:
        receipt = f"{year}-{secrets.randbelow(10**8):08d}"
        if session.scalar(select(Complaint.id).where(Complaint.receipt_no == receipt)) is None:
            return receipt


def file_complaint(session: Session, cipher: FieldCipher, complaint: NewComplaint, analysis: dict[str, Any],
                   *, actor: str) -> Complaint:
    """Store a citizen's complaint with its analysis (from ``serving.complaints.analysis_to_json``)."""
    if analysis.get("error"):
        raise ComplaintError(str(analysis["error"]))
    if complaint.contact and not complaint.consent:
        raise ComplaintError("연락처를 남기려면 개인정보 수집·이용에 동의해 주세요 "
                             "(consent is required to keep a contact)")
    contact = normalise_contact(complaint.contact) if complaint.contact else None
    now = utcnow()
    receipt = new_receipt_no(session, now.year)
    row = Complaint(
        receipt_no=receipt, channel=complaint.channel, region=complaint.region,
        text_masked=analysis["masked_text"], type_code=analysis["type"], department_code=analysis["department"],
        urgent=bool(analysis["urgent"]), urgency_score=float(analysis["urgency_score"]),
        sentiment=analysis["sentiment"], status="assigned",
        analysis={k: v for k, v in analysis.items() if k not in ("masked_text", "id")},
        text_encrypted=cipher.encrypt(complaint.text.encode("utf-8"), _associated(receipt, "text")),
        contact_encrypted=cipher.encrypt(contact.encode("utf-8"), _associated(receipt, "contact")) if contact else None,
        contact_index=cipher.blind_index(contact, "contact") if contact else None,
        consent_at=now if contact else None, created_at=now,
    )
    session.add(row)
    session.flush()
    session.add(AuditEvent(actor=actor, action="create", target_type="complaint", target_id=receipt,
                           complaint_id=row.id))
    return row


def by_receipt(session: Session, receipt_no: str, *, for_update: bool = False) -> Complaint:
    """``for_update`` locks the row until commit on PostgreSQL, so two clerks changing one complaint at once (a
    hand mask and a reassignment, two masks) are applied one after the other and neither is lost. SQLite (a
    single-office install) has no row locks: there the last of two simultaneous changes wins."""
    query = select(Complaint).where(Complaint.receipt_no == receipt_no.strip())
    row = session.scalar(query.with_for_update() if for_update else query)
    if row is None:
        raise ComplaintNotFoundError(f"접수번호를 찾을 수 없습니다: {receipt_no[:20]} (no such receipt number)")
    return row


def check_department(user: User, complaint: Complaint) -> None:
    if user.role == "clerk" and complaint.department_code != user.department:
        raise ComplaintForbiddenError("다른 부서의 민원입니다 (this complaint belongs to another department)")


def department_queue(session: Session, user: User, *, status: str | None = None, limit: int = 100
                     ) -> list[Complaint]:
    """The clerk's department's complaints, urgent first, then newest. Admins see every department."""
    query = select(Complaint).where(Complaint.purged_at.is_(None))
    if user.role == "clerk":
        query = query.where(Complaint.department_code == user.department)
    if status:
        query = query.where(Complaint.status == status)
    query = query.order_by(case((Complaint.urgent, 0), else_=1), Complaint.created_at.desc()).limit(limit)
    return list(session.scalars(query))


def analytics_records(session: Session, since: datetime, department: str | None = None) -> list[ComplaintRecord]:
    """Every complaint filed since ``since`` as the analytics functions see it: codes, region, urgency, keywords
    of the masked text. No text and no personal data; purged complaints still count."""
    query = select(Complaint.receipt_no, Complaint.created_at, Complaint.type_code, Complaint.department_code,
                   Complaint.region, Complaint.urgent, Complaint.sentiment, Complaint.analysis
                   ).where(Complaint.created_at >= since)
    if department is not None:
        query = query.where(Complaint.department_code == department)
    return [
        ComplaintRecord(id=row.receipt_no, created_at=row.created_at, type=row.type_code or UNKNOWN,
                        department=row.department_code or UNKNOWN, region=row.region, urgent=row.urgent,
                        urgent_terms=tuple((row.analysis or {}).get("urgent_terms", ())),
                        keywords=tuple((row.analysis or {}).get("keywords", ())), sentiment=row.sentiment)
        for row in session.execute(query.order_by(Complaint.created_at))
    ]


def open_for_clerk(session: Session, user: User, receipt_no: str, *, client_ip: str | None,
                   for_update: bool = False) -> Complaint:
    complaint = by_receipt(session, receipt_no, for_update=for_update)
    check_department(user, complaint)
    session.add(AuditEvent(actor=user.username, action="view", target_type="complaint", target_id=receipt_no,
                           complaint_id=complaint.id, client_ip=client_ip))
    return complaint


def reveal(session: Session, cipher: FieldCipher, user: User, complaint: Complaint, reason: str,
           *, client_ip: str | None) -> Revealed:
    """The unmasked text and contact, for a clerk who states why (kept in the access log)."""
    check_department(user, complaint)
    if len(reason.strip()) < 2:
        raise ComplaintError("개인정보를 열람하는 사유를 적어 주세요 (state the reason for viewing personal data)")
    if complaint.text_encrypted is None:
        raise ComplaintError("개인정보가 이미 파기되었습니다 (the personal data has been destroyed)")
    session.add(AuditEvent(actor=user.username, action="view_unmasked", target_type="complaint",
                           target_id=complaint.receipt_no, complaint_id=complaint.id, reason=reason.strip()[:500],
                           client_ip=client_ip))
    return _decrypt(cipher, complaint)


def _decrypt(cipher: FieldCipher, complaint: Complaint) -> Revealed:
    contact = (cipher.decrypt(complaint.contact_encrypted, _associated(complaint.receipt_no, "contact"))
               .decode("utf-8") if complaint.contact_encrypted else None)
    return Revealed(_decrypt_text(cipher, complaint), contact)


def _decrypt_text(cipher: FieldCipher, complaint: Complaint) -> str:
    return cipher.decrypt(complaint.text_encrypted, _associated(complaint.receipt_no, "text")).decode("utf-8")


def rotate_complaint_keys(cipher: FieldCipher, complaint: Complaint) -> int:
    """Re-encrypt the complaint's personal fields under the current key; returns how many values it touched."""
    count = 0
    if complaint.text_encrypted:
        complaint.text_encrypted = cipher.rotate(complaint.text_encrypted, _associated(complaint.receipt_no, "text"))
        count += 1
    if complaint.contact_encrypted:
        complaint.contact_encrypted = cipher.rotate(complaint.contact_encrypted,
                                                    _associated(complaint.receipt_no, "contact"))
        count += 1
    if complaint.pii_marks_encrypted:
        complaint.pii_marks_encrypted = cipher.rotate(complaint.pii_marks_encrypted,
                                                      _associated(complaint.receipt_no, "marks"))
        count += 1
    return count


def reassign(session: Session, user: User, complaint: Complaint, department: str, known: set[str],
             copies: TrainingCopies, *, client_ip: str | None) -> None:
    """Send to another department. The correction is kept (masked text + right department) for
    ``civicai complaints train --append``, so routing learns from the clerks."""
    check_department(user, complaint)
    if department not in known:
        raise ComplaintError(f"등록되지 않은 부서입니다: {department!r} (not in the department registry)")
    if department == complaint.department_code:
        return
    previous = complaint.department_code
    complaint.department_code = department
    complaint.status = "assigned"
    with _training_copies_lock(copies), open(copies.corrections, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"receipt_no": complaint.receipt_no, "text": complaint.text_masked,
                                 "type": complaint.type_code,
                                 "department": department, "urgent": complaint.urgent,
                                 "previous_department": previous, "at": utcnow().isoformat()},
                                ensure_ascii=False) + "\n")
    session.add(AuditEvent(actor=user.username, action="reassign", target_type="complaint",
                           target_id=complaint.receipt_no, complaint_id=complaint.id,
                           reason=f"{previous} → {department}", client_ip=client_ip))


def mask_missed(session: Session, cipher: FieldCipher, user: User, complaint: Complaint, value: str, pii_type: str,
                copies: TrainingCopies, *, client_ip: str | None) -> int:
    """A clerk masks personal data the masker missed (mostly a name it did not know): every occurrence in the
    stored masked text, the reply, the analysis and the training copies becomes the placeholder. The
    value itself is kept only encrypted, as training data for the name scorer and tagger (``train-names`` and
    ``train-name-tagger --from-marks``). Returns how many occurrences were masked."""
    check_department(user, complaint)
    if pii_type not in PLACEHOLDERS:
        raise ComplaintError(f"알 수 없는 개인정보 종류입니다: {pii_type!r} (allowed: {', '.join(PLACEHOLDERS)})")
    value = value.strip()
    if not 2 <= len(value) <= 64:
        raise ComplaintError("가릴 내용은 2~64자여야 합니다 (the text to mask must be 2 to 64 characters)")
    if complaint.text_encrypted is None:
        raise ComplaintError("개인정보가 이미 파기되었습니다 (the personal data has been destroyed)")
    if "[" in value or "]" in value:
        raise ComplaintError("이미 가려진 부분([이름] 등)은 고를 수 없습니다 (select text outside the placeholders)")
    placeholder = PLACEHOLDERS[pii_type]
    old_text = complaint.text_masked
    text_masked, in_text = _replace_value(old_text, value, placeholder)
    reply_masked, in_reply = _replace_value(complaint.reply_masked or "", value, placeholder)
    count = in_text + in_reply
    if count == 0:
        raise ComplaintError("가린 민원 본문과 답변에 없는 내용입니다 (not in the masked text or the reply)")
    complaint.text_masked = text_masked
    if complaint.reply_masked:
        complaint.reply_masked = reply_masked
    analysis = _replaced(complaint.analysis or {}, value, placeholder)
    words = value.split()
    if len(words) > 1:  # keywords and evidence are single words: 응우옌 and 마이 of 응우옌 티 마이
        for word in (word for word in words if len(word) >= 2):
            analysis = _replaced(analysis, word, placeholder)
    complaint.analysis = analysis
    _rewrite_copies(copies, {complaint.receipt_no: (old_text, complaint.text_masked)})
    marks = [*_marks(cipher, complaint), {"type": pii_type, "value": value, "at": utcnow().isoformat()}]
    complaint.pii_marks_encrypted = cipher.encrypt(json.dumps(marks, ensure_ascii=False).encode("utf-8"),
                                                   _associated(complaint.receipt_no, "marks"))
    session.add(AuditEvent(actor=user.username, action="mask_missed", target_type="complaint",
                           target_id=complaint.receipt_no, complaint_id=complaint.id,
                           reason=f"{pii_type} ×{count}", client_ip=client_ip))
    return count


def _replace_value(text: str, value: str, placeholder: str) -> tuple[str, int]:
    """``text`` with ``value`` replaced where it stands as a value of its own, and how often: not inside a
    placeholder ([상세주소] holds 세주) nor, for a value that starts with Hangul, after another syllable (지은지 30년
    holds 은지; a particle after it stays: 은지가 → [이름]가)."""
    inside = [(m.start(), m.end()) for m in PLACEHOLDER_RE.finditer(text)]
    before = "(?<![가-힣])" if re.match("[가-힣]", value) else ""
    parts, cursor, count = [], 0, 0
    for m in re.finditer(before + re.escape(value), text):
        if any(start < m.end() and m.start() < end for start, end in inside):
            continue
        parts += [text[cursor : m.start()], placeholder]
        cursor, count = m.end(), count + 1
    return "".join(parts) + text[cursor:], count


def _marks(cipher: FieldCipher, complaint: Complaint) -> list[dict[str, str]]:
    if not complaint.pii_marks_encrypted:
        return []
    return json.loads(cipher.decrypt(complaint.pii_marks_encrypted, _associated(complaint.receipt_no, "marks")))


def _replaced(value: Any, old: str, new: str) -> Any:
    """``value`` (JSON: dicts, lists, strings) with ``old`` replaced by ``new`` in every string, as in the masked
    text (see _replace_value): similar answers hold placeholders ([상세주소]) and keywords longer words (지은지)."""
    if isinstance(value, str):
        return _replace_value(value, old, new)[0]
    if isinstance(value, list):
        return [_replaced(item, old, new) for item in value]
    if isinstance(value, dict):
        return {key: _replaced(item, old, new) for key, item in value.items()}
    return value


@contextmanager
def _training_copies_lock(copies: TrainingCopies) -> Iterator[None]:
    """One writer at a time across the service's processes: a reassignment's append must not land between a
    rewrite's read and its replace."""
    copies.corrections.parent.mkdir(parents=True, exist_ok=True)
    with open(copies.corrections.with_name(copies.corrections.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _rewrite_copies(copies: TrainingCopies, changes: Mapping[str, tuple[str, str | None]]) -> None:
    """``changes`` maps a receipt number to (its masked text as copied, the text now or None when erased); every
    file is read and replaced once for all of them (a retention run erases thousands). Copies name their receipt;
    corrections written before receipts were kept are found by their text. Model examples from a labelled file
    name none and are no complaint's copy."""
    old_texts = {old: new for old, new in changes.values()}

    def change(record: dict, legacy_by_text: bool) -> tuple[bool, str | None]:
        if record.get("receipt_no") is not None:
            found = changes.get(record["receipt_no"])
            return (found is not None, found[1] if found else None)
        if legacy_by_text and record.get("text") in old_texts:
            return True, old_texts[record["text"]]
        return False, None

    with _training_copies_lock(copies):
        for path in copies.files():
            if path.exists():
                _rewrite_lines(path, lambda record, legacy=path == copies.corrections: change(record, legacy))


def _rewrite_lines(path: Path, change: Callable[[dict], tuple[bool, str | None]]) -> None:
    # surrogateescape: a line a crash cut inside a Korean character is kept byte for byte, not a reason to fail
    lines = path.read_text(encoding="utf-8", errors="surrogateescape").splitlines()
    rewritten = []
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:  # a line cut short by a crash is kept as it is, not a reason to refuse the masking
            record = None
        if isinstance(record, dict):
            matched, new_text = change(record)
            if matched and new_text is None:
                continue
            if matched:
                line = json.dumps({**record, "text": new_text}, ensure_ascii=False)
        rewritten.append(line)
    if rewritten != lines:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", errors="surrogateescape", dir=path.parent,
                                         prefix=f".{path.stem}-", delete=False) as temporary:
            temporary.write("".join(line + "\n" for line in rewritten))
        os.chmod(temporary.name, path.stat().st_mode & 0o777)  # a training job reads it as before
        Path(temporary.name).replace(path)  # whole or not at all: a crash must not lose training data


def marked_names(session: Session, cipher: FieldCipher, actor: str, find_names: Callable[[str], set[str]]
                 ) -> list[LabelledText]:
    """Training data for the name scorer from clerks' marks: each complaint's own text with every name in it,
    the ones the masker found (``find_names``) and the ones clerks marked. Reading a text is logged."""
    texts = []
    query = select(Complaint).where(Complaint.pii_marks_encrypted.is_not(None), Complaint.text_encrypted.is_not(None))
    for complaint in session.scalars(query.order_by(Complaint.id)):
        names = {mark["value"] for mark in _marks(cipher, complaint) if mark["type"] == "NAME"}
        if not names:
            continue
        text = _decrypt_text(cipher, complaint)
        texts.append(LabelledText(text, frozenset(find_names(text) | {name for name in names if name in text})))
        session.add(AuditEvent(actor=actor, action="read_for_training", target_type="complaint",
                               target_id=complaint.receipt_no, complaint_id=complaint.id,
                               reason="이름 판별 모델 학습 (name scorer training)"))
    return texts


def answer(session: Session, cipher: FieldCipher, user: User, complaint: Complaint, reply: str,
           mask: Callable[[str], str], *, client_ip: str | None) -> None:
    """The department's reply, masked like everything else shown to the citizen's status page, and without what
    a clerk masked by hand in this complaint (the masker misses it in the reply as well)."""
    check_department(user, complaint)
    if not reply.strip():
        raise ComplaintError("답변 내용이 비어 있습니다 (the reply is empty)")
    masked = mask(reply.strip())
    for mark in _marks(cipher, complaint):
        masked = masked.replace(mark["value"], PLACEHOLDERS.get(mark["type"], PLACEHOLDERS["NAME"]))
    complaint.reply_masked = masked
    complaint.replied_by = user.username
    complaint.replied_at = utcnow()
    complaint.status = "answered"
    session.add(AuditEvent(actor=user.username, action="reply", target_type="complaint",
                           target_id=complaint.receipt_no, complaint_id=complaint.id, client_ip=client_ip))


def set_status(session: Session, user: User, complaint: Complaint, status: str, *, client_ip: str | None) -> None:
    check_department(user, complaint)
    if status not in STATUSES:
        raise ComplaintError(f"알 수 없는 처리 상태입니다: {status!r} (allowed: {', '.join(STATUSES)})")
    complaint.status = status
    session.add(AuditEvent(actor=user.username, action="status", target_type="complaint",
                           target_id=complaint.receipt_no, complaint_id=complaint.id, reason=status,
                           client_ip=client_ip))


# --- data-subject requests (privacy officer)

def find_subject(session: Session, cipher: FieldCipher, *, contact: str | None = None,
                 receipt_no: str | None = None) -> list[Complaint]:
    """Everything stored about a person, found by their contact or by one of their receipt numbers
    (a receipt leads to the contact, and the contact to the person's other complaints)."""
    if not contact and not receipt_no:
        raise ComplaintError("연락처나 접수번호가 필요합니다 (give a contact or a receipt number)")
    indexes: set[str] = set()
    rows: dict[int, Complaint] = {}
    if receipt_no:
        first = by_receipt(session, receipt_no)
        rows[first.id] = first
        if first.contact_index:
            indexes.add(first.contact_index)
    if contact:
        indexes.add(cipher.blind_index(normalise_contact(contact), "contact"))
    if indexes:
        for row in session.scalars(select(Complaint).where(Complaint.contact_index.in_(indexes))):
            rows[row.id] = row
    return sorted(rows.values(), key=lambda c: c.created_at)


def export_subject(session: Session, cipher: FieldCipher, actor: str, complaints: list[Complaint], reason: str,
                   *, client_ip: str | None = None) -> dict[str, Any]:
    """A person's data in readable form (열람·사본 청구), logged per record with the reason."""
    if len(reason.strip()) < 2:
        raise ComplaintError("내려받는 사유를 적어 주세요 (state the reason for the download)")
    records = []
    for complaint in complaints:
        revealed = _decrypt(cipher, complaint) if complaint.text_encrypted else None
        records.append({
            "receipt_no": complaint.receipt_no, "created_at": complaint.created_at.isoformat(),
            "status": complaint.status, "region": complaint.region, "department": complaint.department_code,
            "text": revealed.text if revealed else None, "contact": revealed.contact if revealed else None,
            "reply": complaint.reply_masked, "erased": complaint.purged_at is not None,
        })
        session.add(AuditEvent(actor=actor, action="subject_export", target_type="complaint",
                               target_id=complaint.receipt_no, complaint_id=complaint.id, reason=reason.strip()[:500],
                               client_ip=client_ip))
    return {"complaints": records}


def correct_contact(session: Session, cipher: FieldCipher, actor: str, complaint: Complaint, contact: str,
                    *, client_ip: str | None = None) -> None:
    """정정 청구: replace the stored contact."""
    value = normalise_contact(contact)
    complaint.contact_encrypted = cipher.encrypt(value.encode("utf-8"), _associated(complaint.receipt_no, "contact"))
    complaint.contact_index = cipher.blind_index(value, "contact")
    session.add(AuditEvent(actor=actor, action="correct", target_type="complaint", target_id=complaint.receipt_no,
                           complaint_id=complaint.id, reason="contact", client_ip=client_ip))


def erase(session: Session, actor: str, complaints: Sequence[Complaint], reason: str, copies: TrainingCopies, *,
          client_ip: str | None = None, action: str = "delete") -> None:
    """Destroy the personal data of complaints (삭제 청구 or retention) with their training copies; codes stay for
    statistics. Each row is locked first (PostgreSQL), so a reassignment at the same moment cannot copy the text
    again after the copies were rewritten."""
    for complaint in complaints:
        session.refresh(complaint, with_for_update=True)
    _rewrite_copies(copies, {complaint.receipt_no: (complaint.text_masked, None) for complaint in complaints})
    for complaint in complaints:
        complaint.text_encrypted = None
        complaint.contact_encrypted = None
        complaint.contact_index = None
        complaint.pii_marks_encrypted = None
        complaint.text_masked = ERASED_TEXT
        complaint.reply_masked = None
        complaint.analysis = {k: v for k, v in (complaint.analysis or {}).items() if k in KEPT_AFTER_ERASURE}
        complaint.purged_at = utcnow()
        session.add(AuditEvent(actor=actor, action=action, target_type="complaint", target_id=complaint.receipt_no,
                               complaint_id=complaint.id, reason=reason[:500], client_ip=client_ip))


def expired_complaints(session: Session, cutoff: datetime) -> list[Complaint]:
    return list(session.scalars(select(Complaint).where(Complaint.created_at < cutoff,
                                                        Complaint.purged_at.is_(None))))
