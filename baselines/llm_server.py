"""``openai:MODEL@BASE_URL``: a model behind an OpenAI-compatible server, through the ``openai`` client.

This is how a model too big for one machine is evaluated: serve it on GPUs (vLLM, TGI,
llama.cpp server, Ollama) and let codemix be the client. Log-likelihoods come from
``/v1/completions`` with ``echo`` and ``logprobs`` (the prompt's own token log-probabilities,
as vLLM returns them); generation from ``/v1/chat/completions`` (or ``/v1/completions`` with
``chat=False``). Requests run ``concurrency`` at a time; server errors (HTTP 5xx, 429, dropped
connections, answers not complete within the timeout) are retried with exponential backoff.
The API key is read from an environment variable and never written anywhere.
"""

from __future__ import annotations

import json
import os
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Sequence

from codemix.baselines.bounded_call import Overtime, call_within, retry_pause
from codemix.common.errors import CodemixError

SCORING = "score a prompt"  # the log-likelihood request, named in errors
RETRIED_STATUSES = frozenset({408, 409, 429})  # and every 5xx: worth another try, as the openai client judges


class ServerError(CodemixError):
    """The server could not be reached, refused the request, or answered something unusable."""


class ServerLM:
    """A model on an OpenAI-compatible server behind codemix's prompting backend interface."""

    backend = "openai"

    def __init__(self, model: str, base_url: str, api_key_env: str | None = None, concurrency: int = 4,
                 timeout: float = 120.0, retries: int = 4, chat: bool = True):
        try:
            import openai
        except ImportError:
            raise CodemixError("openai: models need the 'openai' extra: pip install 'codemix[openai]'") from None
        from codemix.baselines.model import check_option_values

        check_option_values({"concurrency": concurrency, "timeout": timeout, "retries": retries})
        check_base_url(base_url)
        self.model_name = model
        self.base_url = base_url.rstrip("/")
        self.concurrency = int(concurrency)
        self.chat = chat
        self.calls = 0
        key_variable = api_key_env or "OPENAI_API_KEY"
        if api_key_env and not os.environ.get(api_key_env):
            raise CodemixError(f"--api-key-env {api_key_env}: that environment variable is not set")
        # a local server (vLLM, llama.cpp) accepts any key; the real one never leaves the environment
        # the retries are codemix's own, so that every attempt, not only each read, is bounded by the timeout
        self.client = openai.OpenAI(base_url=self.base_url, api_key=os.environ.get(key_variable) or "EMPTY",
                                    timeout=timeout, max_retries=0)
        self.retries = int(retries)
        self.timeout = float(timeout)
        self._openai = openai
        self._fingerprint = None

    def fingerprint(self) -> dict:
        """The server's own id for the model (``/v1/models``); fails clearly when it is unreachable."""
        if self._fingerprint is None:
            page = self._call("list the models", lambda: self.client.models.list())
            models = {getattr(m, "id", None): m for m in (getattr(page, "data", None) or [])}
            if not models:
                raise ServerError(f"the server at {self.base_url} answered /models with no model list; is it an "
                                  "OpenAI-compatible server?")
            if self.model_name not in models:
                raise ServerError(f"the server at {self.base_url} does not serve {self.model_name!r}; it serves: "
                                  f"{', '.join(sorted(str(k) for k in models))}")
            entry = models[self.model_name]
            self._fingerprint = {"server_model_id": self.model_name, "owned_by": getattr(entry, "owned_by", None),
                                 "root": getattr(entry, "root", None)}
        return self._fingerprint

    def describe(self) -> dict:
        """The backend as meta.json records it (no key, no headers)."""
        return {"backend": self.backend, "model": self.model_name, "base_url": self.base_url, "chat": self.chat,
                "concurrency": self.concurrency}

    # --- log-likelihood ------------------------------------------------------------------------

    def loglikelihoods(self, requests: Sequence[tuple[str, str]]) -> list[float]:
        """Sum of the continuation tokens' log-probabilities, from the echoed prompt."""
        return self._parallel(self._loglikelihood, list(requests))

    def _loglikelihood(self, request: tuple[str, str]) -> float:
        context, continuation = request
        text = context + continuation
        response = self._call(SCORING, lambda: self.client.completions.create(
            model=self.model_name, prompt=text, max_tokens=1, temperature=0.0, echo=True, logprobs=1))
        try:
            logprobs = response.choices[0].logprobs
            tokens, values = list(logprobs.tokens), list(logprobs.token_logprobs)
        except (AttributeError, IndexError, TypeError):
            raise ServerError(f"the server at {self.base_url} answered /completions without choices or echoed logprobs; "
                              "it may not support echo with logprobs: use --method generate") from None
        prompt_tokens = _prompt_part(tokens, response, len(text))
        return continuation_logprob(tokens[:prompt_tokens], values[:prompt_tokens], continuation, self.base_url)

    # --- generation ----------------------------------------------------------------------------

    def generate(self, prompts: Sequence[str], max_new_tokens: int, stop: Sequence[str] = ()) -> list[str]:
        """Greedy (temperature 0) answers, each cut at the first stop string."""
        from codemix.baselines.llm_local import cut_at_stop

        answers = self._parallel(lambda prompt: self._generate(prompt, max_new_tokens), list(prompts))
        return [cut_at_stop(answer, stop) for answer in answers]

    def _generate(self, prompt: str, max_new_tokens: int) -> str:
        if self.chat:
            response = self._call("generate", lambda: self.client.chat.completions.create(
                model=self.model_name, messages=[{"role": "user", "content": prompt}], max_tokens=max_new_tokens,
                temperature=0.0))
            text = _first(lambda: response.choices[0].message.content, self.base_url)
        else:
            response = self._call("generate", lambda: self.client.completions.create(
                model=self.model_name, prompt=prompt, max_tokens=max_new_tokens, temperature=0.0))
            text = _first(lambda: response.choices[0].text, self.base_url)
        if text is not None and not isinstance(text, str):
            raise ServerError(f"the server at {self.base_url} answered with {type(text).__name__} text, not a string")
        return text or ""

    # --- plumbing ------------------------------------------------------------------------------

    def _parallel(self, function, items: list) -> list:
        if self.concurrency == 1 or len(items) <= 1:
            return [function(item) for item in items]
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            return list(pool.map(function, items))

    def _call(self, what: str, request) -> Any:
        """``request()``'s response; each attempt bounded by the timeout as a whole, server errors,
        timeouts and dropped connections retried with backoff, everything else reported at once."""
        openai = self._openai
        self.calls += 1
        for attempt in range(self.retries + 1):
            retries_left = attempt < self.retries
            retry_after = None
            try:
                response = call_within(request, self.timeout)
            except (Overtime, openai.APITimeoutError):
                if not retries_left:
                    raise ServerError(f"the server at {self.base_url} did not answer in time ({what}) after "
                                      f"{self.retries} retries; raise --timeout or lower --concurrency") from None
            except openai.APIConnectionError as error:
                if not retries_left:
                    cause = str(error.__cause__ or error).rstrip(".")
                    raise ServerError(f"cannot reach the OpenAI-compatible server at {self.base_url} ({what}) after "
                                      f"{self.retries} retries: {cause}. Is it running, and is the URL right (it "
                                      "usually ends in /v1)?") from None
            except openai.AuthenticationError:
                raise ServerError(f"the server at {self.base_url} refused the API key (HTTP 401); set OPENAI_API_KEY "
                                  "or pass --api-key-env NAME") from None
            except openai.APIStatusError as error:
                retried = error.status_code in RETRIED_STATUSES or error.status_code >= 500
                if not (retried and retries_left):
                    after = f", after {self.retries} retries" if retried else ""
                    hint = ("; a server that cannot echo the prompt's log-probabilities on /completions takes "
                            "--method generate" if what == SCORING and not retried else "")
                    raise ServerError(f"the server at {self.base_url} answered HTTP {error.status_code} ({what}{after}): "
                                      f"{_short(error.message)}{hint}") from None
                retry_after = error.response.headers.get("retry-after")
            except (openai.APIError, json.JSONDecodeError) as error:  # e.g. a body that is not JSON
                raise ServerError(f"the server at {self.base_url} sent an unusable answer ({what}): "
                                  f"{_short(str(error))}; is it an OpenAI-compatible server?") from None
            else:
                if isinstance(response, (str, bytes)) or response is None:
                    raise ServerError(f"the server at {self.base_url} sent a non-JSON answer ({what}): "
                                      f"{_short(str(response))}")
                return response
            time.sleep(retry_pause(attempt, retry_after))
        raise AssertionError("unreachable: the last attempt returns or raises")


