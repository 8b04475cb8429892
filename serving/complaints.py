"""Complaint I/O shared by the CLI and the API: JSONL/CSV reading with line numbers, JSON output."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, get_args

from nlp.dictionaries import Dictionaries
from nlp.errors import NlpError
from nlp.pipeline import ComplaintAnalysis, ComplaintInput, LabelledComplaint
from nlp.types import ComplaintRecord


@dataclass(frozen=True)
class InputLine:
    line: int
    data: dict[str, Any]
    error: str | None = None


def read_jsonl(path: Path) -> list[InputLine]:
    """Every non-blank line, parsed; a bad line carries its error instead of stopping the run."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file (파일이 없습니다)")
    lines = []
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                lines.append(InputLine(number, {}, "not UTF-8 text (UTF-8 인코딩이 아닙니다)"))
                continue
            except json.JSONDecodeError as error:
                lines.append(InputLine(number, {}, f"not valid JSON (JSON 형식 오류): {error.msg}"))
                continue
            if not isinstance(data, dict):
                lines.append(InputLine(number, {}, "expected a JSON object with id and text"))
            elif not isinstance(data.get("text", ""), str):
                lines.append(InputLine(number, data, "text must be a string"))
            elif not _encodable(data):
                lines.append(InputLine(number, {}, "text holds an invalid Unicode escape (잘못된 유니코드 문자)"))
            else:
                lines.append(InputLine(number, data))
    return lines


