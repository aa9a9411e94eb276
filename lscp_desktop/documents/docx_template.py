"""Opening the Word template the minutes are built on: ours, or the Business Unit's letterhead.

A `.dotx` is a `.docx` with another content type, so we relabel it in memory. A template that is
not a Word file is refused with a message naming it; a style we use that the template lacks is
copied in from our own template, so a letterhead only needs the styles it wants to change.
"""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path
from typing import Any

import docx

from lscp_desktop.documents.errors import ExportError
from lscp_desktop.files.resources import resource_path

TEMPLATE_SETTING = "minutes_template"  # a path, or empty for the built-in template
DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"

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
        raw = path.read_bytes()
    except OSError as error:
        raise _refuse(path, error.strerror or "it cannot be read") from error
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise _refuse(path, "it is not a Word document")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            types = archive.read("[Content_Types].xml").decode("utf-8")
            if TEMPLATE_TYPE not in types:
                return raw
            # Rewrite the archive with the main part relabelled as a document.
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy_to:
                for item in archive.infolist():
                    data = archive.read(item.filename)
                    if item.filename == "[Content_Types].xml":
                        data = types.replace(TEMPLATE_TYPE, DOCUMENT_TYPE).encode("utf-8")
                    copy_to.writestr(item, data)
            return out.getvalue()
    except (KeyError, zipfile.BadZipFile, UnicodeDecodeError) as error:
        raise _refuse(path, "it is not a Word document") from error


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
