"""Classifier backend that calls an OpenAI-compatible chat completions API.

Works with OpenAI, Azure OpenAI (v1 API through the base URL), vLLM and any
server that implements POST /v1/chat/completions with JSON Schema structured
output. Only scrubbed ticket text is sent. Every failure (timeout, connection
error, rate limit, server error, output that does not validate) ends as
LLMUnavailable once the retries run out, so the caller can fall back to the
local model.

Privacy: no log line or exception raised here contains ticket text or model
output. Errors are reported by class name and HTTP status only, because SDK and
pydantic error messages can quote the request or the response body.
"""

import json
import logging
import os
import random
import threading
import time

import openai
import pydantic
from openai.types.chat import ChatCompletion
from pydantic import BaseModel, ConfigDict, Field

from classifier.models import ModelVerdict
from classifier.prompts import RESPONSE_FORMAT, SYSTEM_PROMPT, build_user_message
from cliniqueue.config import get_settings
from schemas.labels import Category, Priority, constrain_priority

log = logging.getLogger(__name__)

BACKEND_NAME = "openai"

# Exponential backoff between attempts: base * 2**(retry - 1), capped, with
# jitter so that workers that failed together do not retry together.
# Module constants so that tests can shrink them.
RETRY_BASE_DELAY_S = 0.5
RETRY_MAX_DELAY_S = 8.0

# Bounds the cost and the duration of one completion. The JSON object with a
# short draft reply needs a few hundred tokens.
# NOTE: reasoning models count hidden reasoning tokens against this limit too,
# so a model with heavy reasoning may stop early and fail validation.
MAX_COMPLETION_TOKENS = 1000

# Status codes worth another attempt. Anything else (400, 401, 403, 404, 422)
# means a configuration error that a retry cannot fix.
RETRYABLE_STATUS_CODES = frozenset({408, 409, 429, 500, 502, 503, 504})


class LLMUnavailable(Exception):
    """The LLM failed, timed out, was rate-limited or returned invalid output."""


class InvalidLLMOutput(Exception):
    """The LLM returned a completion that is not a valid classification."""


class LLMClassification(BaseModel):
    """Fields the LLM must return; extra keys are ignored."""

    model_config = ConfigDict(extra="ignore")

    category: Category
    priority: Priority
    confidence: float = Field(ge=0.0, le=1.0)
    reasoning: str = Field(min_length=1, max_length=2000)
    suggested_reply: str | None = Field(default=None, max_length=4000)


_client: openai.OpenAI | None = None
_client_config: tuple[str, str, float] | None = None
_client_lock = threading.Lock()


def get_client() -> openai.OpenAI:
    """Return the process-wide SDK client, creating it on first use."""
    global _client, _client_config

    settings = get_settings()
    config = (settings.openai_base_url, settings.openai_api_key, settings.openai_timeout_s)

    with _client_lock:
        # Rebuilt only when the settings change, which happens in tests after
        # get_settings.cache_clear(). A service process builds it once.
        if _client is not None and _client_config == config:
            return _client

        if not settings.openai_api_key and not os.environ.get("OPENAI_API_KEY"):
            raise LLMUnavailable(
                "The LLM API key is missing. Set CLINIQUEUE_OPENAI_API_KEY "
                "(any non-empty value for a server without authentication)."
            )
        try:
            _client = openai.OpenAI(
                # Empty values pass None so that the SDK falls back to
                # OPENAI_API_KEY, OPENAI_BASE_URL and api.openai.com.
                api_key=settings.openai_api_key or None,
                base_url=settings.openai_base_url or None,
                timeout=settings.openai_timeout_s,
                # Retries happen in classify_with_llm, which also retries
                # invalid output and logs each attempt.
                max_retries=0,
            )
        except openai.OpenAIError as error:
            raise LLMUnavailable(
                f"Could not create the OpenAI client ({type(error).__name__}). "
                "Check the CLINIQUEUE_OPENAI_* settings."
            ) from None
        _client_config = config
        log.info("Created OpenAI client for model %s", settings.openai_model)
        return _client


def describe_error(error: Exception) -> str:
    """Return the class name of an error, with the HTTP status when there is one."""
    if isinstance(error, openai.APIStatusError):
        return f"{type(error).__name__} (HTTP {error.status_code})"
    return type(error).__name__


def is_retryable(error: Exception) -> bool:
    """Return whether another attempt could succeed after this error."""
    if isinstance(error, openai.APIStatusError):
        return error.status_code in RETRYABLE_STATUS_CODES or error.status_code >= 500
    # Timeouts (APITimeoutError is a subclass), refused connections and invalid
    # output are all worth another attempt.
    return isinstance(error, (openai.APIConnectionError, InvalidLLMOutput))


