"""Caching of public pages: safe because what is public is frozen, and invalidated by publication.

Each publication bumps the publication generation, a counter in the shared cache. Every cached public
value is stored with the generation it was built in, and is reused only while that is still the current
one: so a correction drops the cached listings and pages at once, on every app server that shares the
cache. The value and the generation are read together, in one round trip to the cache.
"""

import time

from django.core.cache import cache

GENERATION_KEY = "budget:published-generation"
LISTING_SECONDS = 60
PAGE_SECONDS = 24 * 3600


def published_changed():
    """A budget was published or corrected: every cached public page is stale."""
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def cached(parts, build, timeout):
    """The value cached under the parts, if built in the current generation; else built now and stored."""
    key = ":".join(["budget", *map(str, parts)])
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        # The cache lost the generation: start a new one, so that nothing stored before is trusted.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    elif key in found and found[key][0] == generation:
        return found[key][1]
    value = build()
    # Tagged with the generation read before building: a publication meanwhile makes it stale at once.
    cache.set(key, (generation, value), timeout=timeout)
    return value
