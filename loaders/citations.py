"""What to cite: the BibTeX of the corpora a result rests on, and of codemix itself."""

from __future__ import annotations

import re
from typing import Iterable

from codemix.loaders.registry import get_spec

_KEY = re.compile(r"@\w+\{([^,\s]+),")


def references_bib(corpora: Iterable[str]) -> str:
    """One BibTeX text covering exactly ``corpora`` (each paper once), codemix's own entry first.

    A corpus spec without a BibTeX entry contributes a comment with its citation string.
    """
    from codemix.common.errors import UnknownNameError
    from codemix.loaders.corpora._bibtex import ENTRIES

    entries: dict[str, str] = {"codemix": ENTRIES["codemix"]}
    comments = []
    for name in dict.fromkeys(corpora):
        try:
            spec = get_spec(name)
        except UnknownNameError:
            comments.append(f"% {name}: not a corpus this codemix version knows")
            continue
        if not spec.bibtex:
            comments.append(f"% {spec.name}: no BibTeX entry in its spec; cite: {spec.citation}")
            continue
        for entry in re.split(r"\n(?=@)", spec.bibtex.strip()):
            match = _KEY.match(entry.strip())
            entries.setdefault(match.group(1) if match else entry, entry.strip())
    return "\n\n".join(list(entries.values()) + comments) + "\n"


def bibtex_keys(text: str) -> list[str]:
    """The entry keys of a BibTeX text, in order.

    >>> bibtex_keys("@misc{a,\\n title={x}}\\n\\n@book{b,\\n title={y}}")
    ['a', 'b']
    """
    return _KEY.findall(text)
