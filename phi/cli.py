"""`cliniqueue scrub`: remove PHI from ticket text given as an argument, on stdin or in a JSONL file.

Output shows the scrubbed text, the entity types removed and phi_risk; it
never shows a removed value.
"""

import argparse
import json
import sys
from pathlib import Path

from phi.models import ScrubResult


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `scrub` subcommand."""
    parser = subparsers.add_parser(
        "scrub",
        help="remove PHI from ticket text",
        description="Replace patient identifiers with typed placeholders such as <MRN>. Reads TEXT, or stdin when TEXT and --jsonl are absent.",
    )
    parser.add_argument("text", nargs="?", help="ticket text to scrub")
    parser.add_argument(
        "--jsonl",
        type=Path,
        metavar="FILE",
        help="JSON lines with a ticket_text field (and optional id), or - for stdin; prints one JSON object per line",
    )
    parser.set_defaults(func=run_scrub)


def run_scrub(args: argparse.Namespace) -> int:
    """Scrub the requested input and print the results; return the exit code."""
    from phi.service import scrub_text

    if args.jsonl is not None:
        if args.text is not None:
            print("error: give either TEXT or --jsonl, not both", file=sys.stderr)
            return 2
        if not _analyzer_builds():
            return 2
        return _scrub_jsonl(path=args.jsonl, scrub=scrub_text)

    text = args.text if args.text is not None else _read_stdin()
    if text is None or not _is_valid_text(text):
        print("error: the ticket text is not valid UTF-8; convert it first, e.g. with iconv -f latin1 -t utf-8", file=sys.stderr)
        return 2
    if not text.strip():
        print("error: no ticket text; pass TEXT, pipe the text on stdin, or use --jsonl FILE", file=sys.stderr)
        return 2
    if not _analyzer_builds():
        return 2
    result = scrub_text(text=text)
    _print_result(result=result)
    return 0


def _analyzer_builds() -> bool:
    """Build the analyzer, or print the error of a bad CLINIQUEUE_PHI_* setting, which names the setting and the fix."""
    from phi.service import get_analyzer

    try:
        get_analyzer()
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return False
    return True


def _read_stdin() -> str | None:
    """Read stdin as UTF-8; None when it is not valid UTF-8."""
    try:
        return sys.stdin.buffer.read().decode("utf-8")
    except UnicodeDecodeError:
        return None


def _is_valid_text(text: str) -> bool:
    """Tell whether text can be encoded as UTF-8: argv bytes that were not UTF-8 arrive as lone surrogates."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _print_result(*, result: ScrubResult) -> None:
    print(result.text.rstrip("\n"))
    print(f"entity_types: {', '.join(result.entity_types) or '-'}")
    print(f"phi_risk: {str(result.phi_risk).lower()}")


def _scrub_jsonl(*, path: Path, scrub) -> int:
    if str(path) == "-":
        handle = sys.stdin.buffer
        # Closing the with-block below must not close the process's stdin.
        handle = open(handle.fileno(), "rb", closefd=False)
    else:
        try:
            handle = path.open("rb")
        except OSError as error:
            print(f"error: cannot read {path}: {error.strerror}", file=sys.stderr)
            return 1
    failed = False
    with handle:
        for line_number, raw_line in enumerate(handle, start=1):
            # The line itself may hold PHI, so each message names only its position.
            try:
                line = raw_line.decode("utf-8")
            except UnicodeDecodeError:
                print(f"error: {path}:{line_number}: not valid UTF-8; line skipped", file=sys.stderr)
                failed = True
                continue
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                print(f"error: {path}:{line_number}: invalid JSON; line skipped", file=sys.stderr)
                failed = True
                continue
            if not isinstance(row, dict):
                print(f'error: {path}:{line_number}: not a JSON object; write one {{"ticket_text": ...}} object per line; line skipped', file=sys.stderr)
                failed = True
                continue
            if "ticket_text" not in row:
                print(f'error: {path}:{line_number}: missing "ticket_text" field; line skipped', file=sys.stderr)
                failed = True
                continue
            text = row["ticket_text"]
            if not isinstance(text, str):
                print(f"error: {path}:{line_number}: ticket_text is not a string; line skipped", file=sys.stderr)
                failed = True
                continue
            result = scrub(text=text)
            output = {
                "id": row.get("id", line_number),
                "line": line_number,
                "scrubbed_text": result.text,
                "entity_types": list(result.entity_types),
                "phi_risk": result.phi_risk,
            }
            print(json.dumps(output, ensure_ascii=False), flush=True)
    return 1 if failed else 0
