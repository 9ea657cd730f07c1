"""Thread-safe in-memory storage for feature flags."""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass
from datetime import datetime, timezone


@dataclass(frozen=True)
class Flag:
    name: str
    enabled: bool
    description: str
    updated_at: str

    def to_dict(self) -> dict:
        return asdict(self)


class FlagStore:
    """Keeps flags in a dict guarded by a lock.

    gunicorn runs one worker process with several threads (see the
    Dockerfile), so every request of one container sees the same store.
    """

    def __init__(self) -> None:
        self._flags: dict[str, Flag] = {}
        self._lock = threading.Lock()

    def list(self) -> list[Flag]:
        with self._lock:
            return sorted(self._flags.values(), key=lambda flag: flag.name)

    def get(self, name: str) -> Flag | None:
        with self._lock:
            return self._flags.get(name)

    def put(self, name: str, enabled: bool, description: str = "") -> tuple[Flag, bool]:
        """Create or replace a flag; returns (flag, created)."""
        flag = Flag(
            name=name,
            enabled=enabled,
            description=description,
            updated_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )
        with self._lock:
            created = name not in self._flags
            self._flags[name] = flag
        return flag, created

    def delete(self, name: str) -> bool:
        with self._lock:
            return self._flags.pop(name, None) is not None
