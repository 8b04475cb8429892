"""``make bench`` / ``civicai eval all``: run every benchmark and write report.md, report.json and plots."""

from __future__ import annotations

import json
import logging
import platform
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BenchContext:
    """What benchmarks need to know, passed in by the CLI (eval never reads settings itself)."""

    config_dir: Path
    data_dir: Path
    whisper_model_dir: Path
    out_dir: Path
    repeats: int = 3


@dataclass(frozen=True)
class Section:
    title: str
    markdown: str
    data: dict[str, Any] = field(default_factory=dict)
    figures: tuple[str, ...] = ()


Benchmark = Callable[[BenchContext], Section]


def benchmarks() -> list[Benchmark]:
    from eval import complaints, load, minutes, reliability, retrieval, sign_recognition, signlang, speech

    return [complaints.complaint_ai, retrieval.chatbot_eval, signlang.gloss_coverage,
            sign_recognition.sign_recognition, speech.asr_speed,
            speech.diarization, speech.diarization_meetings, speech.hallucination_guard, speech.speech_scaling,
            speech.minutes_pipeline, minutes.minutes_drafting, load.load_test, reliability.reliability_tables]


def run_all(context: BenchContext, only: str | None = None) -> Path:
    """Run every benchmark (or those whose module is ``only``) and write the report."""
    context.out_dir.mkdir(parents=True, exist_ok=True)
    selected = [b for b in benchmarks() if only is None or b.__module__.rsplit(".", 1)[-1] == only]
    if not selected:
        names = sorted({b.__module__.rsplit(".", 1)[-1] for b in benchmarks()})
        raise ValueError(f"no benchmark named {only!r}; choose one of {', '.join(names)}")
    sections: list[Section] = []
    for benchmark in selected:
        logger.info("running %s", benchmark.__module__ + "." + benchmark.__name__)
        sections.append(benchmark(context))
    from eval.projection import city_projection

    projection = city_projection(context, sections)  # from the speeds just measured, when they were
    if projection is not None:
        sections.append(projection)
    header = (
        f"# civicai evaluation report\n\n"
        f"Generated {datetime.now(UTC).isoformat(timespec='seconds')} on {platform.node()} "
        f"({platform.processor() or platform.machine()}, Python {platform.python_version()}). "
        "Timings are medians over repeated runs with (min, max); every figure is measured beside its baseline "
        "in the same run.\n"
    )
    body = "\n".join(f"## {section.title}\n\n{section.markdown}\n" for section in sections)
    report = context.out_dir / "report.md"
    report.write_text(header + "\n" + body, encoding="utf-8")
    (context.out_dir / "report.json").write_text(
        json.dumps([asdict(section) for section in sections], ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return report