def _encodable(data: dict[str, Any]) -> bool:
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def read_labelled(path: Path, dictionaries: Dictionaries) -> list[LabelledComplaint]:
    """Labelled history from CSV or JSONL; every problem is reported with its line number at once."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file (파일이 없습니다)")
    if path.suffix.lower() == ".csv":
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "cp949"):  # Korean Excel saves CSV as CP949
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise NlpError(f"{path.name}: not UTF-8 or CP949 text (인코딩을 알 수 없습니다)")
        rows = [(n, row) for n, row in enumerate(csv.DictReader(io.StringIO(text, newline="")), start=2)]
    else:
        rows = []
        for item in read_jsonl(path):
            if item.error:
                raise NlpError(f"{path.name} line {item.line}: {item.error}")
            rows.append((item.line, item.data))
    types, departments = set(dictionaries.type_codes), set(dictionaries.department_codes)
    examples, problems = [], []
    for number, row in rows:
        text, type_code, department = (str(row.get(k) or "").strip() for k in ("text", "type", "department"))
        urgent = str(row.get("urgent", "")).strip().lower() in {"true", "1", "yes", "y", "긴급"}
        if not text:
            problems.append(f"line {number}: empty text")
        elif type_code not in types:
            problems.append(f"line {number}: unknown type {type_code!r}")
        elif department not in departments:
            problems.append(f"line {number}: unknown department {department!r}")
        else:
            examples.append(LabelledComplaint(text=text, type=type_code, department=department, urgent=urgent,
                                              receipt_no=str(row.get("receipt_no") or "").strip() or None))
    if problems:
        shown = "; ".join(problems[:5]) + (f" (+{len(problems) - 5} more)" if len(problems) > 5 else "")
        raise NlpError(f"{path.name}: {shown}")
    return examples


def analysis_to_json(
    analysis: ComplaintAnalysis, model_version: str, item: ComplaintInput | None = None
) -> dict[str, Any]:
    """The documented output line of ``civicai complaints analyze`` (and the API's analysis field).

    ``item``'s channel, date and region are passed through so the output feeds the dashboard.
    """
    if analysis.error is not None:
        return {"id": analysis.id, "error": analysis.error}
    assert analysis.type and analysis.department and analysis.urgency and analysis.sentiment and analysis.masked
    context = {"channel": item.channel, "created_at": item.created_at, "region": item.region} if item else {}
    return {
        "id": analysis.id,
        **context,
        "type": analysis.type.code,
        "type_candidates": [{"code": c.code, "score": c.score} for c in analysis.type.candidates],
        "department": analysis.department.code,
        "department_candidates": [{"code": c.code, "score": c.score} for c in analysis.department.candidates],
        "evidence": {"type": list(analysis.type.evidence), "department": list(analysis.department.evidence)},
        "urgent": analysis.urgency.urgent,
        "urgency_score": analysis.urgency.score,
        "urgent_terms": list(analysis.urgency.terms),
        "sentiment": analysis.sentiment.label,
        "emotions": list(analysis.sentiment.emotions),
        "masked_text": analysis.masked.text,
        "pii_types": sorted({span.type for span in analysis.masked.spans}),
        "keywords": list(analysis.keywords[:20]),
        "similar": [
            {"id": s.id, "score": s.score, "title": s.title, "reply": s.reply, "department": s.department}
            for s in analysis.similar
        ],
        "model_version": model_version,
    }


def records_from_analysed(lines: list[InputLine]) -> list[ComplaintRecord]:
    """ComplaintRecords from ``complaints analyze`` output; lines without a date or analysis are skipped."""
    records = []
    for line in lines:
        data = line.data
        if line.error or data.get("error") or not data.get("created_at") or not data.get("department"):
            continue
        try:
            created = datetime.fromisoformat(str(data["created_at"]))
        except ValueError:
            continue
        records.append(
            ComplaintRecord(
                id=str(data.get("id")),
                created_at=created,
                type=str(data.get("type")),
                department=str(data["department"]),
                region=data.get("region"),
                urgent=bool(data.get("urgent")),
                urgent_terms=tuple(data.get("urgent_terms") or ()),
                keywords=tuple(data.get("keywords") or ()),
                sentiment=data.get("sentiment"),
            )
        )
    return records


def dashboard_summary(records: list[ComplaintRecord], stopwords: frozenset[str]) -> dict[str, Any]:
    """Counts by type, department and region, weekly series, rising keywords, urgent-term spikes by region,
    next week's forecast and sentiment shares: plain data for the clerk's dashboard and ``complaints report``."""
    from dataclasses import asdict

    from nlp import analytics

    if not records:
        return {"complaints": 0, "urgent": 0, "by_type": [], "by_department": [], "by_region": [],
                "weekly_by_type": None, "keyword_trends": [], "urgent_spikes": [], "forecast_next_week": [],
                "sentiment": []}
    return {
        "complaints": len(records),
        "urgent": sum(record.urgent for record in records),
        "by_type": [asdict(r) for r in analytics.counts(records, by="type")],
        "by_department": [asdict(r) for r in analytics.counts(records, by="department")],
        "by_region": [asdict(r) for r in analytics.counts(records, by="region")],
        "weekly_by_type": asdict(analytics.time_series(records, period="week", by="type")),
        "keyword_trends": [asdict(t) for t in analytics.keyword_trends(records, stopwords=stopwords)],
        "urgent_spikes": [asdict(s) for s in analytics.urgent_spikes(records)],
        "forecast_next_week": [asdict(f) for f in analytics.forecast_next_week(records, by="type")],
        "sentiment": [asdict(s) for s in analytics.sentiment_share(records)],
    }


DashboardChart = Literal["wordcloud", "weekly_by_type", "by_department"]


def render_dashboard_chart(records: list[ComplaintRecord], chart: DashboardChart, path: Path,
                           dictionaries: Dictionaries) -> Path:
    """One of the dashboard's pictures as PNG: the keyword cloud, weekly counts by type, or counts by department,
    labelled with the names people read (도로과), not the codes the data keeps (roads)."""
    from collections import Counter
    from dataclasses import replace

    from nlp import analytics

    stopwords = dictionaries.stopwords
    type_names = {t.code: t.name for t in dictionaries.types}
    department_names = {d.code: d.name for d in dictionaries.departments}
    records = [replace(r, type=type_names.get(r.type, r.type), department=department_names.get(r.department,
                                                                                                r.department))
               for r in records]

    if chart == "wordcloud":
        frequencies = Counter(k for r in records for k in r.keywords if k not in stopwords)
        return analytics.render_wordcloud(dict(frequencies.most_common(150)), path)
    if chart == "weekly_by_type":
        return analytics.render_time_series(analytics.time_series(records, period="week", by="type"), path,
                                            "유형별 주간 민원 건수")
    return analytics.render_counts_bar(analytics.counts(records, by="department"), path, "부서별 민원 건수")


def write_dashboard(records: list[ComplaintRecord], out_dir: Path, dictionaries: Dictionaries) -> dict[str, Any]:
    """Counts, trends, spikes and a forecast as JSON, plus a word cloud and charts as PNG."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if not records:
        raise NlpError("no analysed complaint with created_at and department (분석 결과가 없습니다)")
    summary = dashboard_summary(records, dictionaries.stopwords)
    for chart in get_args(DashboardChart):
        render_dashboard_chart(records, chart, out_dir / f"{chart}.png", dictionaries)
    (out_dir / "dashboard.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2, default=str),
                                            encoding="utf-8")
    return summary
