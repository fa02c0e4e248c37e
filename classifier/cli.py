"""`cliniqueue train` and `cliniqueue eval`: build and measure the local classifier."""

import argparse
import json
import logging
import sys
from pathlib import Path

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the train and eval subcommands."""
    # classifier.paths, not classifier.training: the latter loads scikit-learn,
    # which would slow down every `cliniqueue` command, --help included.
    from classifier.paths import ARTIFACT_PATH, DEFAULT_TRAIN_DIR

    train = subparsers.add_parser("train", help="Train the local classifier on the labeled training tickets.")
    train.add_argument(
        "--train-dir", type=Path, default=DEFAULT_TRAIN_DIR, help="Directory of labeled *.jsonl files (default: %(default)s)."
    )
    train.add_argument("--output", type=Path, default=ARTIFACT_PATH, help="Artifact path to write (default: %(default)s).")
    train.add_argument(
        "--with-feedback",
        action="store_true",
        help="Add the customers' category corrections stored in ClickHouse to the embedding model's training rows.",
    )
    train.add_argument("--no-cv", action="store_true", help="Skip the cross-validated comparison (faster).")
    train.set_defaults(func=run_train)

    evaluation = subparsers.add_parser("eval", help="Measure accuracy and latency on a labeled JSON lines file.")
    evaluation.add_argument("file", type=Path, help="JSON lines with id, ticket_text and any labeled output fields.")
    evaluation.add_argument("--json", action="store_true", help="Print the report as one JSON object.")
    evaluation.add_argument(
        "--show-text", action="store_true", help="Print the scrubbed text of each wrong row (never the raw text)."
    )
    evaluation.add_argument("--url", help="Base URL of a running service; tickets go to its POST /classify.")
    evaluation.add_argument("--api-key", help="API key sent as X-API-Key with --url.")
    evaluation.add_argument("--timeout", type=float, default=30.0, help="Seconds to wait for each request with --url.")
    evaluation.set_defaults(func=run_eval)


def _configure_logging() -> None:
    from cliniqueue.config import get_settings
    from cliniqueue.logs import configure_logging

    settings = get_settings()
    configure_logging(log_format=settings.log_format, level=settings.log_level, stream=sys.stderr)


def run_train(args: argparse.Namespace) -> int:
    """Train, cross-validate and write the artifact; returns an exit code."""
    _configure_logging()
    from classifier.training import FeedbackReadError, fetch_feedback_rows, train_and_save

    feedback_rows = None
    if args.with_feedback:
        try:
            feedback_rows = fetch_feedback_rows()
        except FeedbackReadError as error:
            print(f"{error}\nRun the ClickHouse migrations first, or train without --with-feedback.", file=sys.stderr)
            return 1
        if feedback_rows is None:
            print("Feedback rows are unavailable (sinks.queries or sinks.clickhouse missing); training without them.")
        else:
            print(f"Adding {len(feedback_rows)} feedback corrections to the embedding model.")

    model = train_and_save(
        train_dir=args.train_dir,
        artifact_path=args.output,
        feedback_rows=feedback_rows,
        run_cross_validation=not args.no_cv,
        show_progress=sys.stderr.isatty(),
    )
    print(json.dumps(model.training_summary, indent=2))
    print(f"Wrote {args.output}")
    return 0


def run_eval(args: argparse.Namespace) -> int:
    """Evaluate on a labeled file and print the report; returns an exit code."""
    _configure_logging()
    from classifier.evaluate import (
        evaluate,
        format_report,
        make_http_predictor,
        make_local_predictor,
        read_rows,
        report_to_dict,
    )
    from classifier.scrubbing import load_scrub_function, scrubbed_text

    try:
        rows = read_rows(path=args.file)
    except (OSError, ValueError) as error:
        print(f"Cannot read {args.file}: {error}", file=sys.stderr)
        return 2

    if args.url:
        if not args.api_key:
            print("--api-key is required with --url", file=sys.stderr)
            return 2
        predict = make_http_predictor(url=args.url, api_key=args.api_key, timeout_s=args.timeout)
        scrub = load_scrub_function() if args.show_text else None
        report = evaluate(
            rows=rows,
            predict=predict,
            show_progress=sys.stderr.isatty(),
            scrub_for_display=(lambda text: scrubbed_text(scrub(text))) if scrub else None,
            with_text=args.show_text,
            mode=f"service {args.url}",
        )
    else:
        predict, has_scrubber = make_local_predictor()
        if not has_scrubber:
            print("PHI scrubber not importable: classifying raw text, PHI share unavailable.", file=sys.stderr)
        report = evaluate(rows=rows, predict=predict, show_progress=sys.stderr.isatty(), with_text=args.show_text)

    if args.json:
        print(json.dumps(report_to_dict(report), indent=2))
    else:
        print(format_report(report))
    return 0
