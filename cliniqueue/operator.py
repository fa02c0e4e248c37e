"""Backends of operator commands: ClickHouse directly, or the running embedded service.

With a ClickHouse server, or when no service has the embedded data
directory open, operator commands (customers, keys, SQL) use a ClickHouse client
of their own. While the embedded service runs, chdb lets no other process open
its directory, so the commands call the service's operator routes on
127.0.0.1 with the token the service wrote to CHDB_PATH/admin.json.
"""

import json
from pathlib import Path

import httpx

from cliniqueue.config import get_settings
from customers import service
from customers.models import CustomerUpdate

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

    def run_sql(self, query: str) -> dict:
        from sinks.sql import run_readonly_query

        return run_readonly_query(client=self._client, query=query)


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

    def run_sql(self, query: str) -> dict:
        return self._call("POST", "/admin/sql", json={"query": query})


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
