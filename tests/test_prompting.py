"""Prompted models: templates (golden prompt text), answer parsing, few-shot draws, the local
``llm:`` backend on a tiny GPT-2 built here, the response cache, and the ``openai:`` backend
against a local OpenAI-compatible server serving the same tiny model."""

import json
import time

import pytest

import codemix
from codemix.baselines.fewshot import draw_examples
from codemix.baselines.llm_local import LocalCausalLM
from codemix.baselines.llm_server import ServerError, ServerLM
from codemix.baselines.model import resolve_model
from codemix.baselines.prompted import PromptedModel
from codemix.baselines.prompts import TEMPLATE_DIR, load_template, parse_label, parse_tags, render_prompt
from codemix.leaderboard import Leaderboard
from codemix.common.errors import CodemixError
from openai_server import TinyOpenAIServer
from tiny_models import build_tiny_gpt2, demo_texts

SENTIMENT = codemix.get_task("sentiment")
LID = codemix.get_task("lid")
TRAIN = [  # synthetic training records: what few-shot draws may use
    {"id": "t:train:1", "split": "train", "text": "movie bekar thi", "tokens": ["movie", "bekar", "thi"],
     "sentiment": "negative", "lid": ["en", "hi", "hi"]},
    {"id": "t:train:2", "split": "train", "text": "gaana mast hai", "tokens": ["gaana", "mast", "hai"],
     "sentiment": "positive", "lid": ["hi", "hi", "hi"]},
    {"id": "t:train:3", "split": "train", "text": "match theek tha", "tokens": ["match", "theek", "tha"],
     "sentiment": "neutral", "lid": ["en", "hi", "hi"]},
    {"id": "t:train:4", "split": "train", "text": "khana awesome tha", "tokens": ["khana", "awesome", "tha"],
     "sentiment": "positive", "lid": ["hi", "en", "hi"]},
]
QUERY = {"text": "yaar ye phone accha hai", "tokens": ["yaar", "ye", "phone", "accha", "hai"]}
INSTRUCTION = ("The following text is written in Hindi-English, mixing the languages (code-mixed), in Roman or native "
               "script. Classify its sentiment as one of: negative, neutral, positive.")


def test_zero_shot_sentiment_prompt_is_exactly_as_documented():
    prompt = render_prompt(load_template(SENTIMENT), SENTIMENT, "hi-en", QUERY)
    assert prompt == INSTRUCTION + "\n\nText: yaar ye phone accha hai\nSentiment:"


def test_two_shot_prompt_draws_stratified_examples_from_train():
    examples = draw_examples(SENTIMENT, TRAIN, 2, seed=0)
    assert sorted(gold for _, gold in examples) in (["negative", "neutral"], ["negative", "positive"], ["neutral", "positive"])
    assert len({gold for _, gold in examples}) == 2  # two different labels, never the same one twice
    assert examples == draw_examples(SENTIMENT, TRAIN, 2, seed=0)  # seeded
    prompt = render_prompt(load_template(SENTIMENT), SENTIMENT, "hi-en", QUERY, examples)
    shown = "".join(f"\n\nText: {record['text']}\nSentiment: {gold}" for record, gold in examples)
    assert prompt == INSTRUCTION + shown + "\n\nText: yaar ye phone accha hai\nSentiment:"
    with pytest.raises(CodemixError, match="train split only"):
        draw_examples(SENTIMENT, [dict(TRAIN[0], split="test")], 1, seed=0)


def test_token_prompt_numbers_tokens_and_offers_the_pairs_tags():
    examples = draw_examples(LID, TRAIN[:1], 1, seed=3)
    prompt = render_prompt(load_template(LID), LID, "hi-en", QUERY, examples)
    assert prompt.endswith("Tokens:\n1\tmovie\n2\tbekar\n3\tthi\nTags:\n1\tmovie\ten\n2\tbekar\thi\n3\tthi\thi\n\n"
                           "Tokens:\n1\tyaar\n2\tye\n3\tphone\n4\taccha\n5\thai\nTags:\n")
    assert "en = English; hi = Hindi; ne = named entity" in prompt and "bn = " not in prompt and "mr = " not in prompt


