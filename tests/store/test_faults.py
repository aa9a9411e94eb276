"""Faults: power cut (kill -9), full disk, read-only folder, and what the app writes to disk."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lscp_desktop.models import Case, Child, MinuteItem
from lscp_desktop.store import backups
from lscp_desktop.store.database import (
    StorageFull,
    StorageReadOnly,
    Store,
    open_store,
)
from lscp_desktop.store.integrity import check_database
from tests.conftest import PASSPHRASE
from tests.store.cli import REPO, run
from tests.store.records import add_meeting

pytestmark = pytest.mark.slow

AUTOSAVES = """
import sys
from pathlib import Path
from sqlalchemy import select
from lscp_desktop.models import MinuteItem
from lscp_desktop.store.database import open_store
store = open_store(Path(sys.argv[1]), sys.argv[2])
n = 0
while True:
    n += 1
    with store.session() as session:
        session.scalars(select(MinuteItem)).one().text = f"autosave {n}"
    print(n, flush=True)  # acknowledged: the commit has returned
"""

BIG_IMPORT = """
import sys, time
from pathlib import Path
from sqlalchemy import select
from lscp_desktop.models import Meeting, MinuteItem
from lscp_desktop.store.database import open_store
store = open_store(Path(sys.argv[1]), sys.argv[2])
with store.session() as session:
    meeting = session.get_one(Meeting, "m1")
    for i in range(3000):
        meeting.minutes.append(MinuteItem(item=f"item {i}", text="imported " * 20))
    session.flush()
    print("written, not committed", flush=True)
    time.sleep(120)
"""


REAL_IMPORT = """
import copy, sys, time
from pathlib import Path
from lscp_desktop.interchange import import_document
from lscp_desktop.store.database import open_store
from tests.interchange.documents import rich_document
store = open_store(Path(sys.argv[1]), sys.argv[2])
document = rich_document()
template = document["cases"][1]
document["cases"] = []
for n in range(200):
    case = copy.deepcopy(template)
    case["reference"] = f"IMPORT-{n:03d}"
    for meeting in case["meetings"]:
        meeting["id"] = f"{meeting['id']}-{n}"
    document["cases"].append(case)
with store.session() as session:
    import_document(session, document)  # flushed, every row written to the WAL
    print("imported, not committed", flush=True)
    time.sleep(120)
