"""``codemix leaderboard serve``: the page, live from the store, plus ``/api/results``; read-only.

Every request opens the store read-only, so a submit shows at once; a store deleted or replaced
while serving answers HTTP 503 and the server keeps running. Idle connections time out, request
bodies are refused, ``HEAD`` is answered, and ``/api/results`` is strict JSON.
"""

from __future__ import annotations

import json
import math
import socket
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from codemix.leaderboard.page import render_page
from codemix.common.errors import CodemixError

IDLE_SECONDS = 15
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:",
    "X-Content-Type-Options": "nosniff",
}


def make_server(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000,
                idle_seconds: float = IDLE_SECONDS) -> ThreadingHTTPServer:
    """A threaded read-only server of the store at ``db_path``; a bad host or a port in use is a ``CodemixError``."""
    db_path = Path(db_path)
    if not 0 <= int(port) <= 65535:
        raise CodemixError(f"--port {port} is out of range; use 1-65535 (0 picks a free port)")

    class Handler(BaseHTTPRequestHandler):
        timeout = idle_seconds  # an idle or slow client is dropped instead of holding a thread forever
        protocol_version = "HTTP/1.0"

        def do_GET(self):  # noqa: N802 (http.server's naming)
            self._answer(send_body=True)

        def do_HEAD(self):  # noqa: N802
            self._answer(send_body=False)

        def do_POST(self):  # noqa: N802
            self._send(405, "text/plain; charset=utf-8", b"read-only: submit with `codemix leaderboard submit`", True)

        do_PUT = do_DELETE = do_PATCH = do_POST

        def _answer(self, send_body: bool) -> None:
            path = self.path.split("?", 1)[0]
            if path not in ("/", "/index.html", "/api/results"):
                self._send(404, "text/plain; charset=utf-8", b"not found", send_body)
                return
            try:
                results = read_results(db_path)
            except CodemixError as error:
                message = f"the leaderboard store is not available right now: {str(error).splitlines()[0][:300]}"
                self._send(503, "text/plain; charset=utf-8", message.encode("utf-8"), send_body)
                return
            if path == "/api/results":
                body = json.dumps(strict(results), ensure_ascii=False, default=str, allow_nan=False).encode("utf-8")
                self._send(200, "application/json; charset=utf-8", body, send_body)
            else:
                self._send(200, "text/html; charset=utf-8", render_page(results).encode("utf-8"), send_body)

        def _send(self, status: int, content_type: str, body: bytes, send_body: bool) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in SECURITY_HEADERS.items():
                self.send_header(name, value)
            self.end_headers()
            if send_body:
                self.wfile.write(body)

        def log_message(self, *args):
            pass

    try:
        return ThreadingHTTPServer((host, int(port)), Handler)
    except socket.gaierror:
        raise CodemixError(f"--host {host!r} is not a known host name or address on this machine") from None
    except OSError as error:
        if error.errno in (98, 48):  # EADDRINUSE on Linux, macOS
            raise CodemixError(f"port {port} on {host} is in use; pass another --port (0 picks a free one)") from None
        raise CodemixError(f"cannot listen on {host}:{port} ({error.strerror})") from None


def strict(value):
    """``value`` with every non-finite float replaced by ``None``, so the JSON is valid for any reader."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: strict(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [strict(item) for item in value]
    return value


def read_results(db_path: Path) -> dict:
    """The board's results from a fresh read-only connection (``CodemixError`` if the store is gone or damaged)."""
    import sqlite3

    from codemix.leaderboard.board import Leaderboard

    board = Leaderboard(db_path, read_only=True)
    try:
        return board.results()
    except sqlite3.DatabaseError as error:
        raise CodemixError(f"{db_path}: {error}") from None
    finally:
        board.close()