@pytest.mark.parametrize("answer, label", [
    (" positive", "positive"), ("Positive.", "positive"), ("It is NEGATIVE overall", "negative"),
    ("neutral, maybe positive", "neutral"), ("I cannot tell", None), ("", None), ("positively", None),
    ("<think>Not negative, and neutral does not fit.</think>\nPositive", "positive"),  # a reasoning model's answer
    ("<THINK>negative? neutral?", None),  # it ran out of tokens while reasoning: no answer
])
def test_generated_sentence_answers_are_parsed_or_count_as_no_answer(answer, label):
    assert parse_label(load_template(SENTIMENT), answer) == label


def test_token_answers_are_aligned_and_every_fault_counted():
    template = load_template(LID)
    parsed = parse_tags(template, "1\tyaar\thi\n2\tye\tHindi\n3. phone en\n3\tphone\ten\n9\tx\ten\n5\thai\txx\n", 5)
    assert parsed.tags == ["hi", "hi", "en", None, None]
    assert (parsed.missing, parsed.extra, parsed.unknown) == (1, 2, 1)
    unnumbered = parse_tags(template, "hi\nhi\nen\n", 4)
    assert unnumbered.tags == ["hi", "hi", "en", None] and unnumbered.missing == 1
    reasoned = parse_tags(template, "<think>1 yaar: en? 2 ye: en</think>\n1\tyaar\thi\n2\tye\thi\n", 2)
    assert reasoned.tags == ["hi", "hi"] and (reasoned.missing, reasoned.extra, reasoned.unknown) == (0, 0, 0)


def test_a_users_template_file_is_checked(tmp_path):
    bad = tmp_path / "t.json"
    bad.write_text(json.dumps({"name": "x", "version": "1", "task": "sentiment", "instruction": "i", "example": "e",
                               "query": "{text}", "separator": "\n", "verbalisers": {"positive": "good"}}))
    with pytest.raises(CodemixError, match=r"verbalisers must cover exactly the sentiment labels; missing \['negative', 'neutral'\]"):
        load_template(SENTIMENT, bad)
    (tmp_path / "broken.json").write_text("{not json")
    with pytest.raises(CodemixError, match="broken.json:1: prompt template is not valid JSON"):
        load_template(SENTIMENT, tmp_path / "broken.json")


@pytest.mark.parametrize("change, message", [
    ({"query": "Text: {text.__class__}"}, "'query' names the slot '{text.__class__}'; its slots are {text} (plain names only)"),
    ({"query": "Text: {text[0]}"}, "'query' names the slot '{text[0]}'"),
    ({"query": "Text: {text:>999999999}"}, "'query' names the slot '{text:>999999999}'"),
    ({"query": "Text: {text!r}"}, "'query' names the slot '{text!r}'"),
    ({"query": "Text: {}"}, "'query' names the slot '{}'"),
    ({"query": "Text: {txt}"}, "'query' names the slot '{txt}'; its slots are {text}"),
    ({"query": "Text: {numbered_tokens}"}, "'query' names the slot '{numbered_tokens}'; its slots are {text}"),
    ({"query": "Text: {text"}, "'query' is not a valid template (expected '}' before end of string); write a literal brace as {{ or }}"),
    ({"query": "Sentiment:"}, "'query' never names {text}, so the prompt would not show the item to classify"),
    ({"example": "{text} {label}"}, "'example' names the slot '{label}'; its slots are {answer}, {text}"),
    ({"instruction": "{language}"}, "'instruction' names the slot '{language}'; its slots are {label_descriptions}, {label_list}, {language_pair}"),
    ({"version": {"major": 1}}, "'version' must be a string, not dict"),
    ({"verbalisers": {"negative": 1, "neutral": "meh", "positive": "good"}}, "'verbalisers' must be an object of strings"),
])
def test_a_templates_slots_and_types_are_checked_before_any_prompt(tmp_path, change, message):
    data = json.loads((TEMPLATE_DIR / "sentiment.json").read_text()) | change
    (tmp_path / "t.json").write_text(json.dumps(data))
    with pytest.raises(CodemixError) as error:
        load_template(SENTIMENT, tmp_path / "t.json")
    assert str(error.value) == f"{tmp_path / 't.json'}: {message}" or message in str(error.value)
    assert str(error.value).startswith(f"{tmp_path / 't.json'}: ")


