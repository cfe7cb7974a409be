"""Draw chart pictures in a second process, which imports matplotlib while the first one loads,
validates and plans the deck: on two cores a cold build then waits for neither in turn."""

from __future__ import annotations

import multiprocessing as mp

from .charts import RadarData


def _serve(conn) -> None:
    from . import charts

    charts.warm_up()
    while True:
        message = conn.recv()
        if message is None:
            return
        key, data = message
        try:
            conn.send((key, charts.radar_png(data), None))
        except Exception as exc:  # the parent draws it itself
            conn.send((key, None, repr(exc)))


class ChartPool:
    """One worker process; `submit` sends a chart, `result` waits for its picture (or None)."""

    def __init__(self):
        ctx = mp.get_context("fork")
        self._conn, child = ctx.Pipe()
        self._process = ctx.Process(target=_serve, args=(child,), daemon=True, name="deckgen-charts")
        self._process.start()
        child.close()
        self._pending: set[str] = set()
        self._done: dict[str, bytes | None] = {}

    def submit(self, key: str, data: RadarData) -> None:
        if key not in self._pending and key not in self._done:
            self._pending.add(key)
            self._conn.send((key, data))

    def result(self, key: str) -> bytes | None:
        while key in self._pending:
            try:
                done, png, _ = self._conn.recv()
            except (EOFError, OSError):  # the worker died: draw the rest in this process
                self._pending.clear()
                break
            self._pending.discard(done)
            self._done[done] = png
        return self._done.get(key)

    def close(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(timeout=2)
        self._conn.close()
