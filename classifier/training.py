"""Training of the local model: data loading, cross-validated comparison, artifact.

`cliniqueue train` calls train_and_save. Every random choice uses a fixed seed,
so the same data files give the same artifact.
"""

import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

import joblib
import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from classifier.embedder import get_embedder
from classifier.features import normalize_text
from classifier.paths import ARTIFACT_PATH, DEFAULT_TRAIN_DIR
from classifier.model import CATEGORIES, LocalModel, ModelConfig, build_text_vectorizer
from classifier.scrubbing import load_scrub_function, scrubbed_text
from schemas.labels import Category, Priority, constrain_priority

log = logging.getLogger(__name__)

BLEND_WEIGHTS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0)


@dataclass(frozen=True)
class TrainingData:
    """Scrubbed training texts with their labels and embeddings."""

    ids: list[str]
    texts: list[str]
    categories: list[str]
    priorities: list[str]
    embeddings: np.ndarray
    scrubbed: bool
    # Name of the file each row came from; one file is one writer's style.
    sources: list[str] = field(default_factory=list)


def read_labeled_rows(*, paths: list[Path]) -> list[dict]:
    """Read JSON lines rows that have ticket_text, category and priority."""
    rows = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for line_number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as error:
                    log.warning("Skipped invalid JSON at %s:%d: %s", path, line_number, error.msg)
                    continue
                if not _is_valid_row(row):
                    log.warning("Skipped row without valid labels at %s:%d", path, line_number)
                    continue
                rows.append(row)
    return rows


def _is_valid_row(row: dict) -> bool:
    if not isinstance(row.get("ticket_text"), str) or not row["ticket_text"].strip():
        return False
    try:
        category = Category(row.get("category"))
        priority = Priority(row.get("priority"))
    except ValueError:
        return False
    return constrain_priority(category=category, priority=priority) == priority


def prepare_training_data(*, train_dir: Path, embedding_variant: str, show_progress: bool = False) -> TrainingData:
    """Load every *.jsonl under train_dir, scrub and embed the texts."""
    paths = sorted(train_dir.glob("*.jsonl"))
    if not paths:
        raise FileNotFoundError(f"no *.jsonl files in {train_dir}; pass --train-dir with labeled tickets")
    rows = []
    sources = []
    for path in paths:
        file_rows = read_labeled_rows(paths=[path])
        rows.extend(file_rows)
        sources.extend([path.name] * len(file_rows))
    log.info("Read %d labeled rows from %d files", len(rows), len(paths))

    scrub = load_scrub_function()
    texts = [row["ticket_text"] for row in rows]
    if scrub is not None:
        started = time.perf_counter()
        texts = [scrubbed_text(scrub(text)) for text in _progress(texts, "scrub", show_progress)]
        log.info("Scrubbed %d texts in %.1f s", len(texts), time.perf_counter() - started)

    started = time.perf_counter()
    embedder = get_embedder(embedding_variant)
    embeddings = np.vstack([embedder.embed([text]) for text in _progress(texts, "embed", show_progress)])
    log.info("Embedded %d texts in %.1f s", len(texts), time.perf_counter() - started)

    return TrainingData(
        ids=[str(row.get("id", "")) for row in rows],
        texts=texts,
        categories=[row["category"] for row in rows],
        priorities=[row["priority"] for row in rows],
        embeddings=embeddings,
        scrubbed=scrub is not None,
        sources=sources,
    )


def _progress(items, description: str, enabled: bool):
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=description, unit="ticket")


