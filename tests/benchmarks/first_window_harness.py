"""Child harness: run a Qt program and report the moment its first top-level window is on screen.

    python first_window_harness.py -m MODULE [ARGS...]   # like `python -m MODULE ARGS...`
    python first_window_harness.py SCRIPT.py [ARGS...]   # like `python SCRIPT.py ARGS...`

The harness wraps `QApplication.exec` (no change to the program under test): when the program
enters its event loop, an application-wide event filter waits for the first Expose event of a
top-level window. Qt paints and flushes a widget window synchronously while it handles that event,
so a zero-timer queued from the filter fires once the first window has been painted; it then
prints one marker line to stdout and ends the process at once with `os._exit`.

Marker line (the parent reads it; `perf_counter_ns` is only for cross-checks inside one process):

    JINSHA-BENCH-FIRST-WINDOW <ClassName of the window>

With JINSHA_BENCH_MODULES=1 in the environment it first prints the top-level modules imported
when that first Expose arrived, before the window handled it (tests/gui/test_startup_imports.py):

    JINSHA-BENCH-MODULES <name> <name> ...

Both the program and the raw comparison run through this same harness, so the harness costs
(importing runpy and PySide6.QtWidgets a little earlier than the program would, one Python event
filter while the event loop starts) are the same for both.
"""

from __future__ import annotations

import os
import runpy
import sys

MARKER = "JINSHA-BENCH-FIRST-WINDOW"
MODULES_MARKER = "JINSHA-BENCH-MODULES"


def _install_hook() -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtGui import QWindow
    from PySide6.QtWidgets import QApplication

    original_exec = QApplication.exec
    state: dict[str, object] = {}
    list_modules = os.environ.get("JINSHA_BENCH_MODULES") == "1"

    def note_modules() -> None:
        if list_modules:
            state["modules"] = sorted({name.partition(".")[0] for name in list(sys.modules)})

    def report(window: QWindow) -> None:
        name = type(window).__name__
        for widget in QApplication.topLevelWidgets():
            if widget.windowHandle() is window:
                name = type(widget).__name__
                break
        if "modules" in state:
            sys.stdout.write(f"{MODULES_MARKER} {' '.join(state['modules'])}\n")  # type: ignore[arg-type]
        sys.stdout.write(f"{MARKER} {name}\n")
        sys.stdout.flush()
        os._exit(0)

    class FirstExpose(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
            if (
                event.type() == QEvent.Type.Expose
                and "seen" not in state
                and isinstance(watched, QWindow)
                and watched.isTopLevel()
                and watched.isExposed()
            ):
                state["seen"] = True
                note_modules()
                QTimer.singleShot(0, lambda: report(watched))
            return False

    def timed_exec(self: QApplication | None = None) -> int:
        app = QApplication.instance()
        assert app is not None
        watcher = FirstExpose()
        state["watcher"] = watcher  # kept alive
        app.installEventFilter(watcher)
        # A window already exposed before the loop started (a program calling processEvents()).
        for widget in QApplication.topLevelWidgets():
            handle = widget.windowHandle()
            if widget.isVisible() and handle is not None and handle.isExposed():
                state["seen"] = True
                note_modules()
                QTimer.singleShot(0, lambda h=handle: report(h))
                break
        return original_exec()

    QApplication.exec = timed_exec  # type: ignore[method-assign]


def main() -> None:
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    _install_hook()
    if args[0] == "-m":
        if len(args) < 2:
            sys.exit("-m needs a module name")
        module = args[1]
        sys.argv = [module, *args[2:]]
        sys.path[0] = os.getcwd()  # what `python -m` puts first
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    else:
        path = args[0]
        sys.argv = [path, *args[1:]]
        sys.path[0] = os.path.dirname(os.path.abspath(path))
        runpy.run_path(path, run_name="__main__")


if __name__ == "__main__":
    main()
