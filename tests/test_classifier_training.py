"""Training: reproducible artifact, cross-validation summary, feedback rows."""

import json

import numpy as np
import pytest

from classifier.embedder import get_embedder
from classifier.features import CUE_NAMES, cue_vector, normalize_text
from classifier.model import CATEGORIES, ModelConfig
from classifier.training import cross_validate, load_model, prepare_training_data, read_labeled_rows, train_and_save

TEMPLATES = {
    ("clinical_urgency", "critical"): [
        "Doctor cannot open the chart with a patient in the exam room {n}",
        "e-prescribing down during clinic, patients waiting for medication {n}",
        "Nurse cannot give the medication, order screen frozen at bedside {n}",
    ],
    ("phi_exposure", "critical"): [
        "Fax with lab results went to the wrong clinic {n}",
        "Statement mailed to the wrong patient address {n}",
        "Wrong patient's record shown to another family in the portal {n}",
    ],
    ("ehr_integration", "high"): [
        "HL7 ADT feed stopped since morning {n}",
        "FHIR sync with Epic failing, results not crossing {n}",
        "Lab interface queue backed up, orders not flowing {n}",
    ],
    ("billing_claims", "high"): [
        "835 ERA files not posting from the clearinghouse {n}",
        "Claims rejected by the payer with CARC codes {n}",
        "Eligibility checks failing for all payers {n}",
    ],
    ("access_login", "medium"): [
        "Please reset the password for one nurse {n}",
        "New staff account needs the scheduler role {n}",
        "User locked out after MFA change {n}",
    ],
    ("compliance_request", "medium"): [
        "Please send the SOC 2 report and signed BAA {n}",
        "We need audit logs for one user account {n}",
        "Security questionnaire for our vendor review {n}",
    ],
    ("regulatory_deadline", "medium"): [
        "MIPS submission to QPP needs the eCQM export {n}",
        "State immunization registry reporting is failing {n}",
        "CMS quality reporting export missing data {n}",
    ],
    ("training_onboarding", "low"): [
        "How do I add a favorite order set {n}",
        "Is there a guide for new front desk staff {n}",
        "Where is the setting for the print layout {n}",
    ],
}


def write_training_dir(tmp_path, *, copies: int = 2):
    directory = tmp_path / "train"
    directory.mkdir()
    rows = []
    for (category, priority), templates in TEMPLATES.items():
        for copy in range(copies):
            for index, template in enumerate(templates):
                rows.append(
                    {
                        "id": f"{category}-{copy}-{index}",
                        "ticket_text": template.format(n=f"ticket {copy}"),
                        "category": category,
                        "priority": priority,
                    }
                )
    (directory / "synthetic.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return directory


def test_read_rows_skips_invalid_labels(tmp_path):
    path = tmp_path / "rows.jsonl"
    rows = [
        {"id": "ok", "ticket_text": "How do I print?", "category": "training_onboarding", "priority": "low"},
        {"id": "bad-priority", "ticket_text": "How do I print?", "category": "training_onboarding", "priority": "high"},
        {"id": "bad-category", "ticket_text": "x", "category": "other", "priority": "low"},
        {"id": "no-text", "ticket_text": "", "category": "billing_claims", "priority": "high"},
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows) + "not json\n", encoding="utf-8")

    kept = read_labeled_rows(paths=[path])

    assert [row["id"] for row in kept] == ["ok"]


def test_normalize_text_keeps_placeholders_whole():
    assert normalize_text("Fax for <PATIENT_NAME> DOB <DOB>") == "Fax for  zzphipatientname  DOB  zzphidob "


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("All 40 nurses are locked out", "many_users"),
        ("nobody at the clinic can sign in", "many_users"),
        ("the whole site is affected", "whole_site"),
        ("the submission window closes tomorrow", "deadline_soon"),
        ("due within 48 hours", "deadline_soon"),
        ("nothing is blocked, just curious", "nothing_blocked"),
        ("it's cosmetic", "nothing_blocked"),
    ],
)
def test_cue_detected(text, cue):
    assert cue_vector(text)[CUE_NAMES.index(cue)] == 1.0


