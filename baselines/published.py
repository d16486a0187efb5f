"""Scoring under a published result's own protocol: its metric, label scheme, domain and split."""

from __future__ import annotations


from codemix.loaders.normalize import romanise, romanise_words
from codemix.tasks.metrics import METRICS
from codemix.tasks.task import Task


def source_label_task(task, train) -> Task:
    """A sentence task over ``source_label`` with the labels the training split uses (e.g. TRAC's OAG/CAG/NAG)."""
    labels = tuple(sorted({label for label in train["source_label"] if label is not None}))
    return Task(name=f"{task.name}:source", field="source_label", level="sentence", labels=labels,
                main_score=task.main_score, description=f"{task.name} on the source's own labels", version=task.version)


def reference_rows(spec, task, baseline, model, dataset, seed) -> list[dict]:
    """Our score next to each published result for this task, under that result's protocol."""
    from codemix.baselines.base import get_baseline
    from codemix.baselines.benchmark import score_model

    rows = []
    for reference in spec.references:
        if reference.task != task.name:
            continue
        row = {"value": reference.value, "metric": reference.metric, "system": reference.system,
               "citation": reference.citation, "label_scheme": reference.label_scheme, "domain": reference.domain,
               "split": reference.split, "note": reference.note, "model_kind": reference.model_kind,
               "unverified": reference.unverified, "ours": None,
               "comparable": True}
        if reference.metric not in METRICS or reference.split != "test":
            row["comparable"] = False
            rows.append(row)
            continue
        test = dataset["test"]
        if reference.domain:
            from codemix.loaders.cache import quiet_datasets

            with quiet_datasets():
                # kept in memory: nothing is written into the cache folder the split was read from
                test = test.filter(lambda r: r["domain"] == reference.domain, keep_in_memory=True)
        scorer, scored_task = model, task
        if reference.label_scheme.startswith("source") and task.level == "sentence":
            scored_task = source_label_task(task, dataset["train"])
            scorer = get_baseline(baseline, seed=seed).fit(scored_task, dataset["train"], dataset["validation"])
        elif reference.label_scheme.startswith("source"):
            # token tags are scored on the canonical set, which merges some source tags: another protocol
            row["comparable"] = False
            row["note"] = ((row["note"] + "; ") if row["note"] else "") + (
                "not comparable: published on the source's own token tags, ours on the merged canonical tags")
        row["ours"] = round(score_model(scorer, scored_task, test)[reference.metric], 4)
        rows.append(row)
    return rows


def romanised(records):
    """The records with every native-script (Indic) token and word of the text romanised."""
    def convert(record):
        # romanise leaves tokens in other scripts unchanged
        return {"tokens": [romanise(t) for t in record["tokens"]], "text": romanise_words(record["text"])}

    from codemix.loaders.cache import quiet_datasets

    with quiet_datasets():
        # kept in memory: nothing is written into the cache folder the split was read from
        return records.map(convert, keep_in_memory=True)
