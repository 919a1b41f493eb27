"""Where ``previous_response_id`` finds its history: SQLite (stdlib), one row per response.

A Responses client in front of an upstream without stored responses (Chat Completions, Messages)
names a previous response; the gateway stored that response's items (the history it continued,
the request's input, the response's output: ``rc.responses_history_items``) under its id when it
answered, and passes them back as ``history=``. The calls are short local writes and reads, done
inline; a busy gateway would move them to a thread or use a server database.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from typing import Any


class HistoryStore:
    def __init__(self, path: str = ":memory:") -> None:
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock, self._db:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS responses (id TEXT PRIMARY KEY, items TEXT)"
            )

    def get(self, response_id: str) -> list[Any] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT items FROM responses WHERE id = ?", (response_id,)
            ).fetchone()
        return None if row is None else list(json.loads(row[0]))

    def put(self, response_id: str, items: list[Any]) -> None:
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO responses (id, items) VALUES (?, ?)",
                (response_id, json.dumps(items)),
            )

    def close(self) -> None:
        self._db.close()
