"""`checkout` and `checkin` (contract): one case of a shared server, whole, into a laptop copy
for an offline meeting, and back.

    lscp-desktop checkout REF --to FILE.db --db URL
    lscp-desktop checkout REF --take-over --to FILE.db --db URL
    lscp-desktop checkin REF --from FILE.db --db URL

The copy is an ordinary encrypted database file (created if missing, with the same passphrase
rules and recovery key as any other); the rules are in interchange/checkout.py.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from lscp_desktop.commands.session import CommandError, add_db_option, open_file, open_server
from lscp_desktop.interchange.checkout import check_in, check_out, refusal
from lscp_desktop.store.errors import StoreError
from lscp_desktop.store.server import ServerUrl


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    out = subparsers.add_parser(
        "checkout",
        help="copy a case of the server, whole, into a laptop copy and lease it to that copy",
    )
    out.add_argument("reference", metavar="REF")
    out.add_argument("--to", type=Path, required=True, metavar="FILE.db", help="the laptop copy")
    out.add_argument(
        "--take-over",
        action="store_true",
        help="take the lease of a lost laptop (audited; its check-in is then refused)",
    )
    add_db_option(out)
    out.set_defaults(func=run_checkout)

    back = subparsers.add_parser(
        "checkin", help="write the laptop copy's case back to the server and end its lease"
    )
    back.add_argument("reference", metavar="REF")
    back.add_argument(
        "--from", dest="source", type=Path, required=True, metavar="FILE.db", help="the copy"
    )
    add_db_option(back)
    back.set_defaults(func=run_checkin)


def _server(args: argparse.Namespace) -> ServerUrl:
    chosen = getattr(args, "db", None)
    if not isinstance(chosen, ServerUrl):
        raise CommandError(
            f"'{args.command}' works between a server and a laptop copy: give the server with "
            "--db postgresql://..."
        )
    return chosen


def run_checkout(args: argparse.Namespace) -> int:
    url = _server(args)
    server = open_server(url)
    try:
        refused = refusal(server, args.reference, take_over=args.take_over)
        if refused is not None:  # before the copy is made: a refused check-out leaves no file
            raise CommandError(f"{refused} Nothing was changed.")
        local = open_file(args.to, create=True, recovery_key_file=args.recovery_key_file)
        try:
            lease = check_out(server, args.reference, local, args.to.name, take_over=args.take_over)
        finally:
            local.close()
    except StoreError as error:
        raise CommandError(str(error)) from None
    finally:
        server.close()
    taken = " (lease taken over)" if args.take_over else ""
    print(
        f"checked out {lease.reference} to {args.to}{taken}: held by {lease.holder} on "
        f"{lease.machine}; the server takes no change to it until it is checked in."
    )
    return 0


def run_checkin(args: argparse.Namespace) -> int:
    url = _server(args)
    server = open_server(url)
    try:
        local = open_file(args.source, create=False)
        try:
            done = check_in(server, args.reference, local, args.source.name)
        finally:
            local.close()
    except StoreError as error:
        raise CommandError(str(error)) from None
    finally:
        server.close()
    print(
        f"checked in {done.reference} from {args.source}: the server's record replaced "
        f"wholesale, {done.entries} audit entries of the copy kept, the lease ended."
    )
    return 0
