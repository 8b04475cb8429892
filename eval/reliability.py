"""Reliability tables for the report: every test marked ``@pytest.mark.reliability(table, case, expected)`` runs
here (the same tests ``make test`` runs), and each becomes a row with what was expected and whether it held.

The tests are the source of truth; this module only runs them and tabulates the JUnit result, so the report
cannot claim a case that no test checks."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import asdict, dataclass
from pathlib import Path

from eval.report import BenchContext, Section

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TABLES = {
    "bad_input": "Bad input (나쁜 입력)",
    "fault": "Faults (장애)",
    "property": "Property and fuzz tests (속성·퍼징)",
}


@dataclass(frozen=True)
class CaseResult:
    table: str
    case: str
    expected: str
    test: str
    outcome: str  # passed, failed, error or skipped
    seconds: float
    message: str = ""


def parse_junit(path: Path) -> list[CaseResult]:
    """One row per test case that carries a ``reliability`` property (parametrised cases stay separate)."""
    results = []
    for testcase in ElementTree.parse(path).getroot().iter("testcase"):
        properties = {p.get("name"): p.get("value") for p in testcase.iter("property")}
        if "reliability" not in properties:
            continue
        marker = json.loads(properties["reliability"])
        outcome, message = "passed", ""
        for tag in ("failure", "error", "skipped"):
            element = testcase.find(tag)
            if element is not None:
                outcome = {"failure": "failed"}.get(tag, tag)
                message = (element.get("message") or "").splitlines()[0][:200] if element.get("message") else ""
                break
        name = f"{testcase.get('classname', '')}::{testcase.get('name', '')}"
        results.append(CaseResult(marker["table"], marker["case"], marker["expected"], name, outcome,
                                  float(testcase.get("time") or 0.0), message))
    return results


def summarise(results: list[CaseResult]) -> list[dict]:
    """Rows grouped by case: a case holds only when every one of its tests (parameters, backends) passed."""
    rows: dict[tuple[str, str], dict] = {}
    for result in results:
        row = rows.setdefault((result.table, result.case), {
            "table": result.table, "case": result.case, "expected": result.expected, "tests": 0, "passed": 0,
            "skipped": 0, "failed": 0, "seconds": 0.0, "messages": []})
        row["tests"] += 1
        row["seconds"] += result.seconds
        key = {"passed": "passed", "skipped": "skipped"}.get(result.outcome, "failed")
        row[key] += 1
        if result.message and result.outcome != "passed":
            row["messages"].append(f"{result.test.rsplit('::', 1)[-1]}: {result.message}")
    return list(rows.values())


def _verdict(row: dict) -> str:
    if row["failed"]:
        return f"**FAILED** ({row['failed']}/{row['tests']})"
    if row["passed"] == 0:
        return "not run (skipped)"
    if row["skipped"]:
        return f"handled ({row['passed']} passed, {row['skipped']} skipped)"
    return f"handled ({row['passed']}/{row['tests']})"


def render(rows: list[dict], seconds: float) -> str:
    lines = ["Every row is a test in `tests/` marked `@pytest.mark.reliability`; the same tests run in `make test`. "
             "A case is *handled* only when all its tests passed (parameters, SQLite and PostgreSQL). "
             f"The whole set ran in {seconds:.0f} s.\n"]
    for table, title in TABLES.items():
        selected = [r for r in rows if r["table"] == table]
        if not selected:
            continue
        handled = sum(1 for r in selected if r["failed"] == 0 and r["passed"] > 0)
        lines += [f"### {title}: {handled}/{len(selected)} handled\n", "| case | expected | result |", "|---|---|---|"]
        for row in selected:
            note = f" — {row['messages'][0]}" if row["messages"] else ""
            lines.append(f"| {row['case']} | {row['expected']} | {_verdict(row)}{note} |")
        lines.append("")
    return "\n".join(lines)


def reliability_tables(context: BenchContext) -> Section:
    junit = context.out_dir / "reliability-junit.xml"
    # Services (PostgreSQL, Redis, RabbitMQ) and real models are used where the tests use them.
    command = [sys.executable, "-m", "pytest", "-m", "reliability", "-q", "-p", "no:cacheprovider",
               f"--junitxml={junit}", "-o", "junit_family=xunit1"]
    logger.info("running the reliability tests: %s", " ".join(command))
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True,
                               env={**os.environ, "OMP_WAIT_POLICY": "passive", "HF_HUB_OFFLINE": "1"})
    seconds = time.perf_counter() - started
    if not junit.exists():
        tail = "\n".join((completed.stdout + completed.stderr).splitlines()[-20:])
        raise RuntimeError(f"the reliability tests did not run (exit {completed.returncode}):\n{tail}")
    results = parse_junit(junit)
    rows = summarise(results)
    data = {"exit_code": completed.returncode, "seconds": round(seconds, 1), "rows": rows,
            "cases": [asdict(r) for r in results],
            "all_handled": all(r["failed"] == 0 and r["passed"] > 0 for r in rows)}
    return Section("Reliability: bad input, faults, property tests", render(rows, seconds), data)
