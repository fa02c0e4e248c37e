"""Scripted OpenAI-compatible HTTP server for tests, listening on 127.0.0.1.

Serves POST /v1/chat/completions from a list of scripted replies, one per
request, and records every request (path, headers, parsed JSON body and raw
bytes) so that a test can check what the SDK client sent. When the script runs
out, the last reply repeats.
"""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True, slots=True)
class ScriptedReply:
    """One HTTP response the server sends, after an optional delay."""

    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    """One request as the server received it."""

    path: str
    headers: dict[str, str]
    raw_body: bytes
    json_body: dict[str, Any]


def chat_completion_reply(*, content: str | None, finish_reason: str = "stop", delay_s: float = 0.0) -> ScriptedReply:
    """Build a 200 reply whose single choice carries content as the message."""
    payload = {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": "test-model",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": None},
                "finish_reason": finish_reason,
                "logprobs": None,
            }
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }
    return ScriptedReply(
        status=200,
        body=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
        delay_s=delay_s,
    )


def json_content_reply(**fields: Any) -> ScriptedReply:
    """Build a 200 reply whose message content is a JSON object of fields."""
    return chat_completion_reply(content=json.dumps(fields))


def error_reply(*, status: int, headers: dict[str, str] | None = None) -> ScriptedReply:
    """Build an error reply with an OpenAI-style error body."""
    body = {"error": {"message": f"scripted error {status}", "type": "test_error", "code": None}}
    return ScriptedReply(
        status=status,
        body=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
    )


class ScriptedOpenAIServer:
    """Threaded HTTP server on 127.0.0.1 and a free port, used as a context manager."""

    def __init__(self, replies: list[ScriptedReply]) -> None:
        if not replies:
            raise ValueError("ScriptedOpenAIServer needs at least one scripted reply.")
        self._replies = list(replies)
        self._lock = threading.Lock()
        # Set on stop, so that a handler sleeping through a slow reply wakes up.
        self._stopping = threading.Event()
        self.requests: list[RecordedRequest] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        # A short poll interval keeps shutdown, and so each test, fast.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="scripted-openai", daemon=True
        )

    @property
    def base_url(self) -> str:
        """Base URL to pass as CLINIQUEUE_OPENAI_BASE_URL."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> "ScriptedOpenAIServer":
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _next_reply(self, request: RecordedRequest) -> ScriptedReply:
        with self._lock:
            self.requests.append(request)
            index = min(len(self.requests), len(self._replies)) - 1
            return self._replies[index]

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes. With Nagle's algorithm on,
            # the body waits for a delayed ACK and each reply takes about 40 ms.
            disable_nagle_algorithm = True

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                raw_body = self.rfile.read(length)

                if self.path.rstrip("/") != "/v1/chat/completions":
                    self._send(error_reply(status=404))
                    return

                request = RecordedRequest(
                    path=self.path,
                    headers={name.lower(): value for name, value in self.headers.items()},
                    raw_body=raw_body,
                    json_body=json.loads(raw_body),
                )
                reply = server._next_reply(request)
                if reply.delay_s and server._stopping.wait(reply.delay_s):
                    return
                self._send(reply)

            def _send(self, reply: ScriptedReply) -> None:
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    # The client gave up first (a timeout test); nothing to send to.
                    pass

            def log_message(self, format: str, *args: object) -> None:
                # Quiet: request lines would clutter pytest output.
                pass

        return Handler
