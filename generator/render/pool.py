"""Draw chart pictures in a second process while the first one plans and renders the deck: on
two cores a cold build then waits for neither in turn. The worker draws and encodes each
chart; a thread of the first process takes the pictures as they arrive.

The process is started with "spawn", which every OS has (Windows has no fork, and macOS
forbids fork after threads), and only when a chart must be drawn: a build whose charts are
all in the cache starts no process."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .charts import RadarData


def _serve(conn) -> None:
    from . import charts

    charts.warm_up()
    while True:
        message = conn.recv()
        if message is None:
            return
        key, data = message
        if key is None:  # a style to get ready while the deck is planned
            try:
                charts.prepare(data)
            except Exception:  # its charts will say what is wrong
                pass
            continue
        try:
            conn.send((key, charts.radar_png(data)))
        except Exception:  # the parent draws it itself
            conn.send((key, None))


class ChartPool:
    """One worker process; `submit` sends a chart, `result` waits for its PNG (or None).

    A thread reads the worker's pictures as they come, so neither side ever waits on a full
    pipe while the other waits on it."""

    def __init__(self):
        self._conn = None
        self._process = None
        self._pending: set[str] = set()
        self._done: dict[str, bytes | None] = {}
        self._ready = threading.Condition()
        self._reader: threading.Thread | None = None
        self._dead = False

    def _start(self) -> bool:
        """Start the worker if it is not running yet; False if it cannot be started."""
        if self._process is None and not self._dead:
            try:
                import multiprocessing

                ctx = multiprocessing.get_context(START_METHOD)
                self._conn, child = ctx.Pipe()
                self._process = ctx.Process(target=_serve, args=(child,), daemon=True, name="deckgen-charts")
                self._process.start()
                child.close()
            except (OSError, RuntimeError, ValueError):  # no processes here: the first process draws
                self._dead = True
        return not self._dead

    def _read(self) -> None:
        while True:
            try:
                key, png = self._conn.recv()
            except (EOFError, OSError):
                with self._ready:
                    self._dead = True
                    self._ready.notify_all()
                return
            with self._ready:
                self._done[key] = png
                self._ready.notify_all()

    def submit(self, key: str, data: RadarData) -> None:
        if key in self._pending or not self._start():
            return
        if self._reader is None:
            self._reader = threading.Thread(target=self._read, daemon=True, name="deckgen-chart-reader")
            self._reader.start()
        self._pending.add(key)
        try:
            self._conn.send((key, data))
        except (OSError, ValueError):
            self._pending.discard(key)

    def prepare(self, data: RadarData) -> None:
        """Have the worker draw the ground of this chart's style now, before any chart is asked for."""
        if self._start():
            try:
                self._conn.send((None, data))
            except (OSError, ValueError):
                pass

    def result(self, key: str) -> bytes | None:
        if key not in self._pending:
            return None
        with self._ready:
            while key not in self._done and not self._dead:
                self._ready.wait()
            return self._done.get(key)

    @property
    def started(self) -> bool:
        return self._process is not None

    def close(self) -> None:
        if self._process is None:
            return
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(timeout=2)
        self._conn.close()


START_METHOD = "spawn"

_early: ChartPool | None = None


def start_early() -> None:
    """Start the process that `shared()` will hand out (the console script calls this first,
    when the build will draw charts for certain)."""
    global _early
    if _early is None:
        _early = ChartPool()
        _early._start()


def shared() -> ChartPool:
    """The pool started early, or a new one that starts when a chart must be drawn."""
    global _early
    pool, _early = _early, None
    return pool or ChartPool()
