"""Create, update and list customers; issue, revoke and check API keys.

Keys are random 256-bit secrets, shown once when issued and stored only as
their SHA-256 digest. A slow password hash is not needed because the key has
full entropy; the digest only keeps a database reader from using a key.
"""

import hashlib
import logging
import secrets
import threading
import time
import uuid
from datetime import datetime, timezone

from customers.models import ApiKeyRecord, Customer, CustomerUpdate

log = logging.getLogger(__name__)

KEY_PREFIX = "cq_"


class CustomerNotFound(LookupError):
    """Raised when no customer has the given id."""


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _version() -> int:
    # Nanoseconds since the epoch order the versions of a ReplacingMergeTree row.
    return time.time_ns()


def hash_key(*, api_key: str) -> str:
    """Return the stored digest of an API key."""
    return hashlib.sha256(api_key.encode("utf-8")).hexdigest()


def _write_customer(*, client, customer: Customer) -> None:
    client.insert(
        "customers",
        [[customer.customer_id, customer.name, customer.plan, customer.monthly_limit, customer.drafts_enabled,
          customer.team_overrides, _now(), _version()]],
        column_names=["customer_id", "name", "plan", "monthly_limit", "drafts_enabled", "team_overrides", "updated_at", "version"],
    )


def create_customer(*, client, name: str, plan: str, monthly_limit: int, drafts_enabled: bool = False,
                    team_overrides: dict[str, str] | None = None) -> Customer:
    """Create a customer and return it with its new id."""
    fields = CustomerUpdate(name=name, plan=plan, monthly_limit=monthly_limit, drafts_enabled=drafts_enabled,
                            team_overrides=team_overrides or {})
    customer = Customer(
        customer_id=f"cus_{uuid.uuid4().hex[:16]}",
        name=fields.name,
        plan=fields.plan,
        monthly_limit=fields.monthly_limit,
        drafts_enabled=fields.drafts_enabled,
        team_overrides=fields.team_overrides,
    )
    _write_customer(client=client, customer=customer)
    log.info("customer created", extra={"customer_id": customer.customer_id, "plan": customer.plan})
    return customer


def _row_to_customer(row) -> Customer:
    customer_id, name, plan, monthly_limit, drafts_enabled, team_overrides = row
    return Customer(customer_id=customer_id, name=name, plan=plan, monthly_limit=int(monthly_limit),
                    drafts_enabled=bool(drafts_enabled), team_overrides=dict(team_overrides))


_CUSTOMER_COLUMNS = "customer_id, name, plan, monthly_limit, drafts_enabled, team_overrides"


def get_customer(*, client, customer_id: str) -> Customer:
    """Return one customer, or raise CustomerNotFound."""
    rows = client.query(
        f"SELECT {_CUSTOMER_COLUMNS} FROM customers FINAL WHERE customer_id = {{customer_id:String}}",
        parameters={"customer_id": customer_id},
    ).result_rows
    if not rows:
        raise CustomerNotFound(f"no customer with id {customer_id!r}; run `cliniqueue customers list`")
    return _row_to_customer(rows[0])


def list_customers(*, client) -> list[Customer]:
    """Return every customer, ordered by name."""
    rows = client.query(f"SELECT {_CUSTOMER_COLUMNS} FROM customers FINAL ORDER BY name, customer_id").result_rows
    return [_row_to_customer(row) for row in rows]


def update_customer(*, client, customer_id: str, update: CustomerUpdate) -> Customer:
    """Apply the set fields of an update to a customer and return the result."""
    current = get_customer(client=client, customer_id=customer_id)
    changes = update.model_dump(exclude_none=True)
    updated = Customer(**{**{name: getattr(current, name) for name in Customer.__slots__}, **changes})
    _write_customer(client=client, customer=updated)
    log.info("customer updated", extra={"customer_id": customer_id, "fields": sorted(changes)})
    return updated


def issue_key(*, client, customer_id: str) -> tuple[str, str]:
    """Issue a new API key for a customer; return (key_id, key). The key is not stored."""
    get_customer(client=client, customer_id=customer_id)
    key_id = secrets.token_hex(4)
    api_key = f"{KEY_PREFIX}{key_id}_{secrets.token_urlsafe(32)}"
    now = _now()
    client.insert(
        "api_keys",
        [[hash_key(api_key=api_key), key_id, customer_id, now, False, now, _version()]],
        column_names=["key_hash", "key_id", "customer_id", "created_at", "revoked", "updated_at", "version"],
    )
    log.info("api key issued", extra={"customer_id": customer_id, "key_id": key_id})
    return key_id, api_key


def revoke_key(*, client, key_id: str) -> ApiKeyRecord:
    """Revoke a key by its public id; every edge stops accepting it within the key cache TTL."""
    rows = client.query(
        "SELECT key_hash, customer_id, created_at FROM api_keys FINAL WHERE key_id = {key_id:String}",
        parameters={"key_id": key_id},
    ).result_rows
    if not rows:
        raise LookupError(f"no API key with id {key_id!r}; run `cliniqueue keys list CUSTOMER_ID`")
    key_hash, customer_id, created_at = rows[0]
    client.insert(
        "api_keys",
        [[key_hash, key_id, customer_id, created_at, True, _now(), _version()]],
        column_names=["key_hash", "key_id", "customer_id", "created_at", "revoked", "updated_at", "version"],
    )
    log.info("api key revoked", extra={"customer_id": customer_id, "key_id": key_id})
    return ApiKeyRecord(key_id=key_id, customer_id=customer_id, revoked=True)


def list_keys(*, client, customer_id: str) -> list[ApiKeyRecord]:
    """Return the keys of a customer, without secrets."""
    rows = client.query(
        "SELECT key_id, customer_id, revoked FROM api_keys FINAL WHERE customer_id = {customer_id:String} ORDER BY created_at",
        parameters={"customer_id": customer_id},
    ).result_rows
    return [ApiKeyRecord(key_id=key_id, customer_id=owner, revoked=bool(revoked)) for key_id, owner, revoked in rows]


class KeyCache:
    """Look up API keys and customers, caching each result for a few seconds.

    The TTL bounds how long a revoked key or a changed customer setting keeps
    its old effect on this process. Unknown keys are cached too, so a client
    retrying a wrong key does not send one query per request.
    """

    def __init__(self, *, client, ttl_s: float) -> None:
        self._client = client
        self._ttl_s = ttl_s
        self._keys: dict[str, tuple[float, str | None]] = {}
        self._customers: dict[str, tuple[float, Customer]] = {}
        self._lock = threading.Lock()

    def customer_for_key(self, *, api_key: str) -> Customer | None:
        """Return the customer owning an active key, or None for an unknown or revoked key."""
        digest = hash_key(api_key=api_key)
        now = time.monotonic()

        with self._lock:
            cached = self._keys.get(digest)
        if cached is None or now - cached[0] > self._ttl_s:
            rows = self._client.query(
                "SELECT customer_id, revoked FROM api_keys FINAL WHERE key_hash = {key_hash:String}",
                parameters={"key_hash": digest},
            ).result_rows
            customer_id = rows[0][0] if rows and not rows[0][1] else None
            with self._lock:
                if len(self._keys) > 100_000:
                    self._keys.clear()
                self._keys[digest] = (now, customer_id)
        else:
            customer_id = cached[1]

        if customer_id is None:
            return None
        return self.customer(customer_id=customer_id)

    def customer(self, *, customer_id: str) -> Customer | None:
        """Return a customer's current settings, cached for the TTL."""
        now = time.monotonic()
        with self._lock:
            cached = self._customers.get(customer_id)
        if cached is not None and now - cached[0] <= self._ttl_s:
            return cached[1]
        try:
            customer = get_customer(client=self._client, customer_id=customer_id)
        except CustomerNotFound:
            return None
        with self._lock:
            self._customers[customer_id] = (now, customer)
        return customer
