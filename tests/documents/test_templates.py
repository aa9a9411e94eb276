from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE

from lscp_desktop.documents.docx_template import (
    DOCUMENT_TYPE,
    TEMPLATE_SETTING,
    TEMPLATE_TYPE,
    default_template_path,
    open_template,
)
from lscp_desktop.documents.errors import ExportError
from lscp_desktop.documents.files import export_minutes
from lscp_desktop.settings import stored as settings
from tests.documents.conftest import RATIONALE, ExportCase
from tests.documents.reading import docx_text


def letterhead(path: Path, *, drop_style: str | None = None, as_template: bool = False) -> Path:
    """A Business Unit letterhead: a header line, sample body text, maybe lacking a style."""
    document = docx.Document(str(default_template_path()))
    document.sections[0].header.paragraphs[0].text = "Leeds Safeguarding Children Partnership"
    document.add_paragraph("Sample text the letterhead came with")
    if drop_style:
        element = document.styles[drop_style].element
        element.getparent().remove(element)
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if as_template:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    content = content.replace(DOCUMENT_TYPE.encode(), TEMPLATE_TYPE.encode())
                target.writestr(item, content)
        data = out.getvalue()
    path.write_bytes(data)
    return path


def test_the_shipped_template_defines_every_style_the_minutes_use() -> None:
    document = docx.Document(str(default_template_path()))
    names = {s.name for s in document.styles}
    assert {"Title", "Heading 1", "Heading 2", "Table Grid", "Minutes Marking"} <= names
    assert document.styles["Minutes Note"].type == WD_STYLE_TYPE.PARAGRAPH


def test_a_dotx_letterhead_is_accepted_and_its_header_kept(
    export_case: ExportCase, tmp_path: Path
) -> None:
    template = letterhead(tmp_path / "letterhead.dotx", as_template=True)
    with pytest.raises(ValueError):
        docx.Document(str(template))  # python-docx alone refuses a template
    target = export_minutes(
        export_case.store, export_case.rag_id, tmp_path / "m.docx", template=template
    )
    document = docx.Document(str(target))
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert header[0] == "Leeds Safeguarding Children Partnership"
    assert "OFFICIAL-SENSITIVE" in header
    text = docx_text(target)
    assert RATIONALE in text
    assert "Sample text the letterhead came with" not in text


def test_the_template_chosen_in_settings_is_used(export_case: ExportCase, tmp_path: Path) -> None:
    template = letterhead(tmp_path / "letterhead.docx")
    with export_case.store.session() as session:
        settings.put(session, TEMPLATE_SETTING, str(template))
    target = export_minutes(export_case.store, export_case.rag_id, tmp_path / "m.docx")
    header = docx.Document(str(target)).sections[0].header.paragraphs
    assert header[0].text == "Leeds Safeguarding Children Partnership"


@pytest.mark.parametrize(
    ("name", "content"),
    [("notes.docx", b"this is plain text, not Word"), ("broken.docx", b"PK\x03\x04garbage")],
)
def test_a_template_that_is_not_word_is_refused_clearly_and_nothing_is_written(
    export_case: ExportCase, tmp_path: Path, name: str, content: bytes
) -> None:
    template = tmp_path / name
    template.write_bytes(content)
    target = tmp_path / "minutes.docx"
    target.write_bytes(b"the earlier export")
    with pytest.raises(ExportError, match=r"cannot be used: .*not a Word document.*\.dotx"):
        export_minutes(export_case.store, export_case.rag_id, target, template=template)
    assert target.read_bytes() == b"the earlier export"


def test_a_zip_that_is_not_a_word_document_is_refused(tmp_path: Path) -> None:
    template = tmp_path / "archive.docx"
    with zipfile.ZipFile(template, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(ExportError, match="not a Word document"):
        open_template(template)


def test_a_missing_template_file_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"gone\.dotx cannot be used: there is no such file"):
        open_template(tmp_path / "gone.dotx")


def test_a_template_missing_a_style_we_use_falls_back_to_ours(
    export_case: ExportCase, tmp_path: Path
) -> None:
    template = letterhead(tmp_path / "plain.docx", drop_style="Minutes Note")
    assert "Minutes Note" not in {s.name for s in docx.Document(str(template)).styles}
    target = export_minutes(
        export_case.store, export_case.rag_id, tmp_path / "m.docx", template=template
    )
    document = docx.Document(str(target))
    notes = [p for p in document.paragraphs if p.style.name == "Minutes Note"]
    assert notes, "the addendum note should use the style copied in from our template"
