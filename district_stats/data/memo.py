"""A small memo of recent results by key, safe to share between the app's sessions (threads).

What the data layer computes from file contents is kept here by a fingerprint of those contents, so the same
bytes are read, checked and aggregated once per process: the update preview loads the data twice (as it is,
and with the candidate in place), the app loads it again on every new data version, and a restored version is
one seen before. Keys are fingerprints of content, never file names or times, so a hit is always the same
input; the oldest entry goes when the memo is full.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Memo(Generic[V]):
    """Up to ``size`` values by key, the least recently used dropped first."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value kept for ``key``, or ``make()`` kept and returned (computed outside the lock: two sessions
        asking at once may both compute it, and either result is the same)."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value