"""


def child(script: str, db_path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, str(db_path), PASSPHRASE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def test_power_cut_during_autosaves_loses_nothing_acknowledged(store: Store, db_path: Path) -> None:
    add_meeting(store)
    store.close()
    process = child(AUTOSAVES, db_path)
    assert process.stdout is not None
    acknowledged = 0
    while acknowledged < 40:
        line = process.stdout.readline()
        assert line, process.stderr.read() if process.stderr else ""
        acknowledged = int(line)
    process.send_signal(signal.SIGKILL)
    process.wait()

    reopened = open_store(db_path, PASSPHRASE)
    with reopened.session() as session:
        saved = int(session.scalars(select(MinuteItem.text)).one().split()[-1])
    reopened.close()
    assert saved >= acknowledged
    report = check_database(db_path, PASSPHRASE)
    assert report.ok, report.problems


def test_power_cut_during_a_big_import_leaves_nothing_half_done(
    store: Store, db_path: Path
) -> None:
    add_meeting(store)
    store.close()
    process = child(BIG_IMPORT, db_path)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "written, not committed"
    process.send_signal(signal.SIGKILL)
    process.wait()

    reopened = open_store(db_path, PASSPHRASE)
    with reopened.session() as session:
        assert session.scalar(select(func.count()).select_from(MinuteItem)) == 1
    reopened.close()
    report = check_database(db_path, PASSPHRASE)
    assert report.ok, report.problems


def test_power_cut_during_a_real_interchange_import_leaves_nothing_half_done(
    store: Store, db_path: Path
) -> None:
    add_meeting(store)
    store.close()
    process = child(REAL_IMPORT, db_path)
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    assert line == "imported, not committed", process.stderr.read() if process.stderr else ""
    process.send_signal(signal.SIGKILL)
    process.wait()

    reopened = open_store(db_path, PASSPHRASE)
    with reopened.session() as session:
        references = list(session.scalars(select(Case.reference)))
    reopened.close()
    assert references == ["LSCP-1"]  # only what was there before the import
    report = check_database(db_path, PASSPHRASE)
    assert report.ok, report.problems


@contextlib.contextmanager
def mounted(*options: str) -> Iterator[Path]:
    """A fresh mount point with `mount` run with `options`, unmounted afterwards."""
    point = Path(tempfile.mkdtemp(prefix="lscp-mount-"))
    result = subprocess.run(
        ["mount", *options, str(point)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        point.rmdir()
        pytest.skip(f"cannot mount here ({result.stderr.strip() or 'not permitted'})")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)
        with contextlib.suppress(OSError):
            point.rmdir()


def test_disk_full_while_typing_is_reported_and_the_text_saved_when_space_returns() -> None:
    with mounted("-t", "tmpfs", "-o", "size=3m", "tmpfs") as disk:
        db_path = disk / "store.db"
        store = open_store(db_path, PASSPHRASE)
        try:
            add_meeting(store)
            filler = disk / "filler"
            with open(filler, "wb", buffering=0) as handle, contextlib.suppress(OSError):
                while True:
                    handle.write(b"\0" * 65536)
                    handle.flush()
            typed = "The chair summarised the partners' views. " * 5000  # about 200 KB

            with pytest.raises(StorageFull, match=r"disk .* is full"), store.session() as session:
                session.scalars(select(MinuteItem)).one().text = typed
            with store.session() as session:  # what was committed before is intact
                assert session.scalars(select(MinuteItem.text)).one() == "The partners discussed."

            filler.unlink()  # the fault clears; the text still on screen is saved
            with store.session() as session:
                session.scalars(select(MinuteItem)).one().text = typed
            with store.session() as session:
                assert session.scalars(select(MinuteItem.text)).one() == typed
        finally:
            store.close()
        report = check_database(db_path, PASSPHRASE)
        assert report.ok, report.problems


def test_read_only_data_folder_gets_a_clear_message_and_nothing_changes(
    store: Store, db_path: Path
) -> None:
    add_meeting(store)
    store.close()
    before = {path.name: path.read_bytes() for path in db_path.parent.iterdir() if path.is_file()}
    with mounted("--bind", "-o", "ro", str(db_path.parent)) as read_only:
        with pytest.raises(StorageReadOnly, match="cannot be written to"):
            open_store(read_only / db_path.name, PASSPHRASE)
        result = run("list", "--db", str(read_only / db_path.name))
        assert result.returncode == 1
        assert "cannot be written to" in result.stderr and "Traceback" not in result.stderr
    after = {path.name: path.read_bytes() for path in db_path.parent.iterdir() if path.is_file()}
    assert after == before


def test_read_only_data_folder_as_an_unprivileged_user(store: Store, db_path: Path) -> None:
    """CI runs as root, which ignores permissions: run the command line as `nobody`."""
    if shutil.which("runuser") is None or os.geteuid() != 0:
        pytest.skip("needs root and runuser to act as the unprivileged user 'nobody'")
    probe = subprocess.run(
        ["runuser", "-u", "nobody", "--", sys.executable, "-c", "import sqlcipher3, sqlalchemy"],
        capture_output=True,
        text=True,
        check=False,
        cwd="/",
    )
    if probe.returncode != 0:
        pytest.skip(f"user 'nobody' cannot run this Python: {probe.stderr.strip()[-200:]}")
    add_meeting(store)
    store.close()
    folder = Path(tempfile.mkdtemp(prefix="lscp-readonly-"))
    try:
        shutil.copytree(db_path.parent, folder / "data")
        os.chmod(folder, 0o755)
        (folder / "data").chmod(0o755)  # root's folder: nobody may read, not write
        for path in (folder / "data").iterdir():
            if path.is_file():
                path.chmod(0o644)
        before = (folder / "data" / db_path.name).read_bytes()
        result = subprocess.run(
            [
                "runuser",
                "-u",
                "nobody",
                "--",
                sys.executable,
                "-m",
                "lscp_desktop",
                "list",
                "--db",
                str(folder / "data" / db_path.name),
            ],
            capture_output=True,
            text=True,
            check=False,
            cwd="/",
            env={**os.environ, "PYTHONPATH": str(REPO), "HOME": str(folder)},
        )
        assert result.returncode == 1, result.stdout
        assert "cannot be written to" in result.stderr and "Traceback" not in result.stderr
        assert (folder / "data" / db_path.name).read_bytes() == before
    finally:
        shutil.rmtree(folder)


def test_a_marker_typed_into_the_minutes_is_in_no_file_the_app_wrote(
    store: Store, db_path: Path
) -> None:
    marker = "MARKER-Zq7-child-real-name"
    add_meeting(store)
    with store.session() as session:
        session.scalars(select(MinuteItem)).one().text = f"Discussed {marker} at length."
        case = session.scalars(select(Case)).one()
        case.children.append(Child(pseudonym="Child A", name=marker))
        case.summary = marker * 10
    backups.backup_now(store, "concluded")

    def scan() -> list[Path]:
        written = [path for path in db_path.parent.rglob("*") if path.is_file()]
        needles = (marker.encode(), marker.encode("utf-16-le"))
        return [p for p in written if any(needle in p.read_bytes() for needle in needles)]

    assert db_path.with_name(db_path.name + "-wal").exists()
    assert scan() == []  # while open: the -wal and -shm too
    store.close()
    files = sorted(path.name for path in db_path.parent.rglob("*") if path.is_file())
    assert any(name.endswith(".keys") for name in files)
    assert any(name.endswith(".seal") for name in files)
    assert scan() == []


def test_disk_full_during_import_and_demo_is_one_line_and_the_store_still_opens(
    tmp_path: Path,
) -> None:
    from tests.interchange.documents import rich_document
    from tests.store.cli import run

    with mounted("-t", "tmpfs", "-o", "size=3m", "tmpfs") as disk:
        db_path = disk / "store.db"
        assert run("demo", "--db", str(db_path)).returncode == 0
        document = rich_document()
        document["cases"][0]["summary"] = "A long history of agency contact. " * 30000  # ~1 MB
        source = tmp_path / "big.json"
        source.write_text(json.dumps(document))
        filler = disk / "filler"
        with open(filler, "wb", buffering=0) as handle, contextlib.suppress(OSError):
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        for args in (("import", str(source)), ("demo",)):
            result = run(*args, "--db", str(db_path))
            assert result.returncode == 1, result.stderr
            assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
            assert "is full" in result.stderr and "damaged" not in result.stderr
        filler.unlink()
        listed = run("list", "--db", str(db_path))
        assert listed.returncode == 0, listed.stderr
