"""The background job runner: work off the GUI thread, results back on it, nothing lost."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from lscp_desktop.ui.job_status import JobStatus
from lscp_desktop.ui.jobs import Job, JobRunner, Progress


def test_jobs_run_off_the_gui_thread_in_order_and_finish_on_it(qtbot: QtBot) -> None:
    runner = JobRunner()
    gui = threading.get_ident()
    ran_on: list[int] = []
    done: list[tuple[str, int]] = []

    def work(name: str):  # type: ignore[no-untyped-def]
        def run(_progress: Progress) -> str:
            ran_on.append(threading.get_ident())
            return name

        return run

    for name in ("first", "second", "third"):
        runner.run(Job(name, work(name), lambda value: done.append((value, threading.get_ident()))))
    qtbot.waitUntil(lambda: len(done) == 3, timeout=5000)
    assert [value for value, _ in done] == ["first", "second", "third"]
    assert all(thread == gui for _, thread in done)
    assert gui not in ran_on
    assert not runner.busy


def test_a_failing_job_is_reported_and_the_next_still_runs(qtbot: QtBot) -> None:
    runner = JobRunner()
    told: list[tuple[str, str]] = []
    runner.job_failed.connect(lambda name, error: told.append((name, error)))
    handled: list[str] = []

    def broken(_progress: Progress) -> None:
        raise OSError("No space left on device")

    runner.run(Job("Exporting minutes", broken))
    runner.run(Job("Backing up", broken, failed=lambda error: handled.append(str(error))))
    after: list[int] = []
    runner.run(Job("Counting", lambda _p: 3, after.append))
    qtbot.waitUntil(lambda: after == [3], timeout=5000)
    assert told == [("Exporting minutes", "No space left on device")]
    assert handled == ["No space left on device"]


def test_progress_is_shown_in_the_status_widget_and_wait_finishes_everything(
    qtbot: QtBot,
) -> None:
    runner = JobRunner()
    status = JobStatus(runner)
    qtbot.addWidget(status)
    go_on = threading.Event()
    seen: list[tuple[str, int, int]] = []
    runner.progressed.connect(lambda _name, text, done, total: seen.append((text, done, total)))

    def pages(progress: Progress) -> int:
        progress.update("page 1 of 2", 1, 2)
        go_on.wait(5)
        progress.update("page 2 of 2", 2, 2)
        return 2

    results: list[int] = []
    runner.run(Job("Writing the annual report", pages, results.append))
    assert not status.isHidden()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert status.label.text() == "Writing the annual report: page 1 of 2"
    assert (status.bar.value(), status.bar.maximum()) == (1, 2)
    go_on.set()
    runner.wait()  # as at quit: returns with the job done and its result delivered
    assert results == [2]
    assert not runner.busy
    qtbot.waitUntil(status.isHidden, timeout=2000)
