"""An overall deadline per HTTP response, which per-read timeouts cannot give.

``requests``' read timeout applies to each ``recv``: a server that drips one byte a second never
trips it and holds the crawl for as long as it likes.  A :class:`Deadline` watches the connection a
request runs on and, when time is up, shuts its socket down from a timer thread; the blocked read
returns at once and the fetcher reports a timeout.  :class:`DeadlineAdapter` is the ``requests``
adapter whose connection pools tell the active deadline which connection they handed out.
"""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

__all__ = ["Deadline", "DeadlineAdapter"]

_active = threading.local()
#: how often an expired deadline retries when the connection has no socket yet (still connecting)
_RETRY = 0.05


class Deadline:
    """``seconds`` for one request and its body; :meth:`cancel` it once the response is closed."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expires = time.monotonic() + seconds
        self.fired = False
        self._conn: Any = None
        self._response: Any = None
        self._cancelled = False
        self._lock = threading.Lock()
        self._timer = self._schedule(seconds)

    def _schedule(self, delay: float) -> threading.Timer:
        timer = threading.Timer(max(delay, 0.0), self._fire)
        timer.daemon = True
        timer.start()
        return timer

    @contextmanager
    def active(self) -> Iterator[Deadline]:
        """While inside, connections taken from a :class:`DeadlineAdapter` pool are watched."""
        _active.deadline = self
        try:
            yield self
        finally:
            _active.deadline = None

    def watch(self, conn: Any) -> None:
        """Watch a connection (while its request is sent and the headers are read)."""
        with self._lock:
            self._conn = conn

    def watch_response(self, raw: Any) -> None:
        """Watch a urllib3 response (its body): once headers are in, a closing connection drops its socket."""
        with self._lock:
            self._response = raw

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            self._conn = self._response = None
        self._timer.cancel()

    @property
    def expired(self) -> bool:
        return self.fired or time.monotonic() >= self.expires

    def _fire(self) -> None:
        with self._lock:
            if self._cancelled:
                return
            self.fired = True
            shutdown = getattr(self._response, "shutdown", None)  # urllib3 >= 2.3
            if shutdown is None:
                sock = getattr(self._conn, "sock", None)
                shutdown = sock and (lambda: sock.shutdown(socket.SHUT_RDWR))
            if not shutdown:  # not connected yet: the connect timeout runs; look again shortly
                self._timer = self._schedule(_RETRY)
                return
            try:
                shutdown()
            except OSError:
                pass


def _watched(pool_cls: type[HTTPConnectionPool]) -> type[HTTPConnectionPool]:
    class Watched(pool_cls):  # type: ignore[valid-type,misc]
        def _get_conn(self, timeout: float | None = None) -> Any:
            conn = super()._get_conn(timeout)
            deadline = getattr(_active, "deadline", None)
            if deadline is not None:
                deadline.watch(conn)
            return conn

    Watched.__name__ = f"Watched{pool_cls.__name__}"
    return Watched


_POOLS = {"http": _watched(HTTPConnectionPool), "https": _watched(HTTPSConnectionPool)}


class DeadlineAdapter(HTTPAdapter):
    """An ``HTTPAdapter`` whose pools report each connection to the active :class:`Deadline`."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_POOLS)
