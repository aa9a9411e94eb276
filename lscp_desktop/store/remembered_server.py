"""The server the window opens when started without --db, remembered on this computer.

Kept in a small file in the user's data folder (owner-only), the URL as typed but never with a
password: the password is libpq's to find (PGPASSWORD, ~/.pgpass, a client certificate,
Kerberos). No file, or an empty one: the window opens this computer's encrypted file.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from lscp_desktop.files.paths import data_dir
from lscp_desktop.files.writing import write_atomically
from lscp_desktop.store.errors import StoreError
from lscp_desktop.store.server import ServerUrl, is_server_url, redacted

FILE_NAME = "server-url"


def location() -> Path:
    return data_dir() / FILE_NAME


def remembered(where: Path | None = None) -> ServerUrl | None:
    """The remembered server, or None (open the file)."""
    path = where or location()
    try:
        text = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return ServerUrl(text) if text and is_server_url(text) else None


def remember(url: str, where: Path | None = None) -> None:
    """Remember `url` ("" forgets: the file again). A URL holding a password is refused."""
    url = url.strip()
    path = where or location()
    if not url:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return
    if not is_server_url(url):
        raise StoreError(f"{url!r} is not a postgresql:// URL; nothing was remembered.")
    if redacted(url) != url:
        raise StoreError(
            "The URL holds a password: LSCP Desktop never writes one to disk. Leave it out and "
            "let PostgreSQL find it (PGPASSWORD, ~/.pgpass, a client certificate, Kerberos). "
            "Nothing was remembered."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, (url + "\n").encode("utf-8"))
    path.chmod(0o600)
