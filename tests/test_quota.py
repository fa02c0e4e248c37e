"""The monthly limit is exact under concurrent requests on one edge process."""

import asyncio
import collections

import httpx

from tests.conftest import wait_for

TICKET = "Claims batch 4471 rejected by the clearinghouse with error 999 since Monday, nothing posts"


async def _send_all(*, base_url: str, api_key: str, total: int, clients: int) -> collections.Counter:
    statuses: collections.Counter = collections.Counter()
    queue: asyncio.Queue = asyncio.Queue()
    for _ in range(total):
        queue.put_nowait(None)

    async def client_loop(http: httpx.AsyncClient) -> None:
        while True:
            try:
                queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            response = await http.post("/classify", json={"ticket_text": TICKET}, headers={"X-API-Key": api_key})
            statuses[response.status_code] += 1

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=base_url, timeout=60, limits=limits) as http:
        await asyncio.gather(*(client_loop(http) for _ in range(clients)))
    return statuses


def test_quota_race_admits_exactly_the_limit(service, customer_factory, clickhouse_client):
    customer, _, api_key = customer_factory(monthly_limit=1000)

    statuses = asyncio.run(_send_all(base_url=service.base_url, api_key=api_key, total=1200, clients=50))
    print(f"\nquota race: {dict(statuses)}")

    assert statuses[200] == 1000
    assert statuses[429] == 200
    stored = wait_for(lambda: (count := clickhouse_client.query(
        "SELECT uniqExactMerge(tickets) FROM usage_monthly WHERE customer_id = {c:String}",
        parameters={"c": customer.customer_id},
    ).result_rows[0][0]) == 1000 and count, timeout_s=30)
    assert stored == 1000
