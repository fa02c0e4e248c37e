"""The `cliniqueue` command: one subcommand per domain module.

Each module listed in SUBCOMMAND_MODULES exposes `register(subparsers)`, which
adds its subcommands and sets `func` on them; `func(args)` returns an exit code.
"""

import argparse
import importlib
import logging
import sys

log = logging.getLogger(__name__)

SUBCOMMAND_MODULES = (
    "cliniqueue.run_cli",
    "customers.cli",
    "phi.cli",
    "phi.tagger_training",
    "classifier.cli",
    "cliniqueue.bench",
    "cliniqueue.kafka_cli",
    "cliniqueue.sql_cli",
)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every module's subcommands."""
    parser = argparse.ArgumentParser(prog="cliniqueue", description="Triage healthcare support tickets.")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    for module_name in SUBCOMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            # A module still being written must not break the other commands.
            if error.name != module_name:
                raise
            continue
        module.register(subparsers)

    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and run the chosen subcommand."""
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
