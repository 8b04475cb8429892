"""A paper projection for a whole city: the speeds measured earlier in the same ``make bench`` run, scaled to
the yearly and monthly workload in ``eval/data/city_projection.yaml``. Nothing here is measured again."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import yaml

from eval.report import BenchContext, Section

ASSUMPTIONS = Path(__file__).resolve().parent / "data" / "city_projection.yaml"
COMPLAINTS_TITLE = "Complaint AI"
SCALING_TITLE = "Meeting pipeline scaling with recording length"
LOAD_TITLE = "Load: 50 concurrent citizens"


def project(assumptions: dict[str, Any], complaints_per_s: float | None, meeting_rtf: float | None,
            chat_rps: float | None) -> dict[str, Any]:
    """Load per unit of measured capacity. ``complaints_per_s``: batch analysis on one 2-core machine;
    ``meeting_rtf``: ASR + diarization seconds per audio second on one worker; ``chat_rps``: requests/s one
    server process sustained in the load test."""
    a = assumptions
    result: dict[str, Any] = {"assumptions": a}
    if complaints_per_s:
        per_day = a["complaints_per_year"] / a["working_days_per_year"]
        peak_per_s = per_day * a["peak_hour_share"] / 3600
        result["complaints"] = {
            "per_working_day": per_day, "peak_per_s": peak_per_s, "capacity_per_s": complaints_per_s,
            "peak_utilisation": peak_per_s / complaints_per_s,
            "cpu_hours_per_year": a["complaints_per_year"] / complaints_per_s / 3600,
        }
    if meeting_rtf:
        audio_hours = a["meetings_per_month"] * a["average_meeting_hours"]
        processing_hours = audio_hours * meeting_rtf
        per_day = processing_hours / a["working_days_per_month"]
        capacity = a["worker_hours_per_day"] * a["planning_utilisation"]
        result["meetings"] = {
            "audio_hours_per_month": audio_hours, "rtf": meeting_rtf,
            "processing_hours_per_month": processing_hours, "processing_hours_per_working_day": per_day,
            "workers": max(1, math.ceil(per_day / capacity)),
            "turnaround_minutes_per_meeting": a["average_meeting_hours"] * meeting_rtf * 60,
            "cores": max(1, math.ceil(per_day / capacity)) * a["cores_per_worker"],
        }
    if chat_rps:
        result["chat"] = {"requests_per_s_per_process": chat_rps}
    return result


def city_projection(context: BenchContext, sections: list[Section]) -> Section | None:
    """The projection section, or None when this run measured none of the speeds it needs."""
    by_title = {section.title: section for section in sections}
    complaints_per_s = meeting_rtf = chat_rps = None
    if COMPLAINTS_TITLE in by_title:
        complaints_per_s = by_title[COMPLAINTS_TITLE].data["speed"]["complaints_per_s"]["64"]["median"]
    if SCALING_TITLE in by_title:
        scaling = by_title[SCALING_TITLE].data
        meeting_rtf = scaling["projected_asr_diarization_rtf"][scaling["backends"][0]]
    if LOAD_TITLE in by_title:
        chat_rps = by_title[LOAD_TITLE].data.get("PostgreSQL_throughput_rps") or \
            by_title[LOAD_TITLE].data.get("SQLite_throughput_rps")
    if not (complaints_per_s or meeting_rtf):
        return None
    assumptions = yaml.safe_load(ASSUMPTIONS.read_text(encoding="utf-8"))
    result = project(assumptions, complaints_per_s, meeting_rtf, chat_rps)
    a = assumptions
    lines = ["Assumptions from `eval/data/city_projection.yaml` (edit them for your city); speeds measured above "
             "in this run on one 2-core machine.\n", "| quantity | value | from |", "|---|---|---|"]
    if "complaints" in result:
        c = result["complaints"]
        lines += [
            f"| complaints per year | {a['complaints_per_year']:,} | assumption |",
            f"| per working day / busiest hour | {c['per_working_day']:,.0f} / "
            f"{c['per_working_day'] * a['peak_hour_share']:,.0f} ({c['peak_per_s']:.3f}/s) | "
            f"{a['working_days_per_year']} working days, {a['peak_hour_share']:.0%} in the busiest hour |",
            f"| analysis capacity | {c['capacity_per_s']:.1f} complaints/s | measured, batch 64 |",
            f"| load at the busiest hour | {c['peak_utilisation']:.2%} of one machine | computed |",
            f"| CPU time for a year of complaints | {c['cpu_hours_per_year']:.1f} h | computed |",
        ]
    if "meetings" in result:
        m = result["meetings"]
        lines += [
            f"| meetings per month | {a['meetings_per_month']} × {a['average_meeting_hours']:g} h = "
            f"{m['audio_hours_per_month']:,.0f} h of audio | assumption |",
            f"| ASR + diarization real-time factor | {m['rtf']:.3f} | measured (scaling section, 2-hour fit) |",
            f"| transcription work | {m['processing_hours_per_month']:,.0f} h/month, "
            f"{m['processing_hours_per_working_day']:.1f} h per working day | computed |",
            f"| **Celery workers needed** | **{m['workers']}** ({m['cores']} cores) | "
            f"{a['worker_hours_per_day']} h/day per worker at {a['planning_utilisation']:.0%} planned utilisation |",
            f"| one average meeting on one worker | {m['turnaround_minutes_per_meeting']:.0f} min | computed |",
        ]
    if "chat" in result:
        lines.append(f"| chat + complaint requests one server process sustained | "
                     f"{result['chat']['requests_per_s_per_process']} /s | measured (load test, no think time) |")
    lines += ["", "Complaints are cheap: a year of them is hours of CPU, so the complaint AI shares the web "
              "server. Meetings set the hardware: the worker count scales linearly with meeting hours and the "
              "real-time factor, and each worker is a 2-core process started with `civicai worker` against the "
              "shared PostgreSQL and broker. The real-time factor here comes from synthetic espeak-ng meetings; "
              "on real Korean speech batched Whisper base ran faster (see the scaling caveat), so this count "
              "errs on the safe side."]
    return Section("City-wide projection", "\n".join(lines), result)