def retry_delay_s(*, retry_number: int, error: Exception) -> float:
    """Return the seconds to wait before retry number retry_number (1-based)."""
    delay = min(RETRY_MAX_DELAY_S, RETRY_BASE_DELAY_S * 2 ** (retry_number - 1))
    delay *= random.uniform(0.5, 1.0)

    # Honor a server's Retry-After (usually sent with 429 or 503), but never wait
    # longer than the cap, because a worker thread is blocked meanwhile.
    retry_after = error.response.headers.get("retry-after") if isinstance(error, openai.APIStatusError) else None
    if retry_after is not None:
        try:
            delay = max(delay, float(retry_after))
        except ValueError:
            pass  # Retry-After given as an HTTP date: the backoff applies.

    return min(delay, RETRY_MAX_DELAY_S)


def request_completion(*, client: openai.OpenAI, model: str, user_message: str) -> str:
    """Send one chat completion request and return the message content."""
    try:
        completion = client.chat.completions.create(
            model=model,
            messages=[
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": user_message},
            ],
            response_format=RESPONSE_FORMAT,
            max_completion_tokens=MAX_COMPLETION_TOKENS,
        )
    except json.JSONDecodeError:
        # The SDK parses a body labeled application/json without catching this.
        raise InvalidLLMOutput("The response body is not valid JSON.") from None

    # A body with another content type (an HTML error page from a proxy, for
    # example) comes back from the SDK as a plain string.
    if not isinstance(completion, ChatCompletion):
        raise InvalidLLMOutput("The response is not a chat completion object.")
    if not completion.choices:
        raise InvalidLLMOutput("The completion has no choices.")
    choice = completion.choices[0]
    if choice.message is None:
        raise InvalidLLMOutput("The completion has no message.")
    if choice.finish_reason != "stop":
        raise InvalidLLMOutput(f"The completion ended with finish_reason {choice.finish_reason!r}.")
    if choice.message.refusal:
        raise InvalidLLMOutput("The model refused the request.")
    if not choice.message.content:
        raise InvalidLLMOutput("The completion has no content.")
    return choice.message.content


def parse_classification(*, content: str, drafts_enabled: bool) -> LLMClassification:
    """Validate the JSON message content against the label vocabulary."""
    try:
        classification = LLMClassification.model_validate_json(content)
    except pydantic.ValidationError as error:
        # Only the field locations: the message would quote the model output.
        fields = sorted({".".join(str(part) for part in item["loc"]) or "<root>" for item in error.errors()})
        raise InvalidLLMOutput(f"The completion failed validation on: {', '.join(fields)}.") from None

    if not classification.reasoning.strip():
        raise InvalidLLMOutput("The completion has an empty reasoning.")
    if drafts_enabled and not (classification.suggested_reply and classification.suggested_reply.strip()):
        raise InvalidLLMOutput("Drafts are enabled but the completion has no suggested_reply.")
    return classification


def classify_with_llm(*, scrubbed_text: str, drafts_enabled: bool) -> ModelVerdict:
    """Classify one scrubbed ticket with the LLM, retrying with backoff.

    Raises LLMUnavailable when every attempt failed or an error cannot be fixed
    by a retry. The caller fills the embedding.
    """
    settings = get_settings()
    client = get_client()
    attempts = 1 + settings.openai_max_retries

    for attempt in range(1, attempts + 1):
        try:
            # A new message per attempt, so each request has a fresh boundary.
            user_message = build_user_message(scrubbed_text=scrubbed_text, drafts_enabled=drafts_enabled)
            content = request_completion(client=client, model=settings.openai_model, user_message=user_message)
            classification = parse_classification(content=content, drafts_enabled=drafts_enabled)
        except (openai.OpenAIError, InvalidLLMOutput) as error:
            if not is_retryable(error):
                raise LLMUnavailable(f"LLM request failed with {describe_error(error)}; not retried.") from None
            if attempt == attempts:
                raise LLMUnavailable(
                    f"LLM request failed after {attempts} attempt(s); last error: {describe_error(error)}."
                ) from None

            delay = retry_delay_s(retry_number=attempt, error=error)
            log.warning(
                "LLM attempt %d of %d failed with %s; retrying in %.2f s",
                attempt,
                attempts,
                describe_error(error),
                delay,
            )
            time.sleep(delay)
            continue

        # The user message requests a null reply without drafts. This enforces it.
        suggested_reply = classification.suggested_reply.strip() if drafts_enabled else None
        return ModelVerdict(
            category=classification.category,
            priority=constrain_priority(category=classification.category, priority=classification.priority),
            confidence=classification.confidence,
            reasoning=classification.reasoning.strip(),
            suggested_reply=suggested_reply,
            backend=BACKEND_NAME,
            embedding=[],
        )

    raise AssertionError("unreachable: the retry loop returns or raises")
