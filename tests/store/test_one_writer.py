"""One writer per database: the two data-loss reproductions of issue 13 and the lock's rules."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select

from lscp_desktop.models import AuditEntry, MinuteItem
from lscp_desktop.store import backups, interrupted_restore, writer_lock
from lscp_desktop.store.database import DatabaseInUse, Store, open_store
from lscp_desktop.store.integrity import check_database
from tests.conftest import PASSPHRASE
from tests.store.cli import REPO, run
from tests.store.records import add_meeting


def minutes_text(store: Store) -> str:
    with store.session() as session:
        return session.scalars(select(MinuteItem.text)).one()


def set_minutes(store: Store, text: str) -> None:
    with store.session() as session:
        session.scalars(select(MinuteItem)).one().text = text


def test_restore_while_the_app_is_open_is_refused_and_nothing_typed_is_lost(
    store: Store, db_path: Path
) -> None:
    add_meeting(store)
    backup = backups.backup_now(store, "concluded")
    set_minutes(store, "typed after the backup: ninety acknowledged characters")

    result = run("restore", str(backup), "--db", str(db_path))

    assert result.returncode == 1
    assert "open for changes elsewhere" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    # The app goes on saving into the file that is on disk, and it is all there later.
    set_minutes(store, "typed after the refused restore")
    store.close()
    reopened = open_store(db_path, PASSPHRASE)
    assert minutes_text(reopened) == "typed after the refused restore"
    reopened.close()


def test_a_second_instance_is_refused_so_one_never_overwrites_the_other(
    store: Store, db_path: Path
) -> None:
    add_meeting(store)
    with pytest.raises(DatabaseInUse) as refused:
        open_store(db_path, PASSPHRASE)
    message = str(refused.value)
    assert f"process {os.getpid()}" in message and socket.gethostname() in message
    set_minutes(store, "the first instance's text")
    store.close()
    second = open_store(db_path, PASSPHRASE)  # free once the first has closed
    assert minutes_text(second) == "the first instance's text"
    second.close()


def test_a_second_gui_is_told_plainly_and_does_not_open_the_database(
    store: Store, db_path: Path
) -> None:
    add_meeting(store)
    result = run("--db", str(db_path), "--smoke-test", QT_QPA_PLATFORM="offscreen")
    assert result.returncode == 1
    assert "open for changes elsewhere" in result.stderr
    assert "close the other one first" in result.stderr


def test_a_second_writing_command_says_so_in_one_line_but_reading_works(
    store: Store, db_path: Path
) -> None:
    add_meeting(store)
    writing = run("demo", "--db", str(db_path))
    assert writing.returncode == 1
    assert writing.stderr.startswith("lscp-desktop: ")
    assert len(writing.stderr.strip().splitlines()) == 1
    assert "open for changes elsewhere" in writing.stderr
    reading = run("list", "--db", str(db_path))
    assert reading.returncode == 0, reading.stderr
    assert "LSCP-1" in reading.stdout


def test_the_lock_is_released_by_the_kernel_when_its_holder_is_killed(db_path: Path) -> None:
    open_store(db_path, PASSPHRASE).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from lscp_desktop.store.database import open_store\n"
            f"store = open_store(Path({str(db_path)!r}), {PASSPHRASE!r})\n"
            "print('open', flush=True)\n"
            "time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        with pytest.raises(DatabaseInUse, match=f"process {holder.pid}"):
            open_store(db_path, PASSPHRASE)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert writer_lock.lock_path(db_path).exists()  # left behind, and harmless
    open_store(db_path, PASSPHRASE).close()


def test_a_restore_killed_after_the_swap_is_audited_at_the_next_start(
    store: Store, db_path: Path
) -> None:
    add_meeting(store)
    backup = backups.backup_now(store, "concluded")
    set_minutes(store, "written after the backup")
    store.close()
    script = textwrap.dedent(
        f"""
        import os
        from pathlib import Path
        from lscp_desktop.store import backups
        backups.install_companions = lambda *args, **kwargs: os._exit(9)  # killed after the swap
        backups.restore(Path({str(db_path)!r}), Path({str(backup)!r}), {PASSPHRASE!r})
        """
    )
    killed = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=False,
        capture_output=True,
    )
    assert killed.returncode == 9
    assert interrupted_restore.marker_path(db_path).exists()

    restored = open_store(db_path, PASSPHRASE)
    try:
        assert minutes_text(restored) == "The partners discussed."
        with restored.session() as session:
            last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert last is not None and last.action == "restored"
        assert backup.name in last.detail and "interrupted" in last.detail
    finally:
        restored.close()
    assert not interrupted_restore.marker_path(db_path).exists()
    assert check_database(db_path, PASSPHRASE).ok


def test_a_restore_killed_before_the_swap_leaves_the_database_as_it_was(
    store: Store, db_path: Path
) -> None:
    add_meeting(store)
    backup = backups.backup_now(store, "concluded")
    set_minutes(store, "written after the backup")
    store.close()
    staging = db_path.with_name(f".{db_path.name}.restoring")
    staging.write_bytes(backup.read_bytes())
    interrupted_restore.note_pending(db_path, backup, None, staging)

    reopened = open_store(db_path, PASSPHRASE)
    assert minutes_text(reopened) == "written after the backup"
    reopened.close()
    assert not staging.exists()
    assert not interrupted_restore.marker_path(db_path).exists()
