"""A fault-injecting OpenAI-compatible HTTP server on 127.0.0.1, for tests and benchmarks.

It serves ``POST /v1/chat/completions`` and ``GET /v1/models`` from a script: a list
of replies consumed one per completion request (then ``then`` for every later one), or a
function of the request. Each connection has its own thread, so a slow or hanging reply
never delays the others. Every request is recorded in memory (time, headers, body) so a
test can count retries and measure their spacing; nothing is logged, and the
Authorization header lives only in those in-memory records.

It also fakes the Batch API (``POST /v1/files``, ``POST /v1/batches``, ``GET
/v1/batches/{id}``, ``GET /v1/files/{id}/content``; ``batch_api=False`` answers 404
instead): a batch is answered line by line by the same script as live completions,
as soon as it is created, into an output file and an error file in the official format.

    with FakeServer([rate_limited(retry_after=1), answer()]) as server:
        client = openai.OpenAI(base_url=server.url, api_key="sk-test")
        ...
        assert len(server.completion_requests) == 2
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

COMPLETIONS_PATH = "/v1/chat/completions"
MODELS_PATH = "/v1/models"
FILES_PATH = "/v1/files"
BATCHES_PATH = "/v1/batches"
RECORDED_RESPONSES = Path(__file__).parent / "fixtures" / "recorded" / "responses"

Kind = Literal["completion", "http", "hang", "drop"]  # "http": a fixed status, headers, body
Content = str | dict[str, Any] | Callable[["RecordedRequest"], "str | dict[str, Any]"] | None


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server saw it: ``time`` is ``time.perf_counter()`` on arrival,
    header names are lower case, and ``reply`` names the scripted reply it got."""

    time: float
    method: str
    path: str
    headers: dict[str, str]
    body: Any
    reply: str = ""

    @property
    def schema_name(self) -> str | None:
        """The response model's name sent in ``response_format`` (instructor's JSON mode)."""
        if not isinstance(self.body, dict):
            return None
        response_format = self.body.get("response_format") or {}
        return (response_format.get("json_schema") or {}).get("name")

    @property
    def messages(self) -> list[dict[str, Any]]:
        """The chat messages of a completion request."""
        return list(self.body.get("messages") or []) if isinstance(self.body, dict) else []


@dataclass(frozen=True)
class Reply:
    """One scripted behaviour of the server; build it with the functions below."""

    kind: Kind
    name: str
    status: int = 200
    content: Content = None
    finish_reason: str = "stop"
    no_choices: bool = False
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay_s: float = 0.0


def answer(content: Content = None, *, delay_s: float = 0.0) -> Reply:
    """A valid completion. ``content`` (text, a dict sent as JSON, or a function of the
    request) defaults to a minimal valid answer for the requested response model."""
    return Reply("completion", "answer", content=content, delay_s=delay_s)


def recorded(*, delay_s: float = 0.0) -> Reply:
    """The recorded real answer to this exact request (tests/fixtures/recorded/responses)."""
    return Reply("completion", "recorded", content=_recorded_content, delay_s=delay_s)


def status(code: int, *, retry_after: str | float | None = None, message: str = "") -> Reply:
    """An HTTP error with an OpenAI-style error body, and a Retry-After header when given."""
    headers = {} if retry_after is None else {"Retry-After": _header_value(retry_after)}
    body = json.dumps(
        {"error": {"message": message or f"fake error {code}", "type": "fake", "code": code}}
    ).encode()
    return Reply("http", f"HTTP {code}", status=code, headers=headers, body=body)


def rate_limited(retry_after: str | float | None = None) -> Reply:
    """HTTP 429, with ``Retry-After`` (seconds, or an HTTP date as a string) when given."""
    return status(429, retry_after=retry_after, message="Rate limit reached")


def server_error(code: int = 500, retry_after: str | float | None = None) -> Reply:
    """HTTP 500 (or another 5xx, e.g. 503 with a Retry-After)."""
    return status(code, retry_after=retry_after, message="The server had an error")


def hang(seconds: float = 30.0) -> Reply:
    """Accept the request and answer nothing for ``seconds`` (ended early on shutdown)."""
    return Reply("hang", "hang", delay_s=seconds)


def drop() -> Reply:
    """Close the connection without sending a response."""
    return Reply("drop", "drop")


def invalid_body(content_type: str = "application/json") -> Reply:
    """HTTP 200 whose body is not JSON (cut-off JSON, or an HTML page from a proxy)."""
    html = content_type.startswith("text/html")
    body = b"<html><body>Service unavailable</body></html>" if html else b'{"choices": ['
    headers = {"Content-Type": content_type}
    return Reply("http", "HTML page" if html else "invalid body", body=body, headers=headers)


