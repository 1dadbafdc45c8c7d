"""Redis as the shared cache, behind a circuit breaker.

django-redis already turns a failing Redis into a cache miss (IGNORE_EXCEPTIONS), but
each call still waits for its own socket timeout: a frozen Redis (it accepts
connections and never answers) made every page wait once per cache call. After a
failure the breaker stops asking Redis for `PAUSE_SECONDS`, so an outage costs a
request at most one timeout and then nothing, and it is logged once when it starts and
once when Redis answers again, not as a traceback per call.
"""

import functools
import logging
import threading
import time

from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger(__name__)

PAUSE_SECONDS = 10


class Breaker:
    """One per process: the cache and the rate limits share the one Redis."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.open_until = 0.0
        self.outage = False

    def allows(self):
        return time.monotonic() >= self.open_until

    def failed(self, error):
        with self.lock:
            self.open_until = time.monotonic() + PAUSE_SECONDS
            if not self.outage:
                self.outage = True
                logger.error(
                    "Redis is not answering (%s); the site carries on without it and asks "
                    "again every %s s",
                    error,
                    PAUSE_SECONDS,
                )

    def succeeded(self):
        if self.outage:
            with self.lock:
                if self.outage:
                    self.outage = False
                    logger.warning("Redis answers again")


breaker = Breaker()


def _behind_the_breaker(method):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        if not breaker.allows():
            raise ConnectionInterrupted(connection=None)  # a cache miss, at once
        try:
            result = method(self, *args, **kwargs)
        except ConnectionInterrupted as error:
            breaker.failed(error.__cause__ or error)
            raise
        breaker.succeeded()
        return result

    return call


class CircuitBreakerClient(DefaultClient):
    """django-redis's own client, with each cache operation the site uses behind `breaker`."""


for _name in (
    "get",
    "get_many",
    "set",
    "set_many",
    "add",
    "delete",
    "delete_many",
    "delete_pattern",
    "incr",
    "decr",
    "has_key",
    "touch",
    "expire",
    "ttl",
    "clear",
):
    setattr(CircuitBreakerClient, _name, _behind_the_breaker(getattr(DefaultClient, _name)))