def test_cue_absent_in_plain_request():
    assert cue_vector("Please reset the password for Dr. Lee").sum() <= 1.0


@pytest.mark.slow
def test_training_is_reproducible(tmp_path):
    train_dir = write_training_dir(tmp_path)
    first_path = tmp_path / "first.joblib"
    second_path = tmp_path / "second.joblib"

    first = train_and_save(train_dir=train_dir, artifact_path=first_path)
    second = train_and_save(train_dir=train_dir, artifact_path=second_path, run_cross_validation=False)

    assert first_path.exists()
    assert first.training_summary["rows"] == 48
    assert set(first.training_summary["cross_validation"]["category_accuracy"]) >= {
        "blend_embedding_weight_0.0",
        "blend_embedding_weight_1.0",
        "concatenated_tfidf_embedding",
    }
    loaded = load_model(path=first_path)
    texts = ["The ADT interface stopped again", "How do I change the print layout?"]
    embeddings = get_embedder(loaded.config.embedding_variant).embed(texts)
    assert np.allclose(
        loaded.category_proba(texts=texts, embeddings=embeddings),
        second.category_proba(texts=texts, embeddings=embeddings),
    )


@pytest.mark.slow
def test_feedback_rows_retrain_embedding_model(tmp_path):
    train_dir = write_training_dir(tmp_path)
    text = "The remittance viewer shows the payer logo upside down"
    embedding = get_embedder("int8").embed([text])[0]

    base = train_and_save(train_dir=train_dir, artifact_path=tmp_path / "base.joblib", run_cross_validation=False)
    base_category = CATEGORIES[int(np.argmax(base.embedding_log_proba(embedding[None, :])[0]))]
    corrected = "compliance_request" if base_category.value != "compliance_request" else "access_login"
    feedback = [("clinic-a", embedding.tolist(), corrected)] * 20

    retrained = train_and_save(
        train_dir=train_dir,
        artifact_path=tmp_path / "retrained.joblib",
        run_cross_validation=False,
        feedback_rows=feedback,
    )

    assert retrained.training_summary["feedback_rows"] == 20
    retrained_category = CATEGORIES[int(np.argmax(retrained.embedding_log_proba(embedding[None, :])[0]))]
    assert retrained_category.value == corrected


def test_missing_training_dir_raises(tmp_path):
    with pytest.raises(FileNotFoundError, match="no \\*.jsonl files"):
        train_and_save(train_dir=tmp_path, artifact_path=tmp_path / "model.joblib")


@pytest.mark.slow
def test_cross_validation_holds_out_each_file(tmp_path):
    train_dir = write_training_dir(tmp_path)
    rows = (train_dir / "synthetic.jsonl").read_text(encoding="utf-8").splitlines()
    (train_dir / "synthetic.jsonl").unlink()
    (train_dir / "first.jsonl").write_text("\n".join(row for row in rows if "-0-" in row) + "\n", encoding="utf-8")
    (train_dir / "second.jsonl").write_text("\n".join(row for row in rows if "-1-" in row) + "\n", encoding="utf-8")

    data = prepare_training_data(train_dir=train_dir, embedding_variant="int8")
    summary = cross_validate(data=data, config=ModelConfig())

    assert sorted(set(data.sources)) == ["first.jsonl", "second.jsonl"]
    held_out = summary["leave_one_file_out"]
    assert held_out["per_file"]["first.jsonl"]["rows"] == 24
    assert held_out["per_file"]["second.jsonl"]["rows"] == 24
    assert 0.0 <= held_out["category_accuracy"] <= 1.0
    # Both files hold the same templates, so held-out accuracy is high.
    assert held_out["category_accuracy"] >= 0.9
