"""Fixtures shared by the storage-level tests."""

from __future__ import annotations

import pytest

from serving.db import Database


@pytest.fixture
def database(database_url: str):
    """A migrated database on each backend (SQLite, and PostgreSQL where it answers)."""
    database = Database(database_url)
    database.migrate()
    yield database
    database.dispose()