def test_literal_braces_render_and_a_template_for_no_task_is_refused(tmp_path, tiny_llm):
    data = json.loads((TEMPLATE_DIR / "sentiment.json").read_text()) | {"query": "Text {{quoted}}: {text}\nSentiment:"}
    (tmp_path / "t.json").write_text(json.dumps(data))
    prompt = render_prompt(load_template(SENTIMENT, tmp_path / "t.json"), SENTIMENT, "hi-en", QUERY)
    assert prompt.endswith("Text {quoted}: " + QUERY["text"] + "\nSentiment:")
    (tmp_path / "n.json").write_text(json.dumps(data | {"task": "sentimnet"}))
    with pytest.raises(CodemixError, match=r"n.json: a template is a JSON object whose \"task\" field names its task "
                                           r"\(lid, offensive, pos, sentiment\); its \"task\" is 'sentimnet'"):
        codemix.evaluate(f"llm:{tiny_llm}", corpora=["demo_hien"], model_options={"template": str(tmp_path / "n.json")},
                         out=tmp_path / "run", progress=False)
    assert not (tmp_path / "run").exists()


def test_a_cache_file_that_is_not_codemixs_or_is_damaged_is_one_error_naming_it(tmp_path):
    import sqlite3

    from codemix.baselines.response_cache import ResponseCache

    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE responses (x)")
    with pytest.raises(CodemixError, match=f"response cache {foreign}: not usable \\(no such column: key\\); pass another "
                                           "--cache PATH or --no-cache"):
        ResponseCache(foreign)
    cache = ResponseCache(tmp_path / "ours.sqlite")
    cache.put_many({"a": {"text": "positive"}})
    assert cache.get_many(["a", "b"]) == {"a": {"text": "positive"}} and (cache.hits, cache.misses) == (1, 1)
    cache._db.execute("UPDATE responses SET response = '{broken'")
    with pytest.raises(CodemixError, match="ours.sqlite: not usable \\(Expecting property name"):
        cache.get_many(["a"])
    cache._db.execute("PRAGMA query_only = ON")  # what a file made read-only during the run does to the writes
    with pytest.raises(CodemixError, match="ours.sqlite: not usable \\(attempt to write a readonly database\\)"):
        cache.put_many({"c": {"text": "neutral"}})
    assert not cache._db.in_transaction


# --- a tiny causal LM, locally and behind a server --------------------------------------------

@pytest.fixture(scope="module")
def tiny_llm(tmp_path_factory):
    return build_tiny_gpt2(tmp_path_factory.mktemp("tiny-gpt2"), demo_texts())


def test_llm_spec_on_all_four_tasks_gives_valid_submissions_and_reruns_from_cache(tiny_llm, tmp_path):
    cache = tmp_path / "responses.sqlite"
    model = resolve_model(f"llm:{tiny_llm}", cache=cache)
    scores = codemix.evaluate(model, corpora=["demo_hien"], out=tmp_path / "run", shots=2, progress=False)
    assert sorted(scores) == ["lid/demo_hien", "offensive/demo_hien", "pos/demo_hien", "sentiment/demo_hien"]
    for cell, result in scores.items():
        counts = result["prompting"]
        assert counts["records"] == 30 and counts["cached"] == 0 and counts["model_calls"] > 0
        if cell.startswith(("lid", "pos")):  # every token is accounted for: tagged, or counted as missing/unknown
            assert result["unanswered"] == counts["missing_tags"] + counts["unknown_tags"]
    meta = json.loads((tmp_path / "run" / "meta.json").read_text())
    assert meta["kind"] == "prompted" and meta["shots"] == 2 and meta["seed"] == 0
    assert meta["prompt_templates"]["sentiment"] == {"name": "codemix-sentiment", "version": "1.0", "source": "shipped"}
    assert len(meta["fingerprint"]["sha256"]) == 64 and "model.safetensors" in meta["fingerprint"]["files"]
    assert meta["model_details"]["templates"]["lid"]["verbalisers"]["hi"] == "hi"  # the template is stored whole
    board = Leaderboard(tmp_path / "lb.sqlite")
    board.init(["demo_hien"])
    assert board.validate(tmp_path / "run") == []

    calls_before = model.backend.calls
    again = codemix.evaluate(model, corpora=["demo_hien"], out=tmp_path / "run2", shots=2, progress=False)
    assert model.backend.calls == calls_before, "a rerun must be served from the cache"
    assert all(again[c]["prompting"]["model_calls"] == 0 and again[c]["prompting"]["cached"] > 0 for c in again)
    assert {c: again[c]["main"] for c in again} == {c: scores[c]["main"] for c in scores}
    fresh = resolve_model(f"llm:{tiny_llm}", cache=cache)  # a new process reads the same cache file
    codemix.evaluate(fresh, tasks=["sentiment"], corpora=["demo_hien"], out=tmp_path / "run3", shots=2, progress=False)
    assert fresh.backend.calls == 0


