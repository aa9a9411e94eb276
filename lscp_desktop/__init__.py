"""LSCP Desktop: offline support for Extra-Ordinary RAG meetings and Rapid Reviews."""


def version() -> str:
    """The version in pyproject.toml: beside the package in a checkout or a bundle, otherwise
    from the installed package's metadata.

    pyproject.toml comes first because importlib.metadata costs ~50 ms to import, on the GUI's
    start-up path (the window sets the application version).
    """
    from lscp_desktop.files.resources import bundled_version

    found = bundled_version()
    if found != "0+unknown":
        return found
    from importlib import metadata

    try:
        return metadata.version("lscp-desktop")
    except metadata.PackageNotFoundError:
        return found