def cross_validate(*, data: TrainingData, config: ModelConfig, folds: int = 5) -> dict:
    """Compare feature sets by stratified k-fold accuracy; returns a summary dict."""
    labels = np.asarray(data.categories)
    splitter = StratifiedKFold(n_splits=_fold_count(labels, folds), shuffle=True, random_state=config.seed)
    text_log = np.zeros((len(labels), len(CATEGORIES)))
    embedding_log = np.zeros_like(text_log)
    concatenated_pred = np.empty(len(labels), dtype=object)
    priority_pred = np.empty(len(labels), dtype=object)
    priority_given_truth = np.empty(len(labels), dtype=object)

    for train_index, test_index in splitter.split(np.zeros(len(labels)), labels):
        model = LocalModel(config=config).fit(
            texts=[data.texts[i] for i in train_index],
            embeddings=data.embeddings[train_index],
            categories=[data.categories[i] for i in train_index],
            priorities=[data.priorities[i] for i in train_index],
        )
        test_texts = [data.texts[i] for i in test_index]
        text_log[test_index] = model.text_log_proba(test_texts)
        embedding_log[test_index] = model.embedding_log_proba(data.embeddings[test_index])
        blended = model.category_proba(texts=test_texts, embeddings=data.embeddings[test_index])
        for row, index in enumerate(test_index):
            predicted = CATEGORIES[int(np.argmax(blended[row]))]
            priority_pred[index] = model.predict_priority(text=data.texts[index], category=predicted)[0].value
            true_category = Category(data.categories[index])
            priority_given_truth[index] = model.predict_priority(text=data.texts[index], category=true_category)[0].value
        concatenated_pred[test_index] = _fit_concatenated(data=data, train_index=train_index, test_index=test_index, config=config)

    summary = {"folds": splitter.get_n_splits(), "rows": len(labels), "category_accuracy": {}}
    for weight in BLEND_WEIGHTS:
        blended = (1 - weight) * text_log + weight * embedding_log
        predictions = np.asarray([CATEGORIES[i].value for i in blended.argmax(axis=1)])
        summary["category_accuracy"][f"blend_embedding_weight_{weight:.1f}"] = float((predictions == labels).mean())
    summary["category_accuracy"]["concatenated_tfidf_embedding"] = float((concatenated_pred == labels).mean())
    truth = np.asarray(data.priorities)
    summary["priority_accuracy_end_to_end"] = float((priority_pred == truth).mean())
    summary["priority_accuracy_given_true_category"] = float((priority_given_truth == truth).mean())
    if len(set(data.sources)) > 1:
        summary["leave_one_file_out"] = leave_one_file_out(data=data, config=config)
    return summary


def leave_one_file_out(*, data: TrainingData, config: ModelConfig) -> dict:
    """Train on all files but one and test on that one, for each file.

    Each file was written by one person, so this estimates accuracy on
    tickets in a style the model has not seen, which k-fold splits hide.
    """
    sources = np.asarray(data.sources)
    labels = np.asarray(data.categories)
    truth = np.asarray(data.priorities)
    per_file = {}
    correct_categories = 0
    correct_priorities = 0
    for source in sorted(set(data.sources)):
        test_index = np.flatnonzero(sources == source)
        train_index = np.flatnonzero(sources != source)
        model = LocalModel(config=config).fit(
            texts=[data.texts[i] for i in train_index],
            embeddings=data.embeddings[train_index],
            categories=[data.categories[i] for i in train_index],
            priorities=[data.priorities[i] for i in train_index],
        )
        test_texts = [data.texts[i] for i in test_index]
        probabilities = model.category_proba(texts=test_texts, embeddings=data.embeddings[test_index])
        predicted = [CATEGORIES[i] for i in probabilities.argmax(axis=1)]
        priorities = np.asarray(
            [model.predict_priority(text=text, category=category)[0].value for text, category in zip(test_texts, predicted)]
        )
        category_hits = np.asarray([category.value for category in predicted]) == labels[test_index]
        priority_hits = priorities == truth[test_index]
        correct_categories += int(category_hits.sum())
        correct_priorities += int(priority_hits.sum())
        per_file[source] = {
            "rows": len(test_index),
            "category_accuracy": float(category_hits.mean()),
            "priority_accuracy": float(priority_hits.mean()),
        }
    return {
        "category_accuracy": correct_categories / len(labels),
        "priority_accuracy": correct_priorities / len(labels),
        "per_file": per_file,
    }


