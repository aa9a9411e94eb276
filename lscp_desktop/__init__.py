"""LSCP Desktop: offline support for Extra-Ordinary RAG meetings and Rapid Reviews."""


def version() -> str:
    """The installed version, read from the package metadata (pyproject.toml)."""
    # Imported here, not at the top: importlib.metadata costs ~50 ms and the GUI path that
    # imports this package does not need it.
    from importlib import metadata

    try:
        return metadata.version("lscp-desktop")
    except metadata.PackageNotFoundError:  # running from a source tree or a bundle
        from lscp_desktop.resources import bundled_version

        return bundled_version()
