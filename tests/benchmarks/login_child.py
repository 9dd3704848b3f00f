"""Child for startup.login_to_main_window: a scripted user logs in through the real start-up path.

    JINSHA_DATA_DIR=DIR QT_QPA_PLATFORM=offscreen python login_child.py DIR/demo.sqlite3

Runs `jinsha_desktop.gui.app.run_gui(database=...)` unchanged. A timer waits until the login
dialog is ready (the database opened behind it), types admin / DEMO_PASSWORD and clicks the login
button; the figure is the time from the click until the MainWindow's first Expose event has been
handled (Qt paints and flushes a widget window while handling it) — the first login of this
process, so it includes the imports the login path makes. Then, in the same process:

* raw: an empty QMainWindow of the same size, constructed and shown, timed the same way;
* File › Log out and a second login (everything already imported), timed the same way;
* argon2id alone: the product's PasswordHashing().verify and argon2-cffi's PasswordHasher().verify
  on a hash made with the product's parameters.

While logging in, auth.login and PasswordHashing.verify are wrapped (in this process only) to
time them, and the crash dialog is replaced by a report on stderr (nobody would close it).
Questions the program asks on the way (the checkpoint at the first login of a shift, a draft
left over) are answered as Enter would, at once, and listed in the result ("asked"): the figure
is the program's time, not a person's.
Prints one line `JINSHA-BENCH-LOGIN {json}` and ends the process.
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any, NoReturn

MARKER = "JINSHA-BENCH-LOGIN"
TIMEOUT_S = 60.0
SETTLE_MS = 150
"""Idle time before each click, so the click does not race the dialog's own start-up work."""

now = time.perf_counter


def fail(message: str) -> NoReturn:
    sys.stdout.flush()
    sys.stderr.write(f"login_child: {message}\n")
    sys.stderr.flush()
    os._exit(3)


