"""Tasks: registry, scoring (token tasks pooled), label checks, ClassLabel, CLI."""

import pytest

import codemix
from codemix.cli import main
from codemix.common.errors import UnknownNameError
from codemix.tasks.metrics import MetricInputError


def test_list_and_get_tasks():
    assert codemix.list_tasks() == ["lid", "offensive", "pos", "sentiment"]
    pos = codemix.get_task("pos")
    assert (pos.field, pos.level, pos.main_score, len(pos.labels)) == ("upos", "token", "accuracy", 17)
    assert codemix.get_task("sentiment").labels == ("negative", "neutral", "positive")
    with pytest.raises(UnknownNameError, match="Did you mean 'pos'"):
        codemix.get_task("pso")


def test_token_scores_pool_all_tokens():
    lid = codemix.get_task("lid")
    gold = [["hi", "hi", "en"], ["en"]]
    pred = [["hi", "en", "en"], ["hi"]]
    scores = lid.score(gold, pred)
    # pooled: 2 of 4 right; the per-sentence average would be (2/3 + 0) / 2
    assert scores["accuracy"] == 0.5 and scores["n"] == 4 and scores["main"] == "macro_f1"
    assert set(scores["per_label"]) == {"hi", "en"}
    assert lid.score(["hi", "en"], ["hi", "hi"])["accuracy"] == 0.5  # flat lists are accepted too


def test_score_errors_name_the_sentence_and_labels():
    lid = codemix.get_task("lid")
    with pytest.raises(MetricInputError, match="sentence 1 has 1 gold tokens but pred has 2"):
        lid.score([["hi"], ["en"]], [["hi"], ["en", "en"]])
    with pytest.raises(MetricInputError, match=r"pred has labels \['Hindi'\] outside the allowed set"):
        lid.score([["hi"]], [["Hindi"]])
    with pytest.raises(MetricInputError, match="gold holds None"):
        codemix.get_task("sentiment").score(["positive", None], ["positive", "neutral"])


def test_class_label_follows_the_canonical_order():
    label = codemix.get_task("offensive").class_label()
    assert label.names == ["not_offensive", "offensive"] and label.str2int("offensive") == 1


def test_tasks_command(capsys):
    assert main(["tasks", "list"]) == 0
    out = capsys.readouterr().out
    assert "pos" in out and "upos" in out and "accuracy" in out and "token" in out


def test_corpus_stats_command_prints_writes_markdown_and_plots(tmp_path, capsys):
    argv = ["corpora", "stats", "demo_bnen", "--markdown", str(tmp_path / "card.md"), "--plots", str(tmp_path / "plots")]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "| train | 150 |" in out and "Labels for offensive:" in out and "Beng" in out
    assert (tmp_path / "card.md").read_text().startswith("# demo_bnen")
    pngs = sorted(p.name for p in (tmp_path / "plots").iterdir())
    assert "demo_bnen_cmi_histogram.png" in pngs and "demo_bnen_pos_labels.png" in pngs
    assert all((tmp_path / "plots" / p).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)


def test_figures_name_only_installed_fonts_so_matplotlib_has_nothing_to_warn(tmp_path, caplog):
    from codemix.tasks.plot_style import installed_families

    assert installed_families(["No Such Family", "DejaVu Sans", "sans-serif"]) == ["DejaVu Sans", "sans-serif"]
    with caplog.at_level("WARNING"):
        assert main(["corpora", "stats", "demo_bnen", "--plots", str(tmp_path / "plots")]) == 0
    assert [r.getMessage() for r in caplog.records if "font" in r.getMessage().lower()] == []
