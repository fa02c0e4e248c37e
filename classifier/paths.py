"""Locations of the training data and the model artifact; imports nothing heavy."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPOSITORY_DIR = PACKAGE_DIR.parent
DEFAULT_TRAIN_DIR = REPOSITORY_DIR / "data" / "tickets" / "train"
ARTIFACT_PATH = PACKAGE_DIR / "artifacts" / "local_model.joblib"
