"""Retention: destroy personal data whose period has ended, everywhere it was kept, and log each destruction.

Run daily by ``civicai privacy purge`` (cron or a systemd timer; see the README). Periods come from settings.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from serving.complaint_store import erase, expired_complaints
from serving.db import Meeting, utcnow
from serving.minutes import delete_recording, purge_meeting
from serving.settings import Settings

logger = logging.getLogger(__name__)

ACTOR = "system:retention"
APPROVED = ("approved", "published")


@dataclass(frozen=True)
class PurgeReport:
    complaints: int
    meetings: int
    recordings: int

    @property
    def total(self) -> int:
        return self.complaints + self.meetings + self.recordings


def purge_expired(session: Session, settings: Settings, now: datetime | None = None) -> PurgeReport:
    now = now or utcnow()
    complaints = expired_complaints(session, now - timedelta(days=settings.retention_complaint_days))
    erase(session, ACTOR, complaints, f"보존기간 {settings.retention_complaint_days}일 경과 (retention ended)",
          settings.complaint_training_copies(), action="purge")
    draft_cutoff = now - timedelta(days=settings.retention_draft_days)
    drafts = session.scalars(select(Meeting).where(Meeting.status.not_in(APPROVED), Meeting.purged_at.is_(None),
                                                   Meeting.created_at < draft_cutoff)).all()
    for meeting in drafts:
        purge_meeting(session, settings, meeting, ACTOR,
                      f"미확정 회의록 보존기간 {settings.retention_draft_days}일 경과 (unapproved, retention ended)")
    kept_cutoff = now - timedelta(days=settings.retention_kept_recording_days)
    kept = session.scalars(select(Meeting).where(Meeting.status.in_(APPROVED), Meeting.audio_path.is_not(None),
                                                 Meeting.created_at < kept_cutoff)).all()
    recordings = sum(delete_recording(session, settings, meeting, ACTOR,
                                      f"녹음 보존기간 {settings.retention_kept_recording_days}일 경과")
                     for meeting in kept)
    report = PurgeReport(complaints=len(complaints), meetings=len(drafts), recordings=recordings)
    logger.info("retention purge: %s", report)
    return report
