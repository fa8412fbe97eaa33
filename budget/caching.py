"""Caching of public pages: safe because what is public is frozen, and invalidated by publication.

Each publication bumps the publication generation, a counter in the shared cache. Every cached public
value is stored with the generation it was built in, and is reused only while that is still the current
one: so a correction drops the cached listings and pages at once, on every app server that shares the
cache.

A value is kept twice: in the shared cache, and in a copy in this process's memory (the "local"
cache). A request reads the generation from the shared cache (a few bytes, one round trip) and, while
that matches, serves this process's copy, not fetching the page from the shared cache again.
"""

import hashlib
import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache, caches

GENERATION_KEY = "budget:published-generation"
LISTING_SECONDS = 60
PAGE_SECONDS = 24 * 3600
T = TypeVar("T")


def published_changed() -> None:
    """A budget was published or corrected: every cached public page is stale."""
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def current_generation() -> int:
    """The publication generation; a new one if the shared cache lost it, so that nothing stored before is trusted."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def cached(parts: tuple[object, ...], build: Callable[[], T], timeout: int) -> T:
    """The value cached under the parts, if built in the current generation; else built now and stored (None, for
    nothing there, is not)."""
    # Hashed: the parts may hold whatever a visitor typed in the search box (spaces, any length).
    key = f"budget:{parts[0]}:{hashlib.sha256(repr(parts).encode()).hexdigest()}"
    generation = current_generation()
    local = caches["local"]
    entry = local.get(key)
    if entry is not None and entry[0] == generation:
        return entry[1]
    entry = cache.get(key)
    if entry is None or entry[0] != generation:
        # Tagged with the generation read before building: a publication meanwhile makes it stale at once.
        entry = (generation, build())
        if entry[1] is None:
            # Nothing there (no such budget, year or page): not kept, or each address a crawler invents would be.
            return entry[1]
        cache.set(key, entry, timeout)
    local.set(key, entry, timeout)
    return entry[1]
