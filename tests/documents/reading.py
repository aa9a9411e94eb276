"""Reading exported files back the way a recipient's software would."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from pypdf import PdfReader


def docx_text(path: Path | bytes) -> str:
    """Every paragraph and table cell of the body, in order, one a line."""
    source = io.BytesIO(path) if isinstance(path, bytes) else str(path)
    document = docx.Document(source)
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            lines.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif child.tag.endswith("}tbl"):
            for cell_p in child.iter():
                if cell_p.tag.endswith("}p"):
                    lines.append(
                        "".join(t.text or "" for t in cell_p.iter() if t.tag.endswith("}t"))
                    )
    return "\n".join(lines)


def docx_all_xml(path: Path | bytes) -> str:
    """Every XML part of the package (body, headers, footers, properties) as one string."""
    data = path if isinstance(path, bytes) else Path(path).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith(".xml") or name.endswith(".rels")
        )


def pdf_pages(path: Path | bytes) -> list[str]:
    data = path if isinstance(path, bytes) else Path(path).read_bytes()
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
