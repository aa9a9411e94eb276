"""The versioned, lossless JSON form of cases: archive, laptop-to-Business-Unit, checks."""

from lscp_desktop.interchange.document import FORMAT, VERSION, InterchangeError
from lscp_desktop.interchange.exporter import export_document
from lscp_desktop.interchange.importer import ImportResult, import_document, parse_document

__all__ = [
    "FORMAT",
    "VERSION",
    "ImportResult",
    "InterchangeError",
    "export_document",
    "import_document",
    "parse_document",
]
