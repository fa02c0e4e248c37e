"""`cliniqueue produce` and `cliniqueue schemas export`: the Kafka path from the command line."""

import json
import sys
import time
from pathlib import Path

from cliniqueue.config import get_settings

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas" / "jsonschema"


def exported_schemas() -> dict[str, dict]:
    """Return the JSON Schema of every Kafka message, by versioned file name."""
    from schemas import messages

    models = {
        "inbound-ticket": messages.InboundTicket,
        "scrubbed-ticket": messages.ScrubbedTicket,
        "classification-result": messages.ClassificationResult,
        "result-error": messages.KafkaResultError,
        "dead-letter": messages.DeadLetter,
        "feedback-event": messages.FeedbackEvent,
        "response-event": messages.ResponseEvent,
    }
    return {f"{name}.v{messages.SCHEMA_VERSION}.json": model.model_json_schema() for name, model in models.items()}


def cmd_schemas_export(args) -> int:
    """Write the JSON Schema files."""
    target = Path(args.directory)
    target.mkdir(parents=True, exist_ok=True)
    for name, schema in exported_schemas().items():
        (target / name).write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n")
        print(f"wrote {target / name}")
    return 0


def _bootstrap_servers(explicit: str | None) -> str | None:
    if explicit:
        return explicit
    settings = get_settings()
    if settings.kafka_bootstrap_servers:
        return settings.kafka_bootstrap_servers
    from cliniqueue.operator import ADMIN_FILE_NAME

    admin_file = settings.chdb_path / ADMIN_FILE_NAME
    if admin_file.exists():
        return json.loads(admin_file.read_text()).get("kafka_bootstrap_servers")
    return None


def cmd_produce(args) -> int:
    """Send a JSONL file of tickets through Kafka and report throughput."""
    from cliniqueue.client import ResultConsumer, TicketProducer

    if args.wait_results and not args.customer_id:
        print("error: --wait-results needs --customer-id (your results topic is named after it)", file=sys.stderr)
        return 1
    bootstrap_servers = _bootstrap_servers(args.bootstrap)
    if not bootstrap_servers:
        print("error: no Kafka bootstrap servers; pass --bootstrap HOST:PORT or set CLINIQUEUE_KAFKA_BOOTSTRAP_SERVERS "
              "(with `cliniqueue run`, they are found automatically)", file=sys.stderr)
        return 1

    tickets = []
    with open(args.file, encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError:
                print(f"error: {args.file}:{line_number} is not valid JSON", file=sys.stderr)
                return 1
            if not isinstance(row.get("ticket_text"), str) or not row["ticket_text"].strip():
                print(f"error: {args.file}:{line_number} has no ticket_text string", file=sys.stderr)
                return 1
            tickets.append((str(row.get("id") or f"line-{line_number}"), row["ticket_text"]))

    prefix = get_settings().topic_prefix
    consumer = None
    if args.wait_results:
        consumer = ResultConsumer(bootstrap_servers=bootstrap_servers, customer_id=args.customer_id,
                                  topic_prefix=prefix)
    producer = TicketProducer(bootstrap_servers=bootstrap_servers, api_key=args.api_key, topic_prefix=prefix,
                              scrub_locally=not args.server_scrub)

    started = time.perf_counter()
    for message_id, text in tickets:
        producer.send(message_id=f"{args.id_prefix}{message_id}", ticket_text=text)
    failed = producer.flush()
    sent_s = time.perf_counter() - started
    print(f"sent {len(tickets) - len(failed)} tickets in {sent_s:.2f} s ({len(tickets) / sent_s:.0f}/s); "
          f"{len(failed)} failed; scrubbed {'on the server' if args.server_scrub else 'locally'}")

    if consumer is not None:
        wanted = {f"{args.id_prefix}{message_id}" for message_id, _ in tickets}
        seen: set[str] = set()
        errors = 0
        for result in consumer.results(timeout_s=args.timeout, expected=None):
            if result.get("message_id") in wanted and result["message_id"] not in seen:
                seen.add(result["message_id"])
                errors += "error" in result
                if args.print_results:
                    print(_describe_result(result))
            if seen == wanted:
                break
        consumer.close()
        total_s = time.perf_counter() - started
        print(f"received {len(seen)} of {len(tickets)} results ({errors} errors) in {total_s:.2f} s: "
              f"{len(seen) / total_s:.0f} tickets/s end to end")
        if seen != wanted:
            print(f"{len(wanted) - len(seen)} tickets got no result within {args.timeout:g} s. Rejected messages "
                  f"go to the dead-letter topic {prefix}.deadletter with the reason (for example invalid_api_key); "
                  "check the API key and the service log.", file=sys.stderr)
            return 1
    return 0


def _describe_result(result: dict) -> str:
    """Return one line per result: the ids and the classification or the error, never text."""
    if "error" in result:
        return f"{result['message_id']}  audit_id={result.get('audit_id')}  error={result['error']}: {result.get('detail')}"
    return (f"{result['message_id']}  audit_id={result['audit_id']}  {result['category']}/{result['priority']}  "
            f"team={result['assigned_team']}  escalate={result['escalate_immediately']}")


def register(subparsers) -> None:
    """Add the produce and schemas commands."""
    produce = subparsers.add_parser("produce", help="send a JSONL file of tickets through Kafka and report throughput")
    produce.add_argument("file", help="JSON lines with id and ticket_text")
    produce.add_argument("--api-key", required=True, help="API key sent in the x-api-key header")
    produce.add_argument("--customer-id", help="your customer id; needed with --wait-results")
    produce.add_argument("--bootstrap", help="Kafka bootstrap servers (default: settings, or the running local stack)")
    produce.add_argument("--server-scrub", action="store_true",
                         help="send raw text for the service to scrub (default: scrub in this process)")
    produce.add_argument("--wait-results", action="store_true", help="wait for every result on your results topic")
    produce.add_argument("--print-results", action="store_true",
                         help="with --wait-results, print one line per result (ids, category, priority, team)")
    produce.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for the next result")
    produce.add_argument("--id-prefix", default="", help="prefix added to each id to form the message id")
    produce.set_defaults(func=cmd_produce)

    schemas = subparsers.add_parser("schemas", help="export the JSON Schema of every Kafka message")
    actions = schemas.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = actions.add_parser("export", help="write schemas/jsonschema/*.json")
    export.add_argument("--directory", default=str(SCHEMA_DIR), help="target folder")
    export.set_defaults(func=cmd_schemas_export)

