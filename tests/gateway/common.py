"""What the gateway tests share: the fixed clock, a credential, and the payload loader."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PAYLOADS = ROOT / "fixtures" / "payloads"
NOW = datetime(2026, 1, 1, 12, 0, 0, tzinfo=timezone.utc)
KEY = "sk-ant-api03-0123456789abcdefghijklmnopqrstuvwxyz"
MESSAGE = "This model does not support effort level 'xhigh'."

Json = dict[str, Any]


def load(protocol: str, name: str) -> Json:
    """A recorded reply payload of ``protocol`` by file name."""
    data: Json = json.loads((PAYLOADS / protocol / "responses" / name).read_text(encoding="utf-8"))
    return data
