"""`cliniqueue customers ...` and `cliniqueue keys ...`; cliniqueue.operator picks where they run."""

import json
import sys

import httpx
from pydantic import ValidationError

from cliniqueue.operator import open_backend
from customers.models import PLANS, CustomerUpdate


def _parse_teams(pairs: list[str] | None) -> dict[str, str] | None:
    if pairs is None:
        return None
    teams = {}
    for pair in pairs:
        category, separator, team = pair.partition("=")
        if not separator:
            raise ValueError(f"--team {pair!r} must look like CATEGORY=TEAM, e.g. billing_claims=rcm_tier2")
        teams[category.strip()] = team.strip()
    return teams


def _print_customer(customer: dict) -> None:
    print(json.dumps(customer, indent=2, sort_keys=True))


def _describe(error: Exception) -> str:
    """Return a one-line message; validation errors name each field and the problem."""
    if isinstance(error, ValidationError):
        return "; ".join(f"{'.'.join(str(part) for part in item['loc']) or 'value'}: "
                         f"{item['msg'].removeprefix('Value error, ')}" for item in error.errors())
    return str(error)


def _run(function) -> int:
    try:
        function()
    except (LookupError, ValueError, RuntimeError, httpx.HTTPError) as error:
        print(f"error: {_describe(error)}", file=sys.stderr)
        return 1
    return 0


def cmd_create(args) -> int:
    def run():
        fields = CustomerUpdate(name=args.name, plan=args.plan, monthly_limit=args.monthly_limit,
                                drafts_enabled=args.drafts, team_overrides=_parse_teams(args.team) or {})
        _print_customer(open_backend().create(**fields.model_dump()))
    return _run(run)


def cmd_list(args) -> int:
    def run():
        customers = open_backend().list_all()
        if not customers:
            print("no customers yet; create one with `cliniqueue customers create --name NAME`")
        for customer in customers:
            print(f"{customer['customer_id']}  {customer['name']}  plan={customer['plan']}  "
                  f"limit={customer['monthly_limit']}  drafts={'on' if customer['drafts_enabled'] else 'off'}")
    return _run(run)


def cmd_update(args) -> int:
    def run():
        update = CustomerUpdate(name=args.name, plan=args.plan, monthly_limit=args.monthly_limit,
                                drafts_enabled=args.drafts, team_overrides=_parse_teams(args.team))
        _print_customer(open_backend().update(args.customer_id, update))
    return _run(run)


def cmd_issue(args) -> int:
    def run():
        issued = open_backend().issue(args.customer_id)
        print(f"key_id:  {issued['key_id']}")
        print(f"api_key: {issued['api_key']}")
        print("Store the key now: it is shown only once and kept only as a hash.", file=sys.stderr)
    return _run(run)


def cmd_revoke(args) -> int:
    def run():
        revoked = open_backend().revoke(args.key_id)
        print(f"revoked key {revoked['key_id']} of customer {revoked['customer_id']}")
    return _run(run)


def cmd_keys(args) -> int:
    def run():
        for record in open_backend().keys(args.customer_id):
            print(f"{record['key_id']}  {'revoked' if record['revoked'] else 'active'}")
    return _run(run)


def register(subparsers) -> None:
    """Add the customers and keys commands."""
    customers = subparsers.add_parser("customers", help="create, list and update customers")
    actions = customers.add_subparsers(dest="action", required=True, metavar="ACTION")

    def add_customer_fields(parser, *, required: bool) -> None:
        parser.add_argument("--name", required=required, help="customer's display name")
        parser.add_argument("--plan", choices=PLANS, default="compliant" if required else None, help="billing plan")
        parser.add_argument("--monthly-limit", type=int, default=1000 if required else None,
                            help="tickets per calendar month (UTC)")
        drafts = parser.add_mutually_exclusive_group()
        drafts.add_argument("--drafts", dest="drafts", action="store_true", default=False if required else None,
                            help="draft a suggested_reply for each ticket")
        drafts.add_argument("--no-drafts", dest="drafts", action="store_false", help="return suggested_reply null")
        parser.add_argument("--team", action="append", metavar="CATEGORY=TEAM",
                            help="route a category to another team; repeatable")

    create = actions.add_parser("create", help="create a customer")
    add_customer_fields(create, required=True)
    create.set_defaults(func=cmd_create)

    listing = actions.add_parser("list", help="list customers")
    listing.set_defaults(func=cmd_list)

    update = actions.add_parser("update", help="change a customer's settings")
    update.add_argument("customer_id")
    add_customer_fields(update, required=False)
    update.set_defaults(func=cmd_update)

    keys = subparsers.add_parser("keys", help="issue, revoke and list API keys")
    key_actions = keys.add_subparsers(dest="action", required=True, metavar="ACTION")
    issue = key_actions.add_parser("issue", help="issue a key; it is printed once")
    issue.add_argument("customer_id")
    issue.set_defaults(func=cmd_issue)
    revoke = key_actions.add_parser("revoke", help="revoke a key by its key_id")
    revoke.add_argument("key_id")
    revoke.set_defaults(func=cmd_revoke)
    key_list = key_actions.add_parser("list", help="list a customer's keys")
    key_list.add_argument("customer_id")
    key_list.set_defaults(func=cmd_keys)
