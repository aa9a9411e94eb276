"""LSCP Desktop: offline support for Extra-Ordinary RAG meetings and Rapid Reviews."""

from importlib import metadata


def version() -> str:
    """The installed version, read from the package metadata (pyproject.toml)."""
    try:
        return metadata.version("lscp-desktop")
    except metadata.PackageNotFoundError:  # running from a source tree or a bundle
        from lscp_desktop.resources import bundled_version

        return bundled_version()