def test_a_short_context_cuts_the_prompt_and_shortens_the_answer_counting_both(tmp_path):
    backend = LocalCausalLM(build_tiny_gpt2(tmp_path / "short", demo_texts(), positions=48))
    assert backend.max_length == 48
    answers = backend.generate(["yaar movie " * 40, "ok"], max_new_tokens=100)  # a token task's budget
    assert len(answers) == 2 and backend.truncated == 1 and backend.shortened_answers == 2
    assert backend.generate(["ok"], max_new_tokens=8) and backend.shortened_answers == 2  # fits: nothing shortened
    details = backend.describe()
    assert details["truncated_inputs"] == 1 and details["shortened_answers"] == 2


def test_loglik_choice_is_the_most_likely_verbaliser(tiny_llm):
    backend = LocalCausalLM(tiny_llm)
    model = PromptedModel(backend, f"llm:{tiny_llm}", cache=False)
    records = [dict(QUERY, id="q1", corpus="demo_hien"), dict(QUERY, id="q2", corpus="demo_hien", text="bahut bura tha")]
    predicted = model.predict(SENTIMENT, records)
    template = load_template(SENTIMENT)
    for record, label in zip(records, predicted):
        prompt = render_prompt(template, SENTIMENT, "hi-en", record)
        scores = backend.loglikelihoods([(prompt, " " + template.verbalisers[l]) for l in SENTIMENT.labels])
        assert label == SENTIMENT.labels[scores.index(max(scores))]


def test_openai_server_gives_the_same_loglikelihoods_and_predictions_as_local(tiny_llm, tmp_path):
    local = LocalCausalLM(tiny_llm)
    template = load_template(SENTIMENT)
    test = [dict(r) for r in codemix.load("demo_hien", split="test")][:12]
    requests = [(render_prompt(template, SENTIMENT, "hi-en", r), " " + v) for r in test for v in template.verbalisers.values()]
    with TinyOpenAIServer(LocalCausalLM(tiny_llm)) as server:
        remote = ServerLM("tiny-gpt2", server.url, concurrency=3)
        assert remote.loglikelihoods(requests) == pytest.approx(local.loglikelihoods(requests), abs=1e-4)
        spec = f"openai:tiny-gpt2@{server.url}"
        for method in ("loglik", "generate"):
            options = {"cache": False, "method": method}
            via_server = codemix.evaluate(spec, tasks=["sentiment", "offensive"], corpora=["demo_hien"], shots=1,
                                          out=tmp_path / f"server-{method}", progress=False, model_options=options)
            # one prompt per forward pass, as the server runs them: no padding, the same numbers
            via_local = codemix.evaluate(f"llm:{tiny_llm}", tasks=["sentiment", "offensive"], corpora=["demo_hien"], shots=1,
                                         out=tmp_path / f"local-{method}", progress=False,
                                         model_options=options | {"batch_size": 1})
            for name in ("sentiment.demo_hien.jsonl", "offensive.demo_hien.jsonl"):
                assert (tmp_path / f"server-{method}" / name).read_text() == (tmp_path / f"local-{method}" / name).read_text()
            assert {c: s["main"] for c, s in via_server.items()} == {c: s["main"] for c, s in via_local.items()}
        meta = json.loads((tmp_path / "server-loglik" / "meta.json").read_text())
        assert meta["fingerprint"]["server_model_id"] == "tiny-gpt2" and "api_key" not in json.dumps(meta).lower()


