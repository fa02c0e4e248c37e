"""With two edges on one broker, each receives only the replies to its own requests."""

import asyncio
import threading
import time

import httpx
import uvicorn

from cliniqueue.config import get_settings
from cliniqueue.localbroker import find_free_port
from ingest_api.main import create_app

TICKETS = [
    "ERA 835 files stopped posting since Monday",
    "Our physician cannot open the chart and the patient is in the exam room now",
    "How do I add a new nurse to the scheduling module?",
    "We need the SOC 2 Type II report and a signed BAA for our audit",
]


def _start_second_edge() -> tuple[uvicorn.Server, threading.Thread, str]:
    settings = get_settings().model_copy(update={"instance_id": 1})
    port = find_free_port()
    app = create_app(settings=settings, run_worker=False)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.1)
    assert server.started, "the second edge did not start"
    return server, thread, f"http://127.0.0.1:{port}"


async def _send(base_urls: list[str], api_key: str, count: int) -> list[tuple[str, int, dict]]:
    async with httpx.AsyncClient(timeout=30) as client:
        async def one(number: int):
            base_url = base_urls[number % len(base_urls)]
            text = TICKETS[number % len(TICKETS)]
            response = await client.post(f"{base_url}/classify", json={"ticket_text": text},
                                         headers={"X-API-Key": api_key})
            return base_url, response.status_code, response.json()

        return await asyncio.gather(*(one(number) for number in range(count)))


def test_two_edges_get_their_own_replies(service, customer_factory):
    _, _, api_key = customer_factory()
    server, thread, second_url = _start_second_edge()
    try:
        results = asyncio.run(_send([service.base_url, second_url], api_key, 24))
    finally:
        server.should_exit = True
        thread.join(timeout=60)

    assert [status for _, status, _ in results] == [200] * 24
    audit_ids = [body["audit_id"] for _, _, body in results]
    assert len(set(audit_ids)) == 24
    by_edge = {url: [body for edge, _, body in results if edge == url] for url in (service.base_url, second_url)}
    assert len(by_edge[second_url]) == 12
    expected = {TICKETS[1]: "clinical_urgency", TICKETS[0]: "billing_claims"}
    for number, (_, _, body) in enumerate(results):
        text = TICKETS[number % len(TICKETS)]
        if text in expected:
            assert body["category"] == expected[text], (number, body["category"])
