"""An OpenID Connect provider's signing keys, fetched from its JWKS URL with PyJWT's ``PyJWKClient``.

The keys are kept in memory and fetched again when a token names a key (``kid``) not among them
(the provider rotated its keys) or when they are older than ``max_age`` (a removed key goes).
Fetches are bounded: at most one per ``min_interval`` seconds, one at a time, so a flood of tokens
with made-up kids costs the provider one request per interval. ``PyJWKClient`` fetches with
blocking urllib, so each fetch runs in a thread, never on the event loop, and is time-bounded.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable

import jwt
from jwt import PyJWK, PyJWKClient

from service.errors import Unauthenticated, Unavailable

log = logging.getLogger("ties.jwks")

#: Seconds one fetch of the key set may take.
FETCH_TIMEOUT = 5.0
#: Keys older than this are fetched again on the next token, so a key the provider removed goes.
MAX_AGE = 300.0
#: The least time between two fetches, whatever tokens arrive.
MIN_INTERVAL = 30.0


class SigningKeys:
    def __init__(self, url: str, *, timeout: float = FETCH_TIMEOUT, max_age: float = MAX_AGE,
                 min_interval: float = MIN_INTERVAL, clock: Callable[[], float] = time.monotonic) -> None:
        self.url = url
        # PyJWT fetches and parses; the caching and its bounds are ours (they must not block the loop).
        self._client = PyJWKClient(url, cache_jwk_set=False, timeout=timeout)
        self._timeout = timeout
        self._max_age = max_age
        self._min_interval = min_interval
        self._clock = clock
        self._keys: dict[str, PyJWK] = {}
        self._fetched_at = -math.inf  # the last fetch that succeeded
        self._tried_at = -math.inf  # the last fetch, whatever came of it
        self._lock = asyncio.Lock()

    async def key(self, kid: str | None) -> PyJWK:
        """The provider's key named ``kid``; UNAUTHENTICATED if it has none such."""
        if not isinstance(kid, str):
            raise Unauthenticated("Your token names no signing key (kid); get a new one.")
        if kid not in self._keys or self._clock() - self._fetched_at > self._max_age:
            await self._refresh()
        if (key := self._keys.get(kid)) is None:
            raise Unauthenticated("Your token is signed with a key the identity provider does not "
                                  "publish; get a new one.")
        return key

    def _may_fetch(self) -> bool:
        return self._clock() - self._tried_at >= self._min_interval

    async def _refresh(self) -> None:
        async with self._lock:
            if not self._may_fetch():  # fetched a moment ago (perhaps by the request we waited on)
                if not self._keys:
                    raise Unavailable("The identity provider's keys could not be fetched; try again shortly.")
                return
            self._tried_at = self._clock()
            try:
                keys = await asyncio.wait_for(asyncio.to_thread(self._client.get_jwk_set, True),
                                              self._timeout + 1)
            except (jwt.PyJWTError, TimeoutError) as exc:
                log.warning("could not fetch the identity provider's keys from %s: %s", self.url, exc)
                if not self._keys:
                    raise Unavailable("The identity provider's keys could not be fetched; "
                                      "try again shortly.") from None
                return  # keep the keys we have
            self._keys = {key.key_id: key for key in keys.keys
                          if key.key_id and key.public_key_use in ("sig", None)}
            self._fetched_at = self._clock()
