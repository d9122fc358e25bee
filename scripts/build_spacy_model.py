"""Save a blank Swedish spaCy pipeline with a lookup lemmatizer to a folder.

There is no downloadable Swedish spaCy model here, and nothing may be fetched at run time,
so Rasa's SpacyNLP loads this folder: Swedish tokenisation rules from spaCy itself and
lemma tables from the spacy-lookups-data package, both installed from PyPI.
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy


def build(target: Path) -> None:
    nlp = spacy.blank("sv")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else ".data/spacy-sv"))