def guarded(fn: Callable[..., None]) -> Callable[..., None]:
    """An exception here must not reach the product's crash dialog (it would wait forever)."""

    def call(*args: Any) -> None:
        try:
            fn(*args)
        except BaseException:  # noqa: BLE001
            fail(traceback.format_exc())

    return call


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    database = sys.argv[1]

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtGui import QWindow
    from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

    app = QApplication([sys.argv[0]])
    from jinsha_desktop.gui import app as gui_app

    def report_crash(_log_file: str) -> None:
        # The product's crash dialog would wait for a user who is not there: report and stop.
        def hook(kind: type[BaseException], value: BaseException, tb: Any) -> None:
            fail(
                "uncaught exception in the program:\n"
                + "".join(traceback.format_exception(kind, value, tb))
            )

        sys.excepthook = hook

    setattr(gui_app, "install_crash_handler", report_crash)  # noqa: B010

    results: dict[str, Any] = {"asked": []}

    class EnterPrompts(gui_app.Prompts):  # type: ignore[name-defined,misc]
        """A user who presses Enter at every question (the default answer), without delay."""

        def confirm(self, parent: Any, title: str, text: str, yes: str = "", **kw: Any) -> bool:
            results["asked"].append(title)
            return bool(kw.get("default_yes", False))

        def choose(
            self, parent: Any, title: str, text: str, buttons: Any, default: int, escape: int
        ) -> int:
            results["asked"].append(title)
            return default

        def choose_item(
            self, parent: Any, title: str, label: str, items: list[str], current: int
        ) -> int | None:
            results["asked"].append(title)
            return max(current, 0)

    setattr(gui_app, "Prompts", EnterPrompts)  # noqa: B010
    timings: dict[str, list[float]] = {"auth_login": [], "verify": []}
    keep: list[Any] = []

    class ExposeWatcher(QObject):
        def __init__(self, callback: Callable[[], None]) -> None:
            super().__init__()
            self.callback = callback
            self.fired = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if (
                not self.fired
                and event.type() == QEvent.Type.Expose
                and isinstance(watched, QWindow)
                and watched.isExposed()
            ):
                self.fired = True
                # Fires after the expose has been handled, i.e. after the window was painted.
                QTimer.singleShot(0, guarded(self.callback))
            return False

    def when_painted(widget: QWidget, callback: Callable[[], None]) -> None:
        handle = widget.windowHandle()
        if handle is None:
            fail(f"{type(widget).__name__} has no window handle after show()")
        if handle.isExposed():  # painted already (someone processed events during the click)
            QTimer.singleShot(0, guarded(callback))
            return
        watcher = ExposeWatcher(callback)
        keep.append(watcher)
        handle.installEventFilter(watcher)

    def visible(class_name: str) -> QWidget | None:
        for widget in QApplication.topLevelWidgets():
            if type(widget).__name__ == class_name and widget.isVisible():
                return widget
        return None

    def when_login_ready(callback: Callable[[Any], None]) -> None:
        deadline = now() + TIMEOUT_S

        def poll() -> None:
            login = visible("LoginDialog")
            if login is not None and login.ok_button.isEnabled():  # type: ignore[attr-defined]
                QTimer.singleShot(SETTLE_MS, guarded(lambda: callback(login)))
            elif now() > deadline:
                fail("the login dialog never became ready")
            else:
                QTimer.singleShot(10, guarded(poll))

        poll()

    def install_timers() -> None:
        from jinsha_desktop.domain.passwords import PasswordHashing

        auth: Any = sys.modules["jinsha_desktop.services.auth"]  # imported by the database job
        original_login = auth.login
        original_verify = PasswordHashing.verify

        def timed_login(*args: Any, **kwargs: Any) -> Any:
            t = now()
            try:
                return original_login(*args, **kwargs)
            finally:
                timings["auth_login"].append(now() - t)

        def timed_verify(self: Any, *args: Any, **kwargs: Any) -> Any:
            t = now()
            try:
                return original_verify(self, *args, **kwargs)
            finally:
                timings["verify"].append(now() - t)

        auth.login = timed_login
        PasswordHashing.verify = timed_verify  # type: ignore[method-assign]

    def log_in(login: Any, key: str, then: Callable[[], None]) -> None:
        from jinsha_desktop.services.demo import DEMO_PASSWORD

        login.form.username.setText("admin")
        login.form.password.setText(DEMO_PASSWORD)
        marks_before = len(timings["auth_login"])
        clicked = now()
        login.ok_button.click()
        returned = now()
        window = visible("MainWindow")
        if window is None:
            message = login.form.message.text() if login.form.message.isVisible() else ""
            fail(f"no MainWindow after clicking login {message}")
        if len(timings["auth_login"]) != marks_before + 1:
            fail("auth.login was not called exactly once")

        def painted() -> None:
            results[key] = {
                "total": now() - clicked,
                "click_returned": returned - clicked,
                "auth_login": timings["auth_login"][-1],
                "verify": timings["verify"][-1] if timings["verify"] else None,
            }
            then()

        when_painted(window, painted)

    def raw_window(then: Callable[[], None]) -> None:
        main_window = visible("MainWindow")
        assert main_window is not None
        size = main_window.size()
        started = now()
        window = QMainWindow()
        window.resize(size)
        window.show()
        keep.append(window)

        def painted() -> None:
            results["raw_main_window"] = now() - started
            window.close()
            then()

        when_painted(window, painted)

    def first_login() -> None:
        def ready(login: Any) -> None:
            install_timers()  # the database job has imported the services by now
            log_in(login, "first_login", after_first)

        when_login_ready(ready)

    def after_first() -> None:
        raw_window(log_out)

    def log_out() -> None:
        main_window = visible("MainWindow")
        assert main_window is not None
        main_window.form.action_logout.trigger()  # type: ignore[attr-defined]
        when_login_ready(lambda login: log_in(login, "second_login", finish))

    def finish() -> None:
        from argon2 import PasswordHasher

        from jinsha_desktop.domain.passwords import PasswordHashing
        from jinsha_desktop.services.demo import DEMO_PASSWORD

        product = PasswordHashing()
        library = PasswordHasher()
        stored = product.hash(DEMO_PASSWORD)
        product_times, library_times = [], []
        for _ in range(3):
            t = now()
            if not product.verify(stored, DEMO_PASSWORD):  # the timed wrapper; fine
                fail("PasswordHashing.verify refused the right password")
            product_times.append(now() - t)
            t = now()
            library.verify(stored, DEMO_PASSWORD)
            library_times.append(now() - t)
        results["argon2_product"] = sorted(product_times)[1]
        results["argon2_library"] = sorted(library_times)[1]
        app.exit(0)

    watchdog = QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(lambda: fail(f"no result after {TIMEOUT_S:g} s: {results}"))
    watchdog.start(int(TIMEOUT_S * 1000))
    QTimer.singleShot(0, guarded(first_login))
    code = gui_app.run_gui(database=database)
    if code != 0 or "second_login" not in results:
        fail(f"run_gui returned {code} with {results}")
    sys.stdout.write(f"{MARKER} {json.dumps(results)}\n")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
