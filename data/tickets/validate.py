"""Check labeled ticket files: JSON lines with the fields and rules of docs/labeling.md.

Usage: python data/tickets/validate.py FILE.jsonl [FILE.jsonl ...]
Prints one line per problem and a count per category; exits 1 on any problem.
"""

import collections
import json
import sys

ALLOWED = {
    "clinical_urgency": {"critical"},
    "phi_exposure": {"critical"},
    "ehr_integration": {"high", "medium"},
    "billing_claims": {"high", "medium"},
    "access_login": {"medium", "high"},
    "compliance_request": {"medium", "high"},
    "regulatory_deadline": {"medium", "high"},
    "training_onboarding": {"low"},
}
REQUIRED = ("id", "ticket_text", "category", "priority", "phi_risk", "phi_values", "keep_values")


def check_row(row: dict) -> list[str]:
    """Return the problems of one labeled row."""
    problems = [f"missing field {name}" for name in REQUIRED if name not in row]
    if problems:
        return problems
    text = row["ticket_text"]
    if not isinstance(text, str) or not text.strip():
        problems.append("ticket_text is empty")
    if row["category"] not in ALLOWED:
        problems.append(f"unknown category {row['category']!r}")
    elif row["priority"] not in ALLOWED[row["category"]]:
        problems.append(f"priority {row['priority']!r} not allowed for {row['category']}")
    for name in ("phi_values", "keep_values"):
        for value in row[name]:
            if value not in text:
                problems.append(f"{name} entry {value!r} is not a substring of ticket_text")
    if bool(row["phi_values"]) != bool(row["phi_risk"]):
        problems.append("phi_risk must be true exactly when phi_values is non-empty")
    return problems


def main(paths: list[str]) -> int:
    """Validate every file and print a summary."""
    failed = False
    counts: collections.Counter = collections.Counter()
    seen_ids: set[str] = set()
    phi_rows = 0
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line_number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as error:
                    print(f"{path}:{line_number}: invalid JSON: {error}")
                    failed = True
                    continue
                if row.get("id") in seen_ids:
                    print(f"{path}:{line_number}: duplicate id {row.get('id')!r}")
                    failed = True
                seen_ids.add(row.get("id"))
                for problem in check_row(row):
                    print(f"{path}:{line_number}: {problem}")
                    failed = True
                counts[(row.get("category"), row.get("priority"))] += 1
                phi_rows += row.get("phi_risk") is True
    for (category, priority), count in sorted(counts.items(), key=lambda item: str(item[0])):
        print(f"{category:22} {priority:9} {count}")
    print(f"total {sum(counts.values())}, phi_risk true in {phi_rows}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
