"""Draw chart pictures in a second process while the first one plans and renders the deck: on
two cores a cold build then waits for neither in turn. The worker draws and encodes each
chart; a thread of the first process takes the pictures as they arrive.

The worker is a fresh interpreter (`python -c ...` through subprocess, as every OS starts one:
no fork, which Windows lacks and macOS forbids after threads), talking in pickled messages
over its standard input and output; it is started only when a chart must be drawn, so a
build whose charts are all in the cache starts none. A fresh interpreter starts in a tenth
of the time multiprocessing's spawn takes, which a cold build waits for."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .charts import RadarData


def serve() -> None:
    """The worker (in its own interpreter): asks for work on its standard output, draws what
    it is given on its standard input, sends the picture back and asks again."""
    import pickle
    import sys

    from . import charts

    inbox, outbox = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # anything printed by mistake must not break the messages

    def send(message) -> None:
        pickle.dump(message, outbox, protocol=pickle.HIGHEST_PROTOCOL)
        outbox.flush()

    charts.warm_up()
    send(("ready", None, None))
    while True:
        try:
            message = pickle.load(inbox)
        except (EOFError, OSError):
            return
        if message is None:
            return
        kind, key, data = message
        if kind == "style":  # a style to get ready while the deck is planned
            try:
                charts.prepare(data)
            except Exception:  # its charts will say what is wrong
                pass
            send(("ready", None, None))
            continue
        try:
            png = charts.radar_png(data)
        except Exception:  # the first process draws it itself, and says what is wrong
            png = None
        send(("done", key, png))


STEAL = 8  # queued charts from which this process helps: its first one costs it the charts' ground (four charts' time)
STEAL_READY = 2  # ... and once it has the ground
WORKER = "import sys; sys.path.insert(0, {root!r}); from generator.render.pool import serve; serve()"


class ChartPool:
    """One worker process sharing the charts to draw with this process.

    `submit` queues a chart; the worker takes the charts one at a time, in the order they were
    queued, whenever it is free. `result` returns a chart's PNG (None: draw it yourself). Where
    the worker has many charts to draw before it (or this process has drawn the charts' ground
    already), this process draws the chart asked for itself, or, while the worker draws that
    one, the last queued ones, so that the two finish together. A thread reads
    the worker's messages as they come, so neither side ever waits on a full pipe."""

    def __init__(self):
        self._process = None
        self._queue: list[tuple[str, str | None, RadarData]] = []  # ("style" or "chart", key, data), not yet taken
        self._known: set[str] = set()  # every chart submitted
        self._done: dict[str, bytes | None] = {}
        self._idle = False  # the worker waits for work
        self._lock = threading.Condition()
        self._reader: threading.Thread | None = None
        self._dead = False

    def _start(self) -> bool:
        """Start the worker if it is not running yet; False if it cannot be started."""
        if self._process is None and not self._dead:
            try:
                import subprocess
                import sys
                from pathlib import Path

                root = str(Path(__file__).resolve().parent.parent.parent)  # where `generator` is imported from
                self._process = subprocess.Popen([sys.executable, "-c", WORKER.format(root=root)], stdin=subprocess.PIPE,
                                                 stdout=subprocess.PIPE)
            except (OSError, ValueError):  # no processes here: the first process draws
                self._dead = True
                return False
            self._reader = threading.Thread(target=self._read, daemon=True, name="deckgen-chart-reader")
            self._reader.start()
        return not self._dead

    def _read(self) -> None:
        import pickle

        while True:
            try:
                kind, key, png = pickle.load(self._process.stdout)
            except Exception:  # the worker ended (or sent nonsense): this process draws the rest
                with self._lock:
                    self._dead = True
                    self._lock.notify_all()
                return
            with self._lock:
                if kind == "done":
                    self._done[key] = png
                self._idle = True
                self._give()
                self._lock.notify_all()

    def _give(self) -> None:
        """Hand the worker the next piece of work if it waits for some (the lock held)."""
        if self._idle and self._queue and not self._dead:
            import pickle

            try:
                pickle.dump(self._queue.pop(0), self._process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                self._process.stdin.flush()
                self._idle = False
            except (OSError, ValueError):
                self._dead = True

    def submit(self, key: str, data: RadarData) -> None:
        with self._lock:
            if key in self._known or not self._start():
                return
            self._known.add(key)
            self._queue.append(("chart", key, data))
            self._give()

    def prepare(self, data: RadarData) -> None:
        """Have the worker draw the ground of this chart's style first, before any chart is asked for."""
        with self._lock:
            if self._start():
                self._queue.insert(0, ("style", None, data))
                self._give()

    def result(self, key: str) -> bytes | None:
        """The chart's PNG: the worker's, or drawn here; None for a chart never submitted (or
        that could not be drawn), which the caller draws itself."""
        from . import charts

        while True:
            with self._lock:
                if key not in self._known:
                    return None
                if key in self._done:
                    return self._done[key]
                waiting = [item for item in self._queue if item[0] == "chart"]
                # drawing here pays where this process has the charts' ground, or the worker has many to draw first
                enough = STEAL_READY if waiting and charts.ready(waiting[-1][2]) else STEAL
                mine = next((item for n, item in enumerate(self._queue) if item[1] == key and (self._dead or n + 1 >= enough)), None)
                if mine is None and key not in (item[1] for item in self._queue) and len(waiting) >= enough:
                    mine = waiting[-1]  # the worker draws the one asked for: meanwhile, draw the last one it has not taken
                if mine is not None:
                    self._queue.remove(mine)
                elif self._dead:
                    return self._done.get(key)
                else:
                    self._lock.wait()
                    continue
            try:
                png = charts.radar_png(mine[2])
            except Exception:
                png = None  # drawn again by the caller, which says what is wrong
            with self._lock:
                self._done[mine[1]] = png
                self._lock.notify_all()

    @property
    def started(self) -> bool:
        return self._process is not None

    def close(self) -> None:
        """Stop the worker (it keeps nothing worth waiting for)."""
        if self._process is None:
            return
        try:
            self._process.stdin.close()
        except OSError:
            pass
        self._process.terminate()
        self._process.wait()
        if self._reader is not None:
            self._reader.join(timeout=2)  # it ends at the end of the worker's output
        self._process.stdout.close()


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
