"""What a load did to the raw data: every dropped, skipped, repaired or remapped thing, counted."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class LoadReport:
    """Counts of each kind of explicit data handling, with the first place each happened.

    Keys are sentences a user can read, e.g. ``"dropped record with missing text"``.
    """

    corpus: str
    counts: Counter = field(default_factory=Counter)
    first_seen: dict[str, str] = field(default_factory=dict)
    label_counts: dict[str, Counter] = field(default_factory=dict)

    def add(self, what: str, where: str | None = None, n: int = 1) -> None:
        """Count one kind of event (``what``), remembering where it first happened."""
        self.counts[what] += n
        if where is not None and what not in self.first_seen:
            self.first_seen[what] = where

    def add_label(self, record_field: str, source_label: str, n: int = 1) -> None:
        """Count a source label mapped onto a record field."""
        self.label_counts.setdefault(record_field, Counter())[source_label] += n

    def lines(self) -> list[str]:
        """Human-readable lines, one per kind of handling."""
        out = []
        for what, n in sorted(self.counts.items()):
            where = f" (first at {self.first_seen[what]})" if what in self.first_seen else ""
            out.append(f"{what}: {n:,}{where}")
        return out

    def to_json(self) -> str:
        """The report as JSON (cached with the processed data)."""
        return json.dumps(
            {"corpus": self.corpus, "counts": dict(self.counts), "first_seen": self.first_seen,
             "label_counts": {k: dict(v) for k, v in self.label_counts.items()}},
            ensure_ascii=False, indent=1, sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> "LoadReport":
        """A report read back from ``to_json``."""
        data = json.loads(text)
        report = cls(data["corpus"], Counter(data["counts"]), data["first_seen"])
        report.label_counts = {k: Counter(v) for k, v in data["label_counts"].items()}
        return report
