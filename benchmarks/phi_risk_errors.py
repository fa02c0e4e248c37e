"""Sort the scrubber's phi_risk errors on labeled files by the kinds of finding that set the flag.

Usage: python benchmarks/phi_risk_errors.py FILE.jsonl [...]

A row is a false flag when the scrubber sets phi_risk and the label does
not, and a miss the other way round. Each false flag is listed under the
set of patient findings behind it: entity type, "weak" or "firm" (whether
an operational span may veto it) and "tagger" or "rule". Each line also
counts the rightly flagged rows with the same set, which shows whether
that set separates the two. The last line says what flagging only on firm findings would change. It prints counts
only, never ticket text or ids.
"""

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.phi_bench import load_rows  # noqa: E402


def finding_kinds(*, text: str) -> frozenset[str]:
    """Return the kinds of the patient findings the scrubber makes in a text, e.g. "PATIENT_NAME firm rule"."""
    from phi.policy import resolve_findings
    from phi.service import get_analyzer

    results = get_analyzer().analyze(text=text, language="en", return_decision_process=True)
    return frozenset(
        f"{finding.entity} {'weak' if finding.weak else 'firm'} {'tagger' if finding.learned else 'rule'}"
        for finding in resolve_findings(text=text, results=results)
        if finding.patient
    )


def main(argv: list[str] | None = None) -> int:
    """Print the phi_risk errors by finding kind and the firm-only alternative."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, help="labeled JSON lines files")
    args = parser.parse_args(argv)

    rows = load_rows(paths=args.files)
    false_flags: Counter[frozenset[str]] = Counter()
    right_flags: Counter[frozenset[str]] = Counter()
    misses = 0
    right_flags_lost = 0
    false_flags_cleared = 0
    for row in rows:
        kinds = finding_kinds(text=row["ticket_text"])
        labeled = bool(row.get("phi_risk"))
        if labeled and not kinds:
            misses += 1
        if kinds and not labeled:
            false_flags[kinds] += 1
        if kinds and labeled:
            right_flags[kinds] += 1
        # Firm only: a row flagged by weak findings alone would no longer be flagged.
        weak_only = bool(kinds) and all(" weak " in kind for kind in kinds)
        if weak_only and labeled:
            right_flags_lost += 1
        if weak_only and not labeled:
            false_flags_cleared += 1

    print(f"{len(rows)} rows: {sum(false_flags.values())} false flags, {misses} misses")
    for kinds, count in false_flags.most_common():
        print(f"  {count:>4} false flags from {' + '.join(sorted(kinds))}, against {right_flags[kinds]} right flags")
    print(f"flagging only on firm findings: {false_flags_cleared} false flags cleared, {right_flags_lost} right flags lost")
    return 0


if __name__ == "__main__":
    sys.exit(main())
