"""One atomic write for every file the app writes: synced, renamed, and the rename synced."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from lscp_desktop.files import writing
from lscp_desktop.store import keys, seal


def test_an_atomic_write_syncs_the_file_and_then_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def recording_fsync(descriptor: int) -> None:
        synced.append("folder" if stat.S_ISDIR(os.fstat(descriptor).st_mode) else "file")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "minutes.docx"
    writing.write_atomically(target, b"new minutes")
    assert target.read_bytes() == b"new minutes"
    assert synced == ["file", "folder"]  # the rename itself survives a power cut
    assert [p.name for p in folder.iterdir()] == ["minutes.docx"]  # no temporary left


def test_the_key_file_and_the_seal_are_written_by_the_same_atomic_write() -> None:
    assert keys.write_atomically is writing.write_atomically
    assert seal.write_atomically is writing.write_atomically
