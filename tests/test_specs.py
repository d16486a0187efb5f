"""Spec validation and discovery: malformed specs fail at import, naming their file."""

import sys
import types
from dataclasses import replace

import pytest

import codemix

from codemix.loaders import registry
from codemix.common.errors import SpecError
from codemix.loaders.registry import all_specs, get_spec
from codemix.loaders.spec import FileSpec, LabelMap, SplitPolicy, validate_spec


def test_every_registered_spec_is_valid_and_named_after_its_file():
    for name, spec in all_specs().items():
        assert spec.name == name
        validate_spec(spec, name)
        assert spec.version and spec.citation and spec.license


@pytest.mark.parametrize("change, message", [
    ({"name": "Bad-Name"}, "name must be lower_snake_case"),
    ({"version": "1"}, "version '1' must look like 1.0.0"),
    ({"languages": ("hindi",)}, "language 'hindi' must be a BCP-47 tag"),
    ({"tasks": ("ner",)}, "task 'ner' is not one of"),
    ({"format": "xml"}, "format 'xml' is not one of"),
    ({"license": ""}, "description, license and citation are required"),
    ({"split_policy": SplitPolicy("random")}, "split policy 'random' is not one of"),
    ({"columns": {"text": "tweet"}}, "task 'sentiment' needs a column for record field 'sentiment'"),
    ({"columns": {"text": "tweet", "sentiment": "sentiment", "label": "x"}}, "column map target 'label' is not a record field"),
    ({"label_maps": {"sentiment": LabelMap.of({"-1.0": "negative"})}}, "'-1.0' -> 'negative' is not obvious; give a one-line why"),
    ({"label_maps": {"sentiment": LabelMap.of({"pos": ("positive!", "x")})}}, "'pos' -> 'positive!' is not in"),
    ({"label_maps": {}}, "record field 'sentiment' has a column but no label map"),
    ({"empty_tokens": "ignore"}, "empty_tokens must be one of"),
])
def test_malformed_specs_are_rejected(change, message):
    spec = replace(get_spec("l3cube_mesent"), **change)
    with pytest.raises(SpecError) as error:
        validate_spec(spec, "loaders/corpora/x.py")
    assert str(error.value).startswith("loaders/corpora/x.py: corpus spec")
    assert message in str(error.value)


@pytest.mark.parametrize("file_change, message", [
    ({"sha256": "abc"}, "sha256 must be 64 lowercase hex digits"),
    ({"sha256": None}, "a sha256 is required"),
    ({"url": "http://example.org/x.csv"}, "a pinned https URL is required"),
    ({"path": "../x.csv"}, "paths are relative to the corpus folder"),
    ({"role": "gold"}, "role 'gold' is not one of"),
    ({"split": "dev"}, "split 'dev' is not one of"),
])
def test_malformed_file_entries_are_rejected(file_change, message):
    spec = get_spec("l3cube_mesent")
    files = (replace(spec.files[0], **file_change),) + spec.files[1:]
    with pytest.raises(SpecError, match=message):
        validate_spec(replace(spec, files=files), "x.py")


def test_discovery_rejects_a_spec_whose_name_differs_from_its_file(monkeypatch):
    module = types.ModuleType("codemix.loaders.corpora.zz_wrong")
    module.SPEC = replace(get_spec("l3cube_mesent"))
    module.__file__ = "loaders/corpora/zz_wrong.py"
    monkeypatch.setitem(sys.modules, "codemix.loaders.corpora.zz_wrong", module)
    real_iter = registry.pkgutil.iter_modules

    def iter_with_extra(path):
        yield from real_iter(path)
        yield types.SimpleNamespace(name="zz_wrong")
    monkeypatch.setattr(registry.pkgutil, "iter_modules", iter_with_extra)
    registry.all_specs.cache_clear()
    try:
        with pytest.raises(SpecError, match="zz_wrong.py: SPEC.name 'l3cube_mesent' must equal the file name 'zz_wrong'"):
            registry.all_specs()
    finally:
        registry.all_specs.cache_clear()


def test_file_spec_options_are_read_only():
    file = FileSpec("a.csv", "https://x/a.csv", "0" * 64, options={"header": ("a",)})
    with pytest.raises(TypeError):
        file.options["header"] = ("b",)


def test_label_map_clean_rules_and_case_folding():
    from codemix.loaders.spec import STRIP_SPACES

    label_map = LabelMap.of({"N_NN": ("NOUN", "x"), "V_VAUX": ("AUX", "x")}, clean=(("§.*$", "", "x"), STRIP_SPACES),
                            ignore_case=True)
    assert label_map.lookup("N_NN") == ("NOUN", None)
    assert label_map.lookup("N_NN§N_NNP") == ("NOUN", "§.*$")
    assert label_map.lookup(" N_NN ")[0] == "NOUN"
    assert label_map.lookup("v_VAUX") == ("AUX", "case-insensitive match")
    with pytest.raises(KeyError):
        label_map.lookup("JJ")
    with pytest.raises(KeyError):
        LabelMap.of({"N_NN": ("NOUN", "x")}).lookup("n_nn")


def test_every_corpus_carries_bibtex_and_cite_prints_each_paper_once(capsys):
    from codemix.cli import main
    from codemix.loaders.citations import bibtex_keys, references_bib

    for name in codemix.list_corpora():
        keys = bibtex_keys(codemix.corpus_info(name).bibtex)
        assert keys, f"{name} has no BibTeX entry"
    text = references_bib(["icon2016_hien_pos", "icon2016_bnen_pos", "sail2017_hien"])
    assert bibtex_keys(text) == ["codemix", "jamatia2015pos", "icon2016pos", "patra2018sail", "khanuja2020gluecos"]
    assert main(["corpora", "cite", "trac2018_hien_aggression"]) == 0
    assert bibtex_keys(capsys.readouterr().out) == ["codemix", "kumar2018aggression", "kumar2018trac"]
    assert main(["corpora", "cite", "trac2018"]) == 1
    assert "Did you mean 'trac2018_hien_aggression'" in capsys.readouterr().err


def test_unverified_published_numbers_are_marked_where_they_appear(capsys):
    from codemix.cli import main
    from codemix.evaluate_cli import published_lines

    (reference,) = codemix.corpus_info("l3cube_mesent").references
    assert reference.unverified.startswith("taken from a secondary summary") and reference.source
    assert main(["corpora", "show", "l3cube_mesent"]) == 0
    assert "UNVERIFIED: taken from a secondary summary" in capsys.readouterr().out
    (line,) = published_lines({"sentiment/l3cube_mesent": {"macro_f1": 0.6, "partial": False}})
    assert "0.6727 (UNVERIFIED: taken from a secondary summary" in line
