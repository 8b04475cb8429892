"""Chat answers as JSON, shared by the CLI and the API."""

from __future__ import annotations

from typing import Any

from retrieval.answer import Answer


def answer_to_json(answer: Answer) -> dict[str, Any]:
    """The documented shape of ``civicai ask --json``: answer, citations, handoff, department."""
    return {
        "answer": answer.answer,
        "citations": [
            {"id": c.id, "title": c.title, "section": c.section, "source": c.source, "url": c.url, "score": c.score}
            for c in answer.citations
        ],
        "handoff": answer.handoff,
        "department": answer.department,
        "department_name": answer.department_name,
        "confidence": answer.confidence,
        "resolved_question": answer.resolved_question,
    }
