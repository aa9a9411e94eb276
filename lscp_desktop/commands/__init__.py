"""The subcommands of `lscp-desktop`, one module per group; each has `register(subparsers)`."""

from __future__ import annotations

from types import ModuleType

from lscp_desktop.commands import case_list, checkout, data, exports, report, server, trust
from lscp_desktop.commands.session import CommandError

COMMANDS: list[ModuleType] = [data, case_list, exports, report, trust, server, checkout]

__all__ = ["COMMANDS", "CommandError"]
