"""Caching of public pages: safe because what is public is frozen, and invalidated by publication.

Every cache key of a public page includes the publication generation, a counter in the shared cache
that each publication bumps; so a correction drops the cached listings and pages at once, on every
app server that shares the cache.
"""

import time

from django.core.cache import cache

GENERATION_KEY = "budget:published-generation"
LISTING_SECONDS = 60
PAGE_SECONDS = 24 * 3600


def generation():
    """The current publication generation (a fresh one if the cache lost it, so nothing stale is reused)."""
    return cache.get_or_set(GENERATION_KEY, time.time_ns, timeout=None)


def published_changed():
    """A budget was published or corrected: every cached public page is stale."""
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def key(*parts):
    """A cache key for a public page, in the current generation."""
    return key_in(generation(), *parts)


def key_in(given_generation, *parts):
    """A cache key in a generation the caller has already read (one cache read fewer)."""
    return ":".join(["budget", str(given_generation), *map(str, parts)])


def cached(parts, build, timeout):
    """The value cached under the parts' key, built (and stored) when missing."""
    return cache.get_or_set(key(*parts), build, timeout=timeout)
