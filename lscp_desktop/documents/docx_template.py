"""Opening the Word template the minutes are built on: ours, or the Business Unit's letterhead.

A `.dotx` is a `.docx` with another content type, so we relabel it in memory. A template that is
not a Word file is refused with a message naming it; a style we use that the template lacks is
copied in from our own template, so a letterhead only needs the styles it wants to change.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import docx

from lscp_desktop.documents.errors import ExportError
from lscp_desktop.files.resources import resource_path

TEMPLATE_SETTING = "minutes_template"  # a path, or empty for the built-in template
DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"

# A letterhead with a logo is well under 1 MB; these bounds leave room for a large one.
MAX_TEMPLATE_BYTES = 20 * 2**20
MAX_TEMPLATE_UNPACKED_BYTES = 100 * 2**20
MAX_TEMPLATE_PARTS = 1000
# A relationship whose target is outside the package: a remote image, a linked file.
_EXTERNAL = re.compile(rb"<Relationship\b[^>]*\bTargetMode\s*=\s*[\"']External[\"'][^>]*/>")

# Every style the minutes writer asks for by name.
STYLES_USED = (
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Header",
    "Footer",
    "Strong",
    "Table Grid",
    "Table Text",
    "Table Heading",
    "Minutes Marking",
    "Minutes Note",
    "Minutes Draft",
)


def default_template_path() -> Path:
    return resource_path("templates", "minutes-template.docx")


def _refuse(path: Path, why: str) -> ExportError:
    return ExportError(
        f"The minutes template {path} cannot be used: {why}. Choose a Word document (.docx) or "
        "template (.dotx) in Settings, or clear the setting to use the built-in template."
    )


def _as_document_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_TEMPLATE_BYTES:
            raise _refuse(path, f"it is larger than {MAX_TEMPLATE_BYTES // 2**20} MB")
        raw = path.read_bytes()
    except OSError as error:
        raise _refuse(path, error.strerror or "it cannot be read") from error
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise _refuse(path, "it is not a Word document")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            _refuse_bomb(path, archive)
            types = archive.read("[Content_Types].xml").decode("utf-8")
            # Rewrite the archive: the main part relabelled as a document (a .dotx), and no
            # relationship reaching outside the file (a remote image or a link to a share
            # would be fetched by Word when the minutes are opened, telling whoever runs
            # that server who read them, and when).
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy_to:
                for item in archive.infolist():
                    data = archive.read(item.filename)
                    if item.filename == "[Content_Types].xml":
                        data = types.replace(TEMPLATE_TYPE, DOCUMENT_TYPE).encode("utf-8")
                    elif item.filename.endswith(".rels"):
                        data = _EXTERNAL.sub(b"", data)
                    copy_to.writestr(item, data)
            return out.getvalue()
    except (KeyError, zipfile.BadZipFile, UnicodeDecodeError) as error:
        raise _refuse(path, "it is not a Word document") from error


def _refuse_bomb(path: Path, archive: zipfile.ZipFile) -> None:
    """Bound what unpacking may cost before python-docx unpacks anything. zipfile stops each
    part at its declared size (and fails its CRC past it), so the declared sizes are a bound."""
    items = archive.infolist()
    if len(items) > MAX_TEMPLATE_PARTS:
        raise _refuse(path, f"it has {len(items):,} parts, more than a Word document has")
    unpacked = sum(item.file_size for item in items)
    if unpacked > MAX_TEMPLATE_UNPACKED_BYTES:
        raise _refuse(
            path,
            f"it unpacks to {unpacked / 2**20:,.0f} MB, more than the "
            f"{MAX_TEMPLATE_UNPACKED_BYTES // 2**20} MB a letterhead needs",
        )


def _open(path: Path) -> Any:
    data = _as_document_bytes(path)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds for a damaged package
        raise _refuse(path, f"Word could not read it ({type(error).__name__})") from error


def _style_names(document: Any) -> set[str]:
    return {style.name for style in document.styles if style.name}


def _add_missing_styles(document: Any) -> list[str]:
    names = _style_names(document)
    missing = [name for name in STYLES_USED if name not in names]
    if not missing:
        return []
    ours = docx.Document(str(default_template_path()))
    target = document.styles.element
    for name in missing:
        target.append(copy.deepcopy(ours.styles[name].element))
    return missing


def _clear_body(document: Any) -> None:
    """Drop any sample text in a letterhead; its headers, footers and page set-up stay."""
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)


def open_template(path: Path | None) -> Any:
    """The python-docx Document to write the minutes into; ExportError if it is unusable."""
    if path is None or str(path) == "":
        try:
            return docx.Document(str(default_template_path()))
        except FileNotFoundError as error:
            raise ExportError(str(error)) from error
    path = Path(path)
    if not path.is_file():
        raise _refuse(path, "there is no such file")
    document = _open(path)
    _add_missing_styles(document)
    _clear_body(document)
    return document
