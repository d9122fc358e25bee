"""Score a trained model on held-out NLU sets, the way a person meets it.

    python scripts/nlu_scores.py --model models/assistansguiden.tar.gz \
        tests/test_nlu.yml tests/nlu_real_style.yml [--json results/nlu_scores.json]

For each file: accuracy over in-scope messages (the intent must be right), out-of-scope
rejection (an `out_of_scope` or `nlu_fallback` message is answered with one of the two),
false rejection (an in-scope message sent to one of the two), macro-F1 over the labels,
the most confused pairs, and for the messages whose entities are annotated, entity
precision and recall (an entity counts when its type and its exact words are right). The
model's NLU runs in this process, once for all files.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import re
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

REJECTION = frozenset({"out_of_scope", "nlu_fallback"})
_ENTITY = re.compile(r"\[([^\]]*)\]\((?:[^)]*)\)|\[([^\]]*)\]\{[^}]*\}")


@dataclass
class Scores:
    file: str
    messages: int
    in_scope: int
    out_of_scope: int
    in_scope_accuracy: float
    out_of_scope_rejection: float
    false_rejection: float
    macro_f1: float
    confused: list[tuple[str, str, int]] = field(default_factory=list)
    errors: list[tuple[str, str, str]] = field(default_factory=list)
    annotated_entities: int = 0
    entity_precision: float | None = None
    entity_recall: float | None = None


Span = tuple[str, str]  # (entity type, the words as written)


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    entities: tuple[Span, ...] | None  # None: this message's entities are not annotated


def plain_example(annotated: str) -> tuple[str, tuple[Span, ...]]:
    """'har [Solstrålen AB](provider_name) tillstånd' -> the text and its (type, words)."""
    spans: list[Span] = []

    def keep(match: re.Match[str]) -> str:
        words = match.group(1) if match.group(1) is not None else match.group(2) or ""
        spans.append((entity_type(match.group(0)), words))
        return words

    return _ENTITY.sub(keep, annotated).strip(), tuple(spans)


def entity_type(markup: str) -> str:
    """The type of '[x](type)', '[x](type:value)' or '[x]{"entity": "type", ...}'."""
    if markup.endswith(")"):
        return markup[markup.rindex("](") + 2 : -1].split(":")[0]
    found = re.search(r'"entity"\s*:\s*"([^"]*)"', markup)
    return found.group(1) if found else ""


def examples(path: Path) -> list[Example]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found: list[Example] = []
    for block in data.get("nlu") or []:
        if "intent" not in block:
            continue
        lines = [line.strip() for line in str(block.get("examples") or "").splitlines()]
        for text in (line[2:] for line in lines if line.startswith("- ")):
            plain, spans = plain_example(text)
            # A message with markup has all its entities marked; one without says nothing.
            found.append(Example(plain, leaf(str(block["intent"])), spans or None))
    return found


def entity_scores(
    gold: list[tuple[Span, ...] | None], found: list[list[Span]]
) -> tuple[int, float | None, float | None]:
    """(annotated entities, precision, recall) over the messages whose entities are
    annotated: a found entity is right when its type and exact words are in the gold."""
    right = wrong = missed = 0
    for spans, predicted in zip(gold, found, strict=True):
        if spans is None:
            continue
        left = list(spans)
        for span in predicted:
            if span in left:
                left.remove(span)
                right += 1
            else:
                wrong += 1
        missed += len(left)
    annotated = right + missed
    precision = right / (right + wrong) if right + wrong else None
    return annotated, precision, (right / annotated if annotated else None)


def leaf(intent: str) -> str:
    return intent.split("/")[-1]


def score(
    name: str,
    pairs: list[tuple[str, str]],
    predicted: list[str],
    entities: tuple[list[tuple[Span, ...] | None], list[list[Span]]] | None = None,
) -> Scores:
    in_scope = [(t, g, p) for (t, g), p in zip(pairs, predicted, strict=True) if g not in REJECTION]
    outside = [(t, g, p) for (t, g), p in zip(pairs, predicted, strict=True) if g in REJECTION]
    right = sum(1 for _, g, p in in_scope if p == g)
    rejected_in = sum(1 for _, _, p in in_scope if p in REJECTION)
    rejected_out = sum(1 for _, _, p in outside if p in REJECTION)

    # Macro-F1 with the two rejections as one label: either is the right answer outside.
    def norm(intent: str) -> str:
        return "REJECT" if intent in REJECTION else intent

    gold = [norm(g) for _, g in pairs]
    pred = [norm(p) for p in predicted]
    f1s = []
    for label in sorted(set(gold)):
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if p == label and g != label)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p != label)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    confused = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
    annotated, precision, recall = entity_scores(*entities) if entities else (0, None, None)
    return Scores(
        file=name,
        messages=len(pairs),
        in_scope=len(in_scope),
        out_of_scope=len(outside),
        in_scope_accuracy=right / len(in_scope) if in_scope else 1.0,
        out_of_scope_rejection=rejected_out / len(outside) if outside else 1.0,
        false_rejection=rejected_in / len(in_scope) if in_scope else 0.0,
        macro_f1=sum(f1s) / len(f1s) if f1s else 1.0,
        confused=[(g, p, n) for (g, p), n in confused.most_common(5)],
        errors=[
            (t, g, p) for (t, g), p in zip(pairs, predicted, strict=True) if norm(g) != norm(p)
        ],
        annotated_entities=annotated,
        entity_precision=precision,
        entity_recall=recall,
    )


async def parse_all(model: str, texts: list[str]) -> list[dict[str, Any]]:
    from rasa.core.agent import Agent

    agent = Agent.load(model)
    return [await agent.parse_message(text) for text in texts]


def intent_of(parsed: dict[str, Any]) -> str:
    return leaf(str((parsed.get("intent") or {}).get("name") or "nlu_fallback"))


def entities_of(parsed: dict[str, Any]) -> list[Span]:
    """The entities found, as (type, the words of the message they cover), each once: the
    CRF and the regex extractor may both find the same organisation number."""
    text = str(parsed.get("text") or "")
    found = [
        (str(e.get("entity")), text[int(e["start"]) : int(e["end"])])
        for e in parsed.get("entities") or []
        if "start" in e and "end" in e
    ]
    return list(dict.fromkeys(found))


def print_scores(s: Scores) -> None:
    print(
        f"\n{s.file}: {s.messages} messages ({s.in_scope} in scope, {s.out_of_scope} outside)\n"
        f"  in-scope accuracy      {s.in_scope_accuracy:.3f}\n"
        f"  out-of-scope rejection {s.out_of_scope_rejection:.3f}\n"
        f"  false rejection        {s.false_rejection:.3f}\n"
        f"  macro-F1               {s.macro_f1:.3f}"
    )
    if s.entity_precision is not None and s.entity_recall is not None:
        print(
            f"  entities ({s.annotated_entities} in the messages with markup): precision "
            f"{s.entity_precision:.3f}, recall {s.entity_recall:.3f}"
        )
    if s.confused:
        print("  most confused (expected -> predicted: count):")
        for gold, pred, n in s.confused:
            print(f"    {gold} -> {pred}: {n}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--parses", type=Path, default=None, help="write every parse here")
    args = parser.parse_args(argv)
    sets = [(path, examples(path)) for path in args.files]
    texts = [e.text for _, found in sets for e in found]
    logging.getLogger().setLevel(logging.WARNING)
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    parsed = asyncio.run(parse_all(args.model, texts))
    predicted = [intent_of(p) for p in parsed]
    found_entities = [entities_of(p) for p in parsed]
    if args.parses:
        args.parses.parent.mkdir(parents=True, exist_ok=True)
        keep = [
            {"text": t, "intent": p.get("intent"), "ranking": p.get("intent_ranking")}
            for t, p in zip(texts, parsed, strict=True)
        ]
        args.parses.write_text(json.dumps(keep, ensure_ascii=False), "utf-8")
    results: list[Scores] = []
    start = 0
    for path, found in sets:
        end = start + len(found)
        pairs = [(e.text, e.intent) for e in found]
        gold = [e.entities for e in found]
        results.append(
            score(path.as_posix(), pairs, predicted[start:end], (gold, found_entities[start:end]))
        )
        start = end
    for result in results:
        print_scores(result)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1), "utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
