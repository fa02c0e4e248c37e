"""The local classifier: category from text and embedding, priority per category.

Category: two linear models, one on TF-IDF word and character n-grams of the
scrubbed text and one on the sentence embedding, blended by a weighted average
of their log-probabilities. Keeping the embedding model separate lets
`cliniqueue train --with-feedback` retrain it from stored (embedding,
corrected category) rows, which carry no text.

Priority: each category has a typical priority and at most one alternative
(schemas.labels.ALLOWED_PRIORITIES). One binary model decides "raise to high"
for access, compliance and regulatory tickets, another decides "lower to
medium" for interface and billing tickets. Both read word n-grams plus the
cue indicators of classifier.features.
"""

import logging
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from classifier.features import TOKEN_PATTERN, cue_matrix, normalize_text
from schemas.labels import ALLOWED_PRIORITIES, TYPICAL_PRIORITY, Category, Priority

log = logging.getLogger(__name__)

CATEGORIES: tuple[Category, ...] = tuple(Category)
RAISE_CATEGORIES = frozenset({Category.ACCESS_LOGIN, Category.COMPLIANCE_REQUEST, Category.REGULATORY_DEADLINE})
LOWER_CATEGORIES = frozenset({Category.EHR_INTEGRATION, Category.BILLING_CLAIMS})


@dataclass
class ModelConfig:
    """Hyperparameters of the local model; defaults are the values chosen by cross-validation."""

    text_c: float = 20.0
    embedding_c: float = 10.0
    # Weight of the embedding model's log-probabilities in the blend; the
    # text model gets 1 - embedding_weight.
    embedding_weight: float = 0.3
    priority_c: float = 10.0
    # Multiplier of the 0/1 cue columns; larger values regularize them less
    # than the TF-IDF columns.
    cue_scale: float = 0.25
    word_ngram_max: int = 2
    char_ngram_max: int = 5
    class_weight: str | None = None
    char_max_features: int = 40_000
    # Embedding model variant of classifier.embedder used for training; the
    # service embeds with the same one.
    embedding_variant: str = "int8"
    seed: int = 13


class TextFeatures:
    """Word and character n-gram TF-IDF columns side by side.

    This is what sklearn's FeatureUnion does, without the joblib dispatch that
    FeatureUnion runs on every transform call.
    """

    def __init__(self, *, config: ModelConfig) -> None:
        self.words = TfidfVectorizer(
            lowercase=True,
            token_pattern=TOKEN_PATTERN,
            ngram_range=(1, config.word_ngram_max),
            min_df=2,
            sublinear_tf=True,
            dtype=np.float32,
        )
        self.characters = TfidfVectorizer(
            lowercase=True,
            analyzer="char_wb",
            ngram_range=(2, config.char_ngram_max),
            min_df=2,
            max_features=config.char_max_features,
            sublinear_tf=True,
            dtype=np.float32,
        )

    def fit_transform(self, texts: list[str]) -> sparse.csr_matrix:
        """Fit both vectorizers and return the stacked features."""
        return sparse.hstack([self.words.fit_transform(texts), self.characters.fit_transform(texts)]).tocsr()

    def transform(self, texts: list[str]) -> sparse.csr_matrix:
        """Return the stacked features of texts; word columns come first."""
        return sparse.hstack([self.words.transform(texts), self.characters.transform(texts)]).tocsr()


def build_text_vectorizer(*, config: ModelConfig) -> TextFeatures:
    """Build the word plus character TF-IDF features of the category model."""
    return TextFeatures(config=config)


def build_priority_vectorizer() -> TfidfVectorizer:
    """Build the word n-gram features of the priority models."""
    return TfidfVectorizer(
        lowercase=True,
        token_pattern=TOKEN_PATTERN,
        ngram_range=(1, 3),
        min_df=2,
        sublinear_tf=True,
        dtype=np.float32,
    )