def not_json() -> Reply:
    """A completion whose content is prose, not JSON."""
    return Reply("completion", "not JSON", content="Sure! Here is the summary you asked for.")


def unfit() -> Reply:
    """A completion whose content is JSON that fits no response model of the project."""
    return Reply("completion", "unfit", content={"answer": "no", "events": "none"})


def truncated() -> Reply:
    """A completion cut off at the token limit (finish_reason ``length``)."""
    return Reply(
        "completion", "truncated", content='{"headline": "Strike near Kir', finish_reason="length"
    )


def no_choices() -> Reply:
    """A completion with an empty ``choices`` list."""
    return Reply("completion", "no choices", no_choices=True)


def default_content(request: RecordedRequest) -> dict[str, Any]:
    """A minimal answer that validates against the requested response model."""
    if request.schema_name == "OverviewDraft":
        return {"headline": "Fake headline", "summary": "A fake summary.", "source": None}
    if request.schema_name in ("ParagraphDraft", "SentencesDraft"):
        return {"events": [], "claims": []}
    return {}


Script = Iterable[Reply] | Callable[[RecordedRequest], Reply] | None


class FakeServer:
    """An OpenAI-compatible server in a background thread; use it as a context manager.

    ``script``: replies consumed one per completion request, or a function of the
    request; ``then``: the reply once a list is used up (default: HTTP 500 naming the
    exhausted script); ``delay_s``: a fixed delay before every reply (other requests
    are served meanwhile); ``model``: the id listed by ``GET /v1/models``;
    ``batch_api``: whether the Batch API routes exist. ``files`` holds every file
    (uploaded or produced: purpose and content) and ``batches`` every batch object, by
    id; a test may change a batch's ``status``.
    """

    def __init__(
        self,
        script: Script = None,
        *,
        then: Reply | None = None,
        delay_s: float = 0.0,
        model: str = "fake",
        batch_api: bool = True,
    ) -> None:
        self._lock = threading.Lock()
        self._function: Callable[[RecordedRequest], Reply] | None = None
        self._queue: list[Reply] = []
        self._then: Reply
        self.reply_with(script, then=then)
        self.delay_s = delay_s
        self.model = model
        self.requests: list[RecordedRequest] = []
        self.batch_api = batch_api
        self.files: dict[str, tuple[str, bytes]] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self._ids = itertools.count(1)
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The base URL to give a client: ``http://127.0.0.1:PORT/v1``."""
        assert self._httpd is not None, "the server is not running"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    @property
    def completion_requests(self) -> list[RecordedRequest]:
        """The chat completion requests received so far, in arrival order."""
        with self._lock:
            found = [r for r in self.requests if r.path == COMPLETIONS_PATH]
        return sorted(found, key=lambda r: r.time)

    @property
    def batch_inputs(self) -> list[bytes]:
        """The content of every file uploaded for a batch, in upload order."""
        with self._lock:
            return [content for purpose, content in self.files.values() if purpose == "batch"]

    def gaps(self) -> list[float]:
        """Seconds between the arrivals of consecutive completion requests."""
        times = [r.time for r in self.completion_requests]
        return [later - earlier for earlier, later in itertools.pairwise(times)]

    def reply_with(self, script: Script, *, then: Reply | None = None) -> None:
        """Replace the script (and the reply once it is used up) from now on."""
        with self._lock:
            self._function = script if callable(script) else None
            self._queue = [] if script is None or callable(script) else list(script)
            self._then = then or status(500, message="the fake server's script is used up")

    def start(self) -> FakeServer:
        """Bind a free loopback port and serve in a daemon thread."""
        handler = type("_BoundHandler", (_Handler,), {"fake": self})
        self._httpd = _QuietServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Release hanging replies, stop serving and close the socket."""
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def wait(self, seconds: float) -> None:
        """Sleep in a handler thread, waking early when the server stops."""
        if seconds > 0:
            self._stopping.wait(seconds)

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def _next_reply(self, request: RecordedRequest) -> Reply:
        if self._function is not None:
            return self._function(request)
        with self._lock:
            return self._queue.pop(0) if self._queue else self._then

    def _add_file(self, purpose: str, content: bytes, filename: str = "") -> dict[str, Any]:
        with self._lock:
            file_id = f"file-{next(self._ids)}"
            self.files[file_id] = (purpose, content)
        return {
            "id": file_id,
            "object": "file",
            "bytes": len(content),
            "created_at": int(time.time()),
            "filename": filename or f"{file_id}.jsonl",
            "purpose": purpose,
            "status": "processed",
        }

    def _upload(self, request: RecordedRequest) -> dict[str, Any]:
        """``POST /v1/files``: keep the uploaded file (multipart form) in memory."""
        form = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode() + request.body
        )
        fields = {
            part.get_param("name", header="content-disposition"): part for part in form.iter_parts()
        }
        purpose = fields["purpose"].get_payload(decode=True).decode()
        upload = fields["file"]
        return self._add_file(purpose, upload.get_payload(decode=True), upload.get_filename())

    def _create_batch(self, request: RecordedRequest) -> dict[str, Any]:
        """``POST /v1/batches``: answer every line of the input file with the script,
        as live requests are answered, and complete the batch at once."""
        outputs: list[dict[str, Any]] = []
        errors: list[dict[str, Any]] = []
        _, content = self.files[request.body["input_file_id"]]
        for number, text in enumerate(content.decode("utf-8").splitlines()):
            line = json.loads(text)
            call = dataclasses.replace(request, path=COMPLETIONS_PATH, body=line["body"])
            result = _batch_result(number, line["custom_id"], self._next_reply(call), call)
            failed = result["error"] or result["response"]["status_code"] != 200
            (errors if failed else outputs).append(result)
        output_file = self._add_file("batch_output", _jsonl(outputs)) if outputs else None
        error_file = self._add_file("batch_output", _jsonl(errors)) if errors else None
        with self._lock:
            batch_id = f"batch_{next(self._ids)}"
            self.batches[batch_id] = {
                "id": batch_id,
                "object": "batch",
                "endpoint": request.body["endpoint"],
                "input_file_id": request.body["input_file_id"],
                "completion_window": request.body["completion_window"],
                "status": "completed",
                "output_file_id": output_file and output_file["id"],
                "error_file_id": error_file and error_file["id"],
                "created_at": int(time.time()),
                "request_counts": {
                    "total": len(outputs) + len(errors),
                    "completed": len(outputs),
                    "failed": len(errors),
                },
            }
            return dict(self.batches[batch_id])

    def _batch_get(self, path: str) -> tuple[int, bytes]:
        """``GET /v1/batches/{id}`` and ``GET /v1/files/{id}/content``."""
        parts = path.removeprefix("/v1/").split("/")
        with self._lock:
            if parts[0] == "batches" and len(parts) == 2 and parts[1] in self.batches:
                return 200, json.dumps(self.batches[parts[1]]).encode()
            if parts[0] == "files" and parts[2:] == ["content"] and parts[1] in self.files:
                return 200, self.files[parts[1]][1]
        return 404, json.dumps({"error": {"message": f"no route {path}"}}).encode()


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the benchmark opens many connections at once
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that time out and hang up are part of the script: print nothing."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # A reply goes out as two writes (headers, then body). With Nagle's algorithm on, the
    # body waits for the client's delayed ACK of the headers (~40 ms on Linux) on every
    # reused connection: a stall of the fake's making that no real endpoint adds.
    disable_nagle_algorithm = True
    fake: FakeServer  # set on the subclass made by FakeServer.start

    def log_message(self, format: str, *args: Any) -> None:
        """Never log: request lines would go to stderr, and headers must not go anywhere."""

    def do_GET(self) -> None:
        request = self._read_request()
        self.fake._record(request)
        if self.fake.batch_api and request.path.startswith((FILES_PATH, BATCHES_PATH)):
            self._send(*self.fake._batch_get(request.path), {})
            return
        if request.path != MODELS_PATH:
            self._send_json(404, {"error": {"message": f"no route {request.path}"}})
            return
        self._send_json(
            200,
            {
                "object": "list",
                "data": [{"id": self.fake.model, "object": "model", "owned_by": ""}],
            },
        )

    def do_POST(self) -> None:
        request = self._read_request()
        if self.fake.batch_api and request.path in (FILES_PATH, BATCHES_PATH):
            self.fake._record(request)
            handle = self.fake._upload if request.path == FILES_PATH else self.fake._create_batch
            self._send_json(200, handle(request))
            return
        if request.path != COMPLETIONS_PATH:
            self.fake._record(request)
            self._send_json(404, {"error": {"message": f"no route {request.path}"}})
            return
        reply = self.fake._next_reply(request)
        self.fake._record(dataclasses.replace(request, reply=reply.name))
        self.fake.wait(self.fake.delay_s + reply.delay_s)  # a hang is a long delay...
        if reply.kind in ("hang", "drop"):
            self.close_connection = True  # ...after which nothing is sent
        elif reply.kind == "http":
            self._send(reply.status, reply.body, reply.headers)
        else:
            try:
                payload = _completion(reply, request)
            except LookupError as exc:  # a test asked for a recording that does not exist
                self._send_json(400, {"error": {"message": str(exc), "type": "fake"}})
                return
            self._send_json(200, payload)

    def _read_request(self) -> RecordedRequest:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body: Any = raw  # a multipart upload stays bytes
        if not self.headers.get_content_type().startswith("multipart/"):
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = raw.decode("utf-8", "replace")
        return RecordedRequest(
            time=time.perf_counter(),
            method=self.command,
            path=self.path.split("?")[0],
            headers={name.lower(): value for name, value in self.headers.items()},
            body=body,
        )

    def _send_json(self, code: int, payload: dict[str, Any]) -> None:
        self._send(code, json.dumps(payload).encode(), {})

    def _send(self, code: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(code)
        self.send_header("Content-Type", headers.get("Content-Type", "application/json"))
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            if name != "Content-Type":
                self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


def _completion(reply: Reply, request: RecordedRequest) -> dict[str, Any]:
    """An OpenAI chat completion object carrying the reply's content."""
    content: Any = reply.content(request) if callable(reply.content) else reply.content
    if content is None:
        content = default_content(request)
    text = content if isinstance(content, str) else json.dumps(content)
    choices = [
        {
            "index": 0,
            "finish_reason": reply.finish_reason,
            "message": {"role": "assistant", "content": text},
        }
    ]
    body = request.body if isinstance(request.body, dict) else {}
    return {
        "id": f"chatcmpl-fake-{int(request.time * 1e6)}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "fake"),
        "choices": [] if reply.no_choices else choices,
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


def _batch_result(
    number: int, custom_id: str, reply: Reply, request: RecordedRequest
) -> dict[str, Any]:
    """One line of a batch's output or error file, for the reply that a live request
    would have got: a completion, an HTTP error, or no answer at all."""
    status, body, error = 200, None, None
    if reply.kind == "completion":
        try:
            body = _completion(reply, request)
        except LookupError as exc:  # no recording for this request
            status, body = 400, {"error": {"message": str(exc), "type": "fake"}}
    elif reply.kind == "http":
        try:
            status, body = reply.status, json.loads(reply.body)
        except ValueError:
            body = {"error": {"message": reply.body.decode("utf-8", "replace")}}
    else:
        error = {"code": "server_error", "message": f"the request got no answer ({reply.name})"}
    response = {"status_code": status, "request_id": f"req_{number}", "body": body}
    return {
        "id": f"batch_req_{number}",
        "custom_id": custom_id,
        "response": None if error else response,
        "error": error,
    }


def _jsonl(lines: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(line) + "\n" for line in lines).encode()


def _header_value(retry_after: str | float) -> str:
    if isinstance(retry_after, str):
        return retry_after
    return f"{retry_after:g}"


def _recorded_content(request: RecordedRequest) -> str:
    """The content of the recorded answer whose cache key this request reproduces.

    The key is rebuilt with the ingredients ``CachedModel.key_for`` used when recording
    (the recorded model and endpoint, this request's messages, schema and sampling).
    """
    from summarize.llm.cache import cache_key

    body = request.body if isinstance(request.body, dict) else {}
    schema = ((body.get("response_format") or {}).get("json_schema") or {}).get("schema")
    for identity in _recorded_identities():
        key = cache_key(
            {
                "model": identity["model"],
                "endpoint": identity["endpoint"],
                "messages": body.get("messages"),
                "response_schema": schema,
                "sampling": {
                    "temperature": body.get("temperature"),
                    "max_tokens": body.get("max_tokens"),
                },
                "prompt_version": identity["prompt_version"],
                "schema_version": identity["schema_version"],
            }
        )
        path = RECORDED_RESPONSES / f"{key}.json"
        if path.exists():
            entry = json.loads(path.read_text(encoding="utf-8"))
            return str(entry["completion"]["choices"][0]["message"]["content"])
    raise LookupError("no recorded response matches this request")


@functools.cache
def _recorded_identities() -> list[dict[str, str]]:
    """The distinct model, endpoint, prompt and schema versions of the recordings."""
    names = ("model", "endpoint", "prompt_version", "schema_version")
    seen: dict[tuple[str, ...], dict[str, str]] = {}
    for path in sorted(RECORDED_RESPONSES.glob("*.json")):
        entry = json.loads(path.read_text(encoding="utf-8"))
        identity = {name: str(entry.get(name)) for name in names}
        seen.setdefault(tuple(identity.values()), identity)
    return list(seen.values())
