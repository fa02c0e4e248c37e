"""`cliniqueue sql QUERY`: read-only SQL over the service's ClickHouse, also while the embedded service runs."""

import json
import sys

from cliniqueue.operator import open_backend


def cmd_sql(args) -> int:
    """Run one read-only query and print the result as a table or JSON lines."""
    try:
        result = open_backend().run_sql(args.query)
    except (LookupError, ValueError, RuntimeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except Exception as error:
        print(f"error: the query failed: {str(error)[:2000]}", file=sys.stderr)
        return 1

    columns, rows = result["columns"], result["rows"]
    if args.format == "json":
        for row in rows:
            print(json.dumps(dict(zip(columns, row)), default=str))
        return 0
    cells = [[str(value) for value in row] for row in rows]
    widths = [max([len(name)] + [len(row[index]) for row in cells]) for index, name in enumerate(columns)]
    print("  ".join(name.ljust(width) for name, width in zip(columns, widths)))
    for row in cells:
        print("  ".join(value.ljust(width) for value, width in zip(row, widths)))
    print(f"({len(rows)} rows)", file=sys.stderr)
    return 0


def register(subparsers) -> None:
    """Add the sql command."""
    parser = subparsers.add_parser("sql", help="run a read-only SQL query on the service's ClickHouse")
    parser.add_argument("query", help="one SELECT statement, e.g. \"SELECT * FROM analytics_classifications_daily\"")
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    parser.set_defaults(func=cmd_sql)
