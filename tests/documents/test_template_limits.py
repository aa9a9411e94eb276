"""A Word template cannot unpack without bound, nor make the minutes reach outside the file."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from lscp_desktop.documents.docx_template import open_template
from lscp_desktop.documents.errors import ExportError
from tests.documents.test_templates import letterhead

_REMOTE = (
    b'<Relationship Id="rId99" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
    b'Target="https://tracker.example/pixel.png" TargetMode="External"/>'
)


def _with_changes(path: Path, extra: dict[str, bytes], rels_suffix: bytes = b"") -> Path:
    source = path.read_bytes()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as old,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for item in old.infolist():
            content = old.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels" and rels_suffix:
                content = content.replace(b"</Relationships>", rels_suffix + b"</Relationships>")
            new.writestr(item, content)
        for name, content in extra.items():
            new.writestr(name, content)
    path.write_bytes(out.getvalue())
    return path


def test_a_zip_bomb_template_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    bomb = _with_changes(
        letterhead(tmp_path / "bomb.docx"), {"word/media/padding.bin": b"\0" * (200 * 2**20)}
    )
    assert bomb.stat().st_size < 2 * 2**20  # small on disk, 200 MB unpacked
    with pytest.raises(ExportError, match=r"unpacks to 2\d\d MB, more than the 100 MB"):
        open_template(bomb)


def test_a_template_s_remote_relationships_are_dropped(tmp_path: Path) -> None:
    remote = _with_changes(letterhead(tmp_path / "remote.docx"), {}, rels_suffix=_REMOTE)
    document = open_template(remote)
    targets = [rel.target_ref for rel in document.part.rels.values()]
    assert "https://tracker.example/pixel.png" not in targets
    assert all(not rel.is_external for rel in document.part.rels.values())
