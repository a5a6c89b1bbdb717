"""Pausing Python's cyclic garbage collector while long-lived objects are made."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block; the collector's state is restored after.

    Making a pipeline (spaCy's import included) or loading the tables allocates some hundred
    thousand objects that live as long as the process; collections meanwhile would only scan
    them again and again (~60 ms of a cold start).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
