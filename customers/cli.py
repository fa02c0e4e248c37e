"""`cliniqueue customers ...` and `cliniqueue keys ...`.

With a ClickHouse server, or when no service holds the embedded data
directory, the commands write to ClickHouse directly. While the embedded
service runs, they call its operator routes on 127.0.0.1 with the token the
service wrote to CHDB_PATH/admin.json.
"""

import argparse
import json
import sys
from pathlib import Path

import httpx

from cliniqueue.config import get_settings
from customers import service
from customers.models import PLANS, CustomerUpdate

ADMIN_FILE_NAME = "admin.json"


class DirectBackend:
    """Run customer and key operations on a ClickHouse client."""

    def __init__(self) -> None:
        from sinks.clickhouse import create_client
        from sinks.migrate import migrate

        self._client = create_client()
        migrate(client=self._client)

    def create(self, **fields) -> dict:
        customer = service.create_customer(client=self._client, **fields)
        return {name: getattr(customer, name) for name in customer.__slots__}

    def list_all(self) -> "list[dict]":
        return [{name: getattr(c, name) for name in c.__slots__} for c in service.list_customers(client=self._client)]

    def update(self, customer_id: str, update: CustomerUpdate) -> dict:
        customer = service.update_customer(client=self._client, customer_id=customer_id, update=update)
        return {name: getattr(customer, name) for name in customer.__slots__}

    def issue(self, customer_id: str) -> dict:
        key_id, api_key = service.issue_key(client=self._client, customer_id=customer_id)
        return {"key_id": key_id, "api_key": api_key, "customer_id": customer_id}

    def revoke(self, key_id: str) -> dict:
        record = service.revoke_key(client=self._client, key_id=key_id)
        return {"key_id": record.key_id, "customer_id": record.customer_id, "revoked": record.revoked}

    def keys(self, customer_id: str) -> "list[dict]":
        service.get_customer(client=self._client, customer_id=customer_id)
        return [{"key_id": r.key_id, "customer_id": r.customer_id, "revoked": r.revoked}
                for r in service.list_keys(client=self._client, customer_id=customer_id)]


class ServiceBackend:
    """Run the same operations through the running embedded service's operator routes."""

    def __init__(self, *, url: str, token: str) -> None:
        self._http = httpx.Client(base_url=url, headers={"X-Admin-Token": token}, timeout=30)

    def _call(self, method: str, path: str, **kwargs):
        response = self._http.request(method, path, **kwargs)
        if response.status_code >= 400:
            detail = response.json().get("detail", response.text)
            raise LookupError(detail) if response.status_code == 404 else ValueError(detail)
        return response.json()

    def create(self, **fields) -> dict:
        return self._call("POST", "/admin/customers", json=fields)

    def list_all(self) -> "list[dict]":
        return self._call("GET", "/admin/customers")

    def update(self, customer_id: str, update: CustomerUpdate) -> dict:
        return self._call("PATCH", f"/admin/customers/{customer_id}", json=update.model_dump(exclude_none=True))

    def issue(self, customer_id: str) -> dict:
        return self._call("POST", f"/admin/customers/{customer_id}/keys")

    def revoke(self, key_id: str) -> dict:
        return self._call("DELETE", f"/admin/keys/{key_id}")

    def keys(self, customer_id: str) -> "list[dict]":
        return self._call("GET", f"/admin/customers/{customer_id}/keys")


def open_backend():
    """Return the backend that can write customers now."""
    from sinks.clickhouse import chdb_directory_in_use

    settings = get_settings()
    if settings.clickhouse_url or not chdb_directory_in_use(path=settings.chdb_path):
        return DirectBackend()

    admin_file = Path(settings.chdb_path) / ADMIN_FILE_NAME
    if not admin_file.exists():
        raise RuntimeError(f"{settings.chdb_path} is in use by another process that is not a CliniQueue service; "
                           "stop it and retry")
    admin = json.loads(admin_file.read_text())
    return ServiceBackend(url=admin["url"], token=admin["token"])


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


def _run(function) -> int:
    try:
        function()
    except (LookupError, ValueError, RuntimeError, httpx.HTTPError) as error:
        print(f"error: {error}", file=sys.stderr)
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
