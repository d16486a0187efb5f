"""A small OpenAI-compatible HTTP server for the tests, on 127.0.0.1, serving a local causal LM.

It answers the three routes codemix uses the way vLLM does: ``GET /v1/models``, ``POST
/v1/completions`` (with ``echo`` + ``logprobs``: the prompt's own token log-probabilities, first
``None``, plus ``text_offset`` and ``usage``) and ``POST /v1/chat/completions`` (greedy). Faults
can be queued to test the client: ``"500"`` (one HTTP 500), ``"400"`` (one HTTP 400), ``"garbage"`` (a 200 whose body is
not JSON), ``"no_logprobs"`` (a 200 completion without logprobs), ``"no_choices"``, ``"trickle"``
(a 200 whose body comes one byte every 0.2 s, 20 s in all).
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class TinyOpenAIServer:
    """Serve ``backend`` (a ``LocalCausalLM``) as ``model_name``; use as a context manager."""

    def __init__(self, backend, model_name: str = "tiny-gpt2"):
        self.backend = backend
        self.model_name = model_name
        self.faults: list[str] = []
        self.requests: list[dict] = []
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The base URL, ending in /v1 like a vLLM server's."""
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    # --- what the routes compute -------------------------------------------------------------

    def completion(self, body: dict) -> dict:
        prompt, max_tokens = body["prompt"], int(body.get("max_tokens") or 16)
        with self.lock:  # one model, one request at a time
            generated = self.backend.generate([prompt], max_tokens)[0]
            if not body.get("echo"):
                return self._choice({"text": generated, "index": 0, "logprobs": None, "finish_reason": "length"}, 0, 0)
            ids, logprobs = self.backend.token_logprobs(prompt)
            _, generated_logprobs = self.backend.token_logprobs(prompt + generated) if generated else ([], [])
        tokens = [self.backend.tokenizer.decode([i]) for i in ids]
        new_ids = self.backend.tokenizer(generated, add_special_tokens=False)["input_ids"] if generated else []
        tokens += [self.backend.tokenizer.decode([i]) for i in new_ids]
        logprobs = logprobs + list(generated_logprobs[len(ids):len(ids) + len(new_ids)])
        offsets, position = [], 0
        for token in tokens:
            offsets.append(position)
            position += len(token)
        choice = {"text": prompt + generated, "index": 0, "finish_reason": "length",
                  "logprobs": {"tokens": tokens, "token_logprobs": logprobs, "text_offset": offsets, "top_logprobs": None}}
        return self._choice(choice, len(ids), len(new_ids))

    def chat(self, body: dict) -> dict:
        prompt = body["messages"][-1]["content"]
        with self.lock:
            text = self.backend.generate([prompt], int(body.get("max_tokens") or 16))[0]
        return {"id": "chat-1", "object": "chat.completion", "created": 0, "model": self.model_name,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}}

    def _choice(self, choice: dict, prompt_tokens: int, completion_tokens: int) -> dict:
        return {"id": "cmpl-1", "object": "text_completion", "created": 0, "model": self.model_name, "choices": [choice],
                "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                          "total_tokens": prompt_tokens + completion_tokens}}

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's naming
                if self.path.rstrip("/") == "/v1/models":
                    self._json(200, {"object": "list", "data": [{"id": server.model_name, "object": "model",
                                                                 "owned_by": "codemix-tests", "root": "tiny"}]})
                else:
                    self._json(404, {"error": {"message": "not found"}})

            def do_POST(self):  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                server.requests.append({"path": self.path, **body})
                fault = server.faults.pop(0) if server.faults else None
                if fault == "500":
                    self._json(500, {"error": {"message": "injected failure", "type": "server_error"}})
                    return
                if fault == "400":  # what a server says to a request it will not serve, e.g. echo with logprobs
                    self._json(400, {"error": {"message": "echo is not supported", "type": "invalid_request_error"}})
                    return
                if fault == "garbage":
                    self._raw(200, b"<html>this is not json</html>", "application/json")
                    return
                if fault == "trickle":  # one byte of a long body every 0.2 s: each read is quick
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", "100")
                    self.end_headers()
                    for _ in range(100):
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        time.sleep(0.2)
                    return
                if self.path.endswith("/chat/completions"):
                    answer = server.chat(body)
                elif self.path.endswith("/completions"):
                    answer = server.completion(body)
                else:
                    self._json(404, {"error": {"message": "not found"}})
                    return
                if fault == "no_logprobs":
                    answer["choices"][0]["logprobs"] = None
                if fault == "no_choices":
                    answer.pop("choices")
                self._json(200, answer)

            def _json(self, status: int, payload: dict) -> None:
                self._raw(status, json.dumps(payload).encode("utf-8"), "application/json")

            def _raw(self, status: int, body: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler
