"""Per-step latency of the local classifier on labeled tickets.

Usage: python -m classifier.bench [FILE.jsonl ...] [--limit N]

Times each step that classify_ticket runs for one scrubbed ticket, one ticket
at a time on one thread: the int8 and float32 embeddings, the TF-IDF text
model, the embedding model, the priority model and the reasoning. The input
defaults to the training files, scrubbed first when phi.service is
importable. Prints milliseconds at p50 and p95, never ticket text.
"""

import argparse
import json
import time
from pathlib import Path

import numpy as np

from classifier.embedder import get_embedder
from classifier.explain import build_reasoning
from classifier.model import CATEGORIES
from classifier.scrubbing import load_scrub_function, scrubbed_text
from classifier.service import get_local_model, warm_up
from classifier.training import DEFAULT_TRAIN_DIR, read_labeled_rows


def time_steps(*, texts: list[str]) -> dict[str, list[float]]:
    """Return the milliseconds of each step for every text."""
    model = get_local_model()
    int8 = get_embedder("int8")
    float32 = get_embedder("float32")
    float32.embed(["warm up"])
    timings: dict[str, list[float]] = {
        name: [] for name in ("embed_int8", "embed_float32", "text_model", "embedding_model", "priority", "reasoning", "total")
    }

    for text in texts:
        started = time.perf_counter()
        embedding = int8.embed([text])
        embedded = time.perf_counter()
        text_log = model.text_log_proba([text])
        text_done = time.perf_counter()
        embedding_log = model.embedding_log_proba(embedding)
        embedding_done = time.perf_counter()
        weight = model.config.embedding_weight
        category = CATEGORIES[int(np.argmax((1 - weight) * text_log + weight * embedding_log))]
        priority, _ = model.predict_priority(text=text, category=category)
        priority_done = time.perf_counter()
        build_reasoning(model=model, text=text, category=category, priority=priority, confidence=0.5)
        finished = time.perf_counter()

        float32_started = time.perf_counter()
        float32.embed([text])
        float32_finished = time.perf_counter()

        timings["embed_int8"].append(embedded - started)
        timings["text_model"].append(text_done - embedded)
        timings["embedding_model"].append(embedding_done - text_done)
        timings["priority"].append(priority_done - embedding_done)
        timings["reasoning"].append(finished - priority_done)
        timings["total"].append(finished - started)
        timings["embed_float32"].append(float32_finished - float32_started)
    return {name: [value * 1000 for value in values] for name, values in timings.items()}


def main() -> None:
    """Parse arguments, time the steps and print p50 and p95."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="Labeled JSON lines files (default: the training files).")
    parser.add_argument("--limit", type=int, default=300, help="Maximum number of tickets to time (default: %(default)s).")
    args = parser.parse_args()

    paths = args.files or sorted(DEFAULT_TRAIN_DIR.glob("*.jsonl"))
    rows = read_labeled_rows(paths=paths)
    # A fixed stride spreads the sample over all files.
    texts = [row["ticket_text"] for row in rows][:: max(1, len(rows) // args.limit)][: args.limit]
    scrub = load_scrub_function()
    if scrub is not None:
        texts = [scrubbed_text(scrub(text)) for text in texts]
    warm_up()

    timings = time_steps(texts=texts)
    print(json.dumps({"tickets": len(texts), "scrubbed": scrub is not None}))
    for name, values in timings.items():
        print(f"{name:16} p50 {np.percentile(values, 50):6.2f} ms   p95 {np.percentile(values, 95):6.2f} ms")


if __name__ == "__main__":
    main()
