"""The download path against a local HTTP server on 127.0.0.1 (no test touches the network)."""

import hashlib
import http.server
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import replace

import pytest

from codemix.loaders.download import download
from codemix.common.errors import ChecksumError, DataNotFoundError, DownloadError
from codemix.loaders.files import resolve_file
from codemix.loaders.registry import get_spec

PAYLOAD = b"datetime,tweet,hate,sentiment,profanity\r\n" + b"x" * 5000
SHA = hashlib.sha256(PAYLOAD).hexdigest()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's naming)
        if self.path == "/ok.csv":
            self._send(PAYLOAD)
        elif self.path == "/tampered.csv":
            self._send(PAYLOAD[:-1] + b"y")
        elif self.path == "/drop.csv":
            self.send_response(200)
            self.send_header("Content-Length", str(len(PAYLOAD)))
            self.end_headers()
            self.wfile.write(PAYLOAD[:1000])
            self.wfile.flush()
            self.close_connection = True
        elif self.path == "/endless.csv":  # no Content-Length and a body that does not stop (bounded at 64 MB)
            self.send_response(200)
            self.end_headers()
            try:
                for _ in range(1024):
                    self.wfile.write(b"y" * 65536)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif self.path == "/announces-too-much.csv":
            self.send_response(200)
            self.send_header("Content-Length", str(10 * len(PAYLOAD)))
            self.end_headers()
            self.close_connection = True
        elif self.path == "/trickle.csv":  # one small block every 0.2 s (at most 5 s)
            self.send_response(200)
            self.end_headers()
            try:
                for _ in range(25):
                    self.wfile.write(b"z" * 10)
                    self.wfile.flush()
                    time.sleep(0.2)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        else:
            self.send_error(404, "Not Found")

    def _send(self, body: bytes):
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_download_success(server, tmp_path):
    target = tmp_path / "cache" / "ok.csv"
    download(f"{server}/ok.csv", target, SHA)
    assert target.read_bytes() == PAYLOAD
    assert leftovers(target.parent) == ["ok.csv"]


def test_a_download_shows_a_byte_bar_on_a_terminal_and_none_with_quiet(server, tmp_path, monkeypatch, capsys):
    from codemix.loaders.progress import set_quiet

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    download(f"{server}/ok.csv", tmp_path / "shown" / "ok.csv", SHA)
    assert "ok.csv" in capsys.readouterr().err  # the bar names the file
    set_quiet(True)
    try:
        download(f"{server}/ok.csv", tmp_path / "quiet" / "ok.csv", SHA)
    finally:
        set_quiet(False)
    assert capsys.readouterr().err == ""
    assert (tmp_path / "quiet" / "ok.csv").read_bytes() == PAYLOAD


@pytest.mark.parametrize("path, error, message", [
    ("/missing.csv", DownloadError, "HTTP 404"),
    ("/tampered.csv", ChecksumError, "but the corpus spec pins"),
    ("/drop.csv", DownloadError, "closed after 1,000 of 5,041 bytes|IncompleteRead"),
])
def test_failed_download_leaves_nothing(server, tmp_path, path, error, message):
    target = tmp_path / "cache" / "file.csv"
    with pytest.raises(error, match=message):
        download(f"{server}{path}", target, SHA)
    assert leftovers(target.parent) == []


def test_connection_refused_leaves_nothing(tmp_path):
    target = tmp_path / "cache" / "file.csv"
    with pytest.raises(DownloadError, match="download failed"):
        download("http://127.0.0.1:9/none.csv", target, SHA, timeout=5)
    assert leftovers(target.parent) == []


def allow_downloads(monkeypatch):
    monkeypatch.delenv("CODEMIX_OFFLINE", raising=False)
    monkeypatch.delenv("HF_DATASETS_OFFLINE", raising=False)


def spec_served_by(server, path="/ok.csv"):
    spec = get_spec("l3cube_mesent")
    file = replace(spec.files[0], url=f"{server}{path}", sha256=SHA, size=len(PAYLOAD))
    return replace(spec, files=(file,) + spec.files[1:]), file


def test_resolve_downloads_into_the_cache_then_reuses_it(server, fresh_home, monkeypatch, no_data_dir):
    allow_downloads(monkeypatch)
    spec, file = spec_served_by(server)
    first = resolve_file(spec, file)
    assert first.origin == "download" and first.path.read_bytes() == PAYLOAD
    assert first.path == fresh_home / "downloads" / "l3cube_mesent" / file.path
    second = resolve_file(spec, file)
    assert second.origin == "cache" and second.sha256 == SHA


def test_resolve_failure_names_url_path_and_licence(server, fresh_home, monkeypatch, no_data_dir):
    allow_downloads(monkeypatch)
    spec, file = spec_served_by(server, "/missing.csv")
    with pytest.raises(DataNotFoundError) as error:
        resolve_file(spec, file)
    message = str(error.value)
    assert f"{server}/missing.csv" in message and "HTTP 404" in message
    assert str(fresh_home / "downloads" / "l3cube_mesent" / file.path) in message
    assert "CC BY-NC-SA 4.0" in message
    assert leftovers(fresh_home / "downloads" / "l3cube_mesent") == []


def test_offline_without_files_is_one_clear_error(fresh_home, no_data_dir):
    spec = get_spec("l3cube_mesent")
    with pytest.raises(DataNotFoundError) as error:
        resolve_file(spec, spec.files[0])
    message = str(error.value)
    assert spec.files[0].url in message and "downloads are off" in message and "Licence terms" in message


@pytest.mark.parametrize("path, message", [
    ("/endless.csv", "longer than the 5,041 bytes the corpus spec expects; stopped"),
    ("/announces-too-much.csv", "announces 50,410 bytes, the corpus spec expects 5,041"),
    ("/ok.csv", None),
])
def test_the_expected_size_is_enforced_while_streaming(server, tmp_path, path, message):
    target = tmp_path / "dl" / "file.csv"
    if message is None:
        assert download(f"{server}{path}", target, SHA, size=len(PAYLOAD)).read_bytes() == PAYLOAD
        return
    started = time.perf_counter()
    with pytest.raises(DownloadError, match=message):
        download(f"{server}{path}", target, SHA, size=len(PAYLOAD))
    assert time.perf_counter() - started < 10 and leftovers(target.parent) == []


def test_a_trickling_server_hits_the_deadline(server, tmp_path):
    target = tmp_path / "dl" / "file.csv"
    with pytest.raises(DownloadError, match="still downloading after the deadline"):
        download(f"{server}/trickle.csv", target, None, timeout=5, deadline=0.5)
    assert leftovers(target.parent) == []


def test_stale_part_files_of_killed_downloads_are_cleaned(server, tmp_path):
    target = tmp_path / "dl" / "file.csv"
    target.parent.mkdir(parents=True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = target.parent / f".file.csv.{dead.stdout.strip()}.abc123.part"
    stale.write_bytes(b"half a file")
    running = target.parent / f".file.csv.{os.getppid()}.def456.part"  # a live process: left alone
    running.write_bytes(b"in progress")
    download(f"{server}/ok.csv", target, SHA, size=len(PAYLOAD))
    assert leftovers(target.parent) == sorted([running.name, "file.csv"])


def test_sigterm_during_a_download_leaves_no_part_file(server, tmp_path):
    target = tmp_path / "dl" / "file.csv"
    code = ("import sys; from codemix.loaders.download import download; "
            f"download({server + '/trickle.csv'!r}, __import__('pathlib').Path({str(target)!r}), None, timeout=10)")
    process = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE)
    for _ in range(100):  # wait until the .part file exists, then terminate
        if leftovers(target.parent):
            break
        time.sleep(0.05)
    assert leftovers(target.parent), "the download never started"
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 128 + signal.SIGTERM
    process.stderr.close()
    assert leftovers(target.parent) == []