def check_base_url(base_url: str) -> None:
    """Refuse, before any request, a base URL no HTTP client can use.

    >>> check_base_url("http://localhost:8000/v1")
    >>> check_base_url("localhost:8000/v1")
    Traceback (most recent call last):
    ...
    codemix.baselines.llm_server.ServerError: the base URL 'localhost:8000/v1' is not an http:// or https:// URL with a host and a port from 1 to 65535 (e.g. http://localhost:8000/v1)
    """
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(base_url)
        usable = parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:  # a port out of range or not a number, an unclosed IPv6 bracket
        usable = False
    if not usable:
        raise ServerError(f"the base URL {base_url!r} is not an http:// or https:// URL with a host and a port from 1 to "
                          "65535 (e.g. http://localhost:8000/v1)")


def continuation_logprob(tokens: list[str], logprobs: list[float | None], continuation: str, where: str = "") -> float:
    """Sum of the log-probabilities of the last prompt tokens that spell ``continuation``.

    Tokens are walked back from the end of the prompt until their text covers the
    continuation; working from the end keeps multi-byte characters earlier in the prompt (whose
    token texts may not add up to the characters) out of the reckoning.

    >>> continuation_logprob(["Sentiment", ":", " positive"], [None, -1.0, -0.5], " positive")
    -0.5
    """
    covered, total, index = 0, 0.0, len(tokens)
    while covered < len(continuation):
        index -= 1
        if index < 1 or logprobs[index] is None:
            raise ServerError(f"the server at {where or 'the server'} echoed tokens that do not cover the "
                              f"continuation {continuation!r}")
        covered += len(tokens[index])
        total += float(logprobs[index])
    return total


def _prompt_part(tokens: list[str], response, text_length: int) -> int:
    """How many echoed tokens belong to the prompt (the rest were generated)."""
    generated = getattr(getattr(response, "usage", None), "completion_tokens", None)
    if isinstance(generated, int) and 0 <= generated <= len(tokens):
        return len(tokens) - generated
    offsets = getattr(response.choices[0].logprobs, "text_offset", None)
    if offsets:
        return sum(1 for offset in offsets if offset < text_length)
    raise ServerError("the server's echo reports neither usage.completion_tokens nor text_offset: cannot tell the "
                      "prompt's tokens from the generated one; use --method generate")


def _first(getter, where: str):
    try:
        return getter()
    except (AttributeError, IndexError, TypeError):
        raise ServerError(f"the server at {where} answered without choices[0] text; is it an OpenAI-compatible "
                          "server?") from None


def _short(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= 200 else text[:200] + "..."
