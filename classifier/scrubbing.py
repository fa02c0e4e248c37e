"""Access to the PHI scrubber from training and evaluation.

Training runs its texts through the same scrubber as production, so the model
learns from placeholders such as <PATIENT_NAME> instead of real-looking names.
"""

import inspect
import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)


def load_scrub_function() -> Callable[[str], Any] | None:
    """Return a callable text -> ScrubResult wrapping phi.service.scrub_text, or None when phi.service is missing."""
    try:
        from phi.service import scrub_text
    except ImportError as error:
        log.warning("PHI scrubber not importable (%s); using the raw text", error.__class__.__name__)
        return None

    # Accept either a keyword-only `text` parameter or a positional one.
    parameters = inspect.signature(scrub_text).parameters
    first = next(iter(parameters.values()), None)
    if first is not None and first.kind is inspect.Parameter.KEYWORD_ONLY:
        name = first.name
        return lambda text: scrub_text(**{name: text})
    return lambda text: scrub_text(text)


def scrubbed_text(result: Any) -> str:
    """Return the scrubbed text of a scrub result (a ScrubResult or a plain string)."""
    if isinstance(result, str):
        return result
    return result.text
