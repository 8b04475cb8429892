"""The report's reliability tables come from real JUnit results of the marked tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from eval.reliability import PROJECT_ROOT, CaseResult, parse_junit, render, summarise


def test_a_marked_test_becomes_a_row_with_its_outcome(tmp_path: Path) -> None:
    junit = tmp_path / "junit.xml"
    test = "tests/reliability/test_properties.py::test_clean_unicode_is_idempotent"
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test, f"--junitxml={junit}",
                    "-o", "junit_family=xunit1"], cwd=PROJECT_ROOT, check=True, capture_output=True, timeout=300)
    [result] = parse_junit(junit)
    assert (result.table, result.outcome) == ("property", "passed")
    assert result.case.startswith("유니코드 정리") and result.test.endswith("test_clean_unicode_is_idempotent")


def test_a_case_holds_only_when_every_one_of_its_tests_passed() -> None:
    results = [
        CaseResult("fault", "디스크 가득", "507", "t::a[sqlite]", "passed", 1.0),
        CaseResult("fault", "디스크 가득", "507", "t::a[postgresql]", "failed", 1.0, "assert 500 == 507"),
        CaseResult("bad_input", "빈 민원", "422", "t::b", "skipped", 0.0, "no server"),
    ]
    rows = summarise(results)
    assert [(r["case"], r["passed"], r["failed"], r["skipped"]) for r in rows] == [
        ("디스크 가득", 1, 1, 0), ("빈 민원", 0, 0, 1)]
    markdown = render(rows, 3.0)
    assert "**FAILED** (1/2) — a[postgresql]: assert 500 == 507" in markdown
    assert "not run (skipped)" in markdown and "Faults (장애): 0/1 handled" in markdown