def test_openai_server_faults_are_retried_or_reported_clearly(tiny_llm):
    request = [("Text: yaar\nSentiment:", " positive")]
    with TinyOpenAIServer(LocalCausalLM(tiny_llm)) as server:
        remote = ServerLM("tiny-gpt2", server.url, retries=2)
        expected = remote.loglikelihoods(request)
        server.faults = ["500"]  # one failure, then success: retried with backoff
        assert remote.loglikelihoods(request) == expected and server.faults == []
        server.faults = ["500"] * 5
        with pytest.raises(ServerError, match=r"answered HTTP 500 .*after 2 retries"):
            remote.loglikelihoods(request)
        server.faults, before = ["400", "400"], len(server.requests)
        with pytest.raises(ServerError, match=r"answered HTTP 400 \(score a prompt\): Error code: 400 - echo is not "
                                              r"supported; a server that cannot echo .* takes --method generate$"):
            remote.loglikelihoods(request)
        assert len(server.requests) == before + 1 and server.faults == ["400"]  # a 400 is not retried
        server.faults = []
        for fault, message in (("garbage", "unusable answer"), ("no_logprobs", "without choices or echoed logprobs"),
                               ("no_choices", "without choices or echoed logprobs")):
            server.faults = [fault] * 5
            with pytest.raises(ServerError, match=message):
                remote.loglikelihoods(request)
        server.faults = ["no_choices"]
        with pytest.raises(ServerError, match="without choices"):
            remote.generate(["hello"], 4)
        server.faults = []
        with pytest.raises(ServerError, match="does not serve 'other-model'; it serves: tiny-gpt2"):
            ServerLM("other-model", server.url).fingerprint()


def test_an_answer_trickling_in_is_cut_off_at_the_timeout_as_a_whole(tiny_llm):
    with TinyOpenAIServer(LocalCausalLM(tiny_llm)) as server:
        remote = ServerLM("tiny-gpt2", server.url, timeout=1.0, retries=1)
        server.faults = ["trickle", "trickle"]
        started = time.perf_counter()
        with pytest.raises(ServerError, match=r"did not answer in time \(generate\) after 1 retries"):
            remote.generate(["hello"], 4)
        assert time.perf_counter() - started < 8 and len(server.requests) == 2
        server.faults = ["trickle"]  # the retry gets a whole answer
        assert remote.generate(["hello"], 4) == ServerLM("tiny-gpt2", server.url).generate(["hello"], 4)


def test_unreachable_server_fails_fast_naming_the_url(tmp_path):
    started = time.perf_counter()
    with pytest.raises(ServerError, match=r"cannot reach the OpenAI-compatible server at http://127.0.0.1:9/v1"):
        codemix.evaluate("openai:some-model@http://127.0.0.1:9/v1", corpora=["demo_hien"], out=tmp_path / "run",
                         progress=False, model_options={"retries": 0})
    assert time.perf_counter() - started < 30 and not (tmp_path / "run").exists()


def test_an_api_key_variable_that_is_not_set_is_named(monkeypatch):
    monkeypatch.delenv("MY_KEY", raising=False)
    with pytest.raises(CodemixError, match="--api-key-env MY_KEY: that environment variable is not set"):
        ServerLM("m", "http://127.0.0.1:9/v1", api_key_env="MY_KEY")


def test_test_only_corpus_runs_zero_shot_or_takes_examples_from_another_corpus(tiny_llm):
    from codemix.baselines.evaluation import _prepare

    model = resolve_model(f"llm:{tiny_llm}", cache=False)
    demo = codemix.load("demo_hien")
    test_only = {"test": demo["test"]}
    notes = []
    assert _prepare(model, SENTIMENT, "demo_hien", test_only, 2, 0, None, None, notes.append) == (0, None)
    assert model.examples[("sentiment", "demo_hien")] == [] and "runs zero-shot" in notes[0]
    donor = codemix.load("demo_bnen")
    assert _prepare(model, SENTIMENT, "demo_hien", test_only, 2, 0, donor, "demo_bnen", notes.append) == (2, "demo_bnen")
    examples = model.examples[("sentiment", "demo_hien")]
    assert len(examples) == 2 and all(r["id"].startswith("demo_bnen:train:") for r, _ in examples)
    assert "pair bn-en, not hi-en" in notes[1]
    with pytest.raises(CodemixError, match="needs a training split"):
        draw_examples(SENTIMENT, None, 2, seed=0)