def _fit_concatenated(*, data: TrainingData, train_index, test_index, config: ModelConfig) -> np.ndarray:
    # One logistic regression over TF-IDF and embedding columns side by side;
    # measured only for the comparison in docs/classifier.md.
    vectorizer = build_text_vectorizer(config=config)
    train_text = vectorizer.fit_transform([normalize_text(data.texts[i]) for i in train_index])
    test_text = vectorizer.transform([normalize_text(data.texts[i]) for i in test_index])
    train_features = sparse.hstack([train_text, sparse.csr_matrix(data.embeddings[train_index])]).tocsr()
    test_features = sparse.hstack([test_text, sparse.csr_matrix(data.embeddings[test_index])]).tocsr()
    model = LogisticRegression(C=config.text_c, max_iter=3000, random_state=config.seed)
    model.fit(train_features, [data.categories[i] for i in train_index])
    return model.predict(test_features)


def _fold_count(labels: np.ndarray, folds: int) -> int:
    smallest = min(np.unique(labels, return_counts=True)[1])
    return max(2, min(folds, int(smallest)))


class FeedbackReadError(RuntimeError):
    """Reading the stored corrections from ClickHouse failed."""


def fetch_feedback_rows() -> list[tuple[str, list[float], str]] | None:
    """Return (customer_id, embedding, corrected_category) rows from ClickHouse, or None when sinks is missing.

    Raises FeedbackReadError when the query fails, for example before the
    ClickHouse migrations have created the tables.
    """
    try:
        from sinks.clickhouse import get_client
        from sinks.queries import fetch_corrections
    except ImportError as error:
        log.warning("Feedback rows unavailable: %s", error)
        return None
    from clickhouse_connect.driver.exceptions import ClickHouseError

    try:
        return fetch_corrections(client=get_client())
    except ClickHouseError as error:
        raise FeedbackReadError(f"reading feedback corrections from ClickHouse failed: {error}") from error


def train_and_save(
    *,
    train_dir: Path = DEFAULT_TRAIN_DIR,
    artifact_path: Path = ARTIFACT_PATH,
    config: ModelConfig | None = None,
    feedback_rows: list[tuple[str, list[float], str]] | None = None,
    run_cross_validation: bool = True,
    show_progress: bool = False,
) -> LocalModel:
    """Train the local model on every training file and write the joblib artifact."""
    config = config or ModelConfig()
    data = prepare_training_data(
        train_dir=train_dir, embedding_variant=config.embedding_variant, show_progress=show_progress
    )

    summary: dict = {"rows": len(data.texts), "scrubbed": data.scrubbed}
    if run_cross_validation:
        started = time.perf_counter()
        summary["cross_validation"] = cross_validate(data=data, config=config)
        log.info("Cross-validation took %.1f s", time.perf_counter() - started)

    extra_embeddings, extra_categories = _feedback_arrays(feedback_rows)
    summary["feedback_rows"] = len(extra_categories)
    model = LocalModel(config=config).fit(
        texts=data.texts,
        embeddings=data.embeddings,
        categories=data.categories,
        priorities=data.priorities,
        extra_embeddings=extra_embeddings,
        extra_categories=extra_categories,
    )
    model.training_summary = summary
    save_model(model=model, path=artifact_path)
    return model


def _feedback_arrays(rows: list[tuple[str, list[float], str]] | None) -> tuple[np.ndarray | None, list[str]]:
    if not rows:
        return None, []
    embeddings = []
    categories = []
    for _customer_id, embedding, category in rows:
        if len(embedding) != 384 or category not in Category.__members__.values():
            log.warning("Skipped a feedback row with an invalid embedding or category")
            continue
        embeddings.append(np.asarray(embedding, dtype=np.float32))
        categories.append(str(category))
    if not embeddings:
        return None, []
    return np.vstack(embeddings), categories


def save_model(*, model: LocalModel, path: Path) -> None:
    """Write the model as a compressed joblib file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, path, compress=3)
    log.info("Wrote %s (%.1f MB)", path, path.stat().st_size / 1e6)


def load_model(*, path: Path = ARTIFACT_PATH) -> LocalModel:
    """Read a model written by save_model."""
    if not path.exists():
        raise FileNotFoundError(f"classifier artifact not found at {path}; run `cliniqueue train`")
    return joblib.load(path)
