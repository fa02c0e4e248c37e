"""Compare the learned tagger's thresholds and shape override score on labeled files, with the shipped weights.

Usage: python benchmarks/phi_thresholds.py FILE.jsonl [...] [--pairs 0.5,0.7 0.5,0.5] [--shape-scores 2 0.7]

Each setting is one name threshold, one threshold for other spans and one
`TAGGER_SHAPE_OVERRIDE_SCORE` (a score above 1 turns the override off). The
rules run once per ticket; each setting reruns only the tagger and the
policy. The comparison is fair only on files the shipped weights never
trained on (see `TRAINING_FILES` in phi/tagger_training.py). It prints counts
only, never ticket text.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.phi_bench import load_rows  # noqa: E402
from benchmarks.tagger_curve import print_row  # noqa: E402
from phi.evaluate import evaluate_scrubber  # noqa: E402
from phi.tagger import TaggerWeights  # noqa: E402


def threshold_pair(value: str) -> tuple[float, float]:
    """Parse "NAME,OTHER" into two thresholds between 0 and 1."""
    try:
        name, other = (float(part) for part in value.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid threshold pair {value!r}: write NAME,OTHER, e.g. 0.5,0.7") from None
    if not (0 < name <= 1 and 0 < other <= 1):
        raise argparse.ArgumentTypeError(f"invalid threshold pair {value!r}: both must be between 0 and 1")
    return name, other


def main(argv: list[str] | None = None) -> int:
    """Print the scrubber's figures for each setting."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, help="labeled JSON lines files")
    parser.add_argument("--pairs", type=threshold_pair, nargs="+", default=[(0.5, 0.7), (0.5, 0.5)], help="NAME,OTHER thresholds (default 0.5,0.7 0.5,0.5)")
    parser.add_argument("--shape-scores", type=float, nargs="+", default=[2.0, 0.7], help="shape override scores; above 1 is off (default 2 0.7)")
    args = parser.parse_args(argv)

    import phi.policy
    from phi.service import get_analyzer, get_tagger_recognizer, scrub_with_results, warm_up

    rows = load_rows(paths=args.files)
    warm_up()
    recognizer = get_tagger_recognizer()
    shipped = recognizer.weights
    if shipped is None:
        parser.error("the tagger is off (CLINIQUEUE_PHI_TAGGER_WEIGHTS); run with the shipped weights")
    shipped_score = phi.policy.TAGGER_SHAPE_OVERRIDE_SCORE

    # The rules' results, once per ticket with the tagger off. Each setting adds its own tagger results.
    recognizer.use_weights(None)
    rule_results = {row["ticket_text"]: get_analyzer().analyze(text=row["ticket_text"], language="en", return_decision_process=True) for row in rows}
    print(f"{len(rows)} rows; shipped thresholds {shipped.name_threshold} / {shipped.other_threshold}, shape override {shipped_score}")

    try:
        for name_threshold, other_threshold in args.pairs:
            recognizer.use_weights(
                TaggerWeights(weights=shipped.weights, name_threshold=name_threshold, other_threshold=other_threshold, trained_on=shipped.trained_on)
            )
            for score in args.shape_scores:
                # The policy reads this module constant on every call, so a benchmark may set it between runs.
                phi.policy.TAGGER_SHAPE_OVERRIDE_SCORE = score
                metrics = evaluate_scrubber(rows=rows, scrub=lambda text: scrub_with_results(text=text, results=rule_results[text] + recognizer.analyze(text, [])))
                override = "off" if score > 1 else f"{score:g}"
                print_row(label=f"{name_threshold:g} / {other_threshold:g}, shape override {override}", metrics=metrics)
    finally:
        phi.policy.TAGGER_SHAPE_OVERRIDE_SCORE = shipped_score
        recognizer.use_weights(shipped)
    return 0


if __name__ == "__main__":
    sys.exit(main())