def _log_proba(model: LogisticRegression, features) -> np.ndarray:
    # Columns follow CATEGORIES even when a class is missing from the
    # training rows (small folds, partial data).
    probabilities = np.full((features.shape[0], len(CATEGORIES)), 1e-6)
    columns = [CATEGORIES.index(Category(label)) for label in model.classes_]
    probabilities[:, columns] = model.predict_proba(features)
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    return np.log(probabilities)


@dataclass
class LocalModel:
    """Fitted category and priority models; picklable with joblib."""

    config: ModelConfig = field(default_factory=ModelConfig)
    text_vectorizer: TextFeatures | None = None
    text_model: LogisticRegression | None = None
    embedding_model: LogisticRegression | None = None
    priority_vectorizer: TfidfVectorizer | None = None
    # Keyed by "raise" and "lower"; a key is missing when the training rows
    # had only one priority for that group.
    priority_models: dict[str, LogisticRegression] = field(default_factory=dict)
    # Words the reasoning may quote: frequent in training, so never a value
    # that occurs in one ticket only.
    reasoning_vocabulary: frozenset[str] = frozenset()
    training_summary: dict = field(default_factory=dict)

    def fit(
        self,
        *,
        texts: list[str],
        embeddings: np.ndarray,
        categories: list[str],
        priorities: list[str],
        extra_embeddings: np.ndarray | None = None,
        extra_categories: list[str] | None = None,
    ) -> "LocalModel":
        """Fit every part; extra rows (embedding, category) train the embedding model only."""
        normalized = [normalize_text(text) for text in texts]
        self.fit_text(texts=normalized, categories=categories)
        self.fit_embedding(
            embeddings=embeddings,
            categories=categories,
            extra_embeddings=extra_embeddings,
            extra_categories=extra_categories,
        )
        self.fit_priority(texts=normalized, categories=categories, priorities=priorities)
        return self

    def fit_text(self, *, texts: list[str], categories: list[str]) -> None:
        """Fit the TF-IDF category model on normalized texts."""
        self.text_vectorizer = build_text_vectorizer(config=self.config)
        features = self.text_vectorizer.fit_transform(texts)
        self.text_model = LogisticRegression(
            C=self.config.text_c, max_iter=3000, class_weight=self.config.class_weight, random_state=self.config.seed
        )
        self.text_model.fit(features, categories)

        words = self.text_vectorizer.words
        counts = np.asarray((words.transform(texts) > 0).sum(axis=0)).ravel()
        names = words.get_feature_names_out()
        self.reasoning_vocabulary = frozenset(str(name) for name, count in zip(names, counts) if count >= 3)

    def fit_embedding(
        self,
        *,
        embeddings: np.ndarray,
        categories: list[str],
        extra_embeddings: np.ndarray | None = None,
        extra_categories: list[str] | None = None,
    ) -> None:
        """Fit the embedding category model, with optional extra (feedback) rows."""
        features = np.asarray(embeddings, dtype=np.float64)
        labels = list(categories)
        if extra_embeddings is not None and len(extra_embeddings):
            features = np.vstack([features, np.asarray(extra_embeddings, dtype=np.float64)])
            labels.extend(extra_categories or [])
        self.embedding_model = LogisticRegression(C=self.config.embedding_c, max_iter=3000, random_state=self.config.seed)
        self.embedding_model.fit(features, labels)

    def fit_priority(self, *, texts: list[str], categories: list[str], priorities: list[str]) -> None:
        """Fit the raise and lower priority models on normalized texts."""
        self.priority_vectorizer = build_priority_vectorizer()
        self.priority_vectorizer.fit(texts)
        self.priority_models = {}
        for group, members in (("raise", RAISE_CATEGORIES), ("lower", LOWER_CATEGORIES)):
            rows = [index for index, category in enumerate(categories) if Category(category) in members]
            targets = [_is_alternative(Category(categories[index]), Priority(priorities[index])) for index in rows]
            if len(set(targets)) < 2:
                log.warning("Priority model %r not fitted: its training rows have one priority only", group)
                continue
            features = self._priority_features([texts[index] for index in rows], [categories[index] for index in rows])
            model = LogisticRegression(
                C=self.config.priority_c, max_iter=3000, class_weight="balanced", random_state=self.config.seed
            )
            model.fit(features, targets)
            self.priority_models[group] = model

    def _priority_features(self, texts: list[str], categories: list[str]):
        # Category one-hot lets one model hold a per-category baseline.
        one_hot = np.zeros((len(texts), len(CATEGORIES)))
        for row, category in enumerate(categories):
            one_hot[row, CATEGORIES.index(Category(category))] = 1.0
        cues = cue_matrix(texts) * self.config.cue_scale
        # Cue-by-category columns let a cue count differently per category:
        # a date matters for regulatory tickets, a head count for logins.
        interactions = (cues[:, :, None] * one_hot[:, None, :]).reshape(len(texts), -1)
        return sparse.hstack(
            [
                self.priority_vectorizer.transform(texts),
                sparse.csr_matrix(cues),
                sparse.csr_matrix(one_hot),
                sparse.csr_matrix(interactions),
            ]
        ).tocsr()

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        # Derived lookup tables are rebuilt after loading, not stored.
        state.pop("_word_names", None)
        return state

    def word_feature_names(self) -> np.ndarray:
        """Return the word n-gram of each column of the text model's word features."""
        names = self.__dict__.get("_word_names")
        if names is None:
            # get_feature_names_out builds a new array on every call, which
            # costs milliseconds per ticket, so it is built once here.
            names = self.text_vectorizer.words.get_feature_names_out()
            self.__dict__["_word_names"] = names
        return names

    def text_log_proba(self, texts: list[str]) -> np.ndarray:
        """Return log-probabilities per category (columns in CATEGORIES order) from the text model."""
        normalized = [normalize_text(text) for text in texts]
        return _log_proba(self.text_model, self.text_vectorizer.transform(normalized))

    def embedding_log_proba(self, embeddings: np.ndarray) -> np.ndarray:
        """Return log-probabilities per category from the embedding model."""
        return _log_proba(self.embedding_model, np.asarray(embeddings, dtype=np.float64))

    def category_proba(self, *, texts: list[str], embeddings: np.ndarray) -> np.ndarray:
        """Return blended category probabilities, one row per text, columns in CATEGORIES order."""
        weight = self.config.embedding_weight
        blended = (1.0 - weight) * self.text_log_proba(texts) + weight * self.embedding_log_proba(embeddings)
        blended -= blended.max(axis=1, keepdims=True)
        probabilities = np.exp(blended)
        return probabilities / probabilities.sum(axis=1, keepdims=True)

    def predict_priority(self, *, text: str, category: Category) -> tuple[Priority, float]:
        """Return the priority for a ticket of a given category and the probability of the alternative."""
        allowed = ALLOWED_PRIORITIES[category]
        if len(allowed) == 1:
            return allowed[0], 0.0
        group = "raise" if category in RAISE_CATEGORIES else "lower"
        model = self.priority_models.get(group)
        if model is None:
            return TYPICAL_PRIORITY[category], 0.0
        features = self._priority_features([normalize_text(text)], [category.value])
        alternative_probability = float(model.predict_proba(features)[0, list(model.classes_).index(True)])
        if alternative_probability >= 0.5:
            return _alternative(category), alternative_probability
        return TYPICAL_PRIORITY[category], alternative_probability


def _alternative(category: Category) -> Priority:
    return next(priority for priority in ALLOWED_PRIORITIES[category] if priority != TYPICAL_PRIORITY[category])


def _is_alternative(category: Category, priority: Priority) -> bool:
    return priority != TYPICAL_PRIORITY[category]
