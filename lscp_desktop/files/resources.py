"""Finding files shipped as data, in a source tree, an installed wheel or a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a checkout, under _MEIPASS in a bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """A file under `resources/`; raises FileNotFoundError naming it if it is missing."""
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"resource missing from this installation: {path}")
    return path


def bundled_version() -> str:
    """The version from pyproject.toml, which the bundle ships beside the resources."""
    for candidate in (
        resources_dir().parent / "pyproject.toml",
        resources_dir() / "pyproject.toml",
    ):
        if candidate.exists():
            with candidate.open("rb") as handle:
                import tomllib  # only when the version is asked for: not on the way to a window

                return str(tomllib.load(handle)["project"]["version"])
    return "0+unknown"
