"""``codemix leaderboard serve``: the page, live from the store, plus ``/api/results``; read-only."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from codemix.leaderboard.page import render_page


def make_server(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """A server that opens the store read-only for every request (so a submit shows at once)."""
    db_path = Path(db_path)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            path = self.path.split("?", 1)[0]
            if path not in ("/", "/index.html", "/api/results"):
                self._send(404, "text/plain; charset=utf-8", b"not found")
                return
            results = read_results(db_path)
            if path == "/api/results":
                body = json.dumps(results, ensure_ascii=False, default=str).encode("utf-8")
                self._send(200, "application/json; charset=utf-8", body)
            else:
                self._send(200, "text/html; charset=utf-8", render_page(results).encode("utf-8"))

        def do_POST(self):  # noqa: N802
            self._send(405, "text/plain; charset=utf-8", b"read-only: submit with `codemix leaderboard submit`")

        do_PUT = do_DELETE = do_PATCH = do_POST

        def _send(self, status: int, content_type: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return ThreadingHTTPServer((host, port), Handler)


def read_results(db_path: Path) -> dict:
    from codemix.leaderboard.board import Leaderboard
    from codemix.leaderboard.store import connect

    board = Leaderboard(db_path)
    board._connection = connect(db_path, read_only=True)
    try:
        return board.results()
    finally:
        board.close()
