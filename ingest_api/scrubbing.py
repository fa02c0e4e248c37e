"""Scrubbing for the edge: in worker processes, or in threads of the edge process.

Scrubbing is Python-heavy (Presidio's regular expressions and spaCy), so in
threads it holds the GIL that the event loop, the Kafka clients and, on the
embedded stack, the classify agent also need. Worker processes take it off
that GIL. They are started with `spawn`, never `fork`: the edge already runs
Kafka client threads, and forking a process with threads can deadlock the child.
Text reaches a worker through a pipe in memory, never through a file.
"""

import asyncio
import logging
import multiprocessing
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

from phi.models import ScrubResult

log = logging.getLogger(__name__)


def _scrub(text: str) -> ScrubResult:
    from phi.service import scrub_text

    return scrub_text(text=text)


def _warm_up() -> None:
    from phi.service import warm_up

    warm_up()


class Scrubber:
    """Scrub ticket text off the event loop, in `processes` worker processes or, with 0, two threads."""

    def __init__(self, *, processes: int) -> None:
        self._processes = processes
        self._executor: Executor | None = None

    def start(self) -> None:
        """Create the workers and load the scrubber in each; blocks until they are ready."""
        from phi.service import check_settings

        # A bad setting would otherwise surface as a broken worker pool.
        check_settings()
        if self._processes > 0:
            self._executor = ProcessPoolExecutor(
                max_workers=self._processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_warm_up,
            )
            # One call per worker makes each one start and run the initializer now.
            list(self._executor.map(len, ["warm up"] * self._processes))
        else:
            self._executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="scrub")
            _warm_up()
        log.info("scrubber ready", extra={"processes": self._processes})

    async def scrub(self, *, text: str) -> ScrubResult:
        """Return the scrubbed text and what was found in it."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, _scrub, text)

    def close(self) -> None:
        """Stop the workers."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
