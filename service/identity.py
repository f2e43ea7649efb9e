"""Who is asking: JWT bearer tokens -> a Viewer (SPEC "Identity").

Two kinds of token, told apart by their ``alg`` header: HS256, signed with ``TIES_JWT_SECRET``
(what ``ties token`` prints), and RS256/ES256 from an OpenID Connect provider, verified with the
keys its JWKS URL publishes (``service.jwks``). Either way ``exp`` is required (with a little
leeway for clocks that disagree), ``iss`` and ``aud`` must match when configured, the person's id
is read from one claim (``sub`` unless configured) and an admin is marked by another (``"role":
"admin"`` unless configured; a list holding the value counts too). No token means anonymous.

A token once verified is kept (``TOKEN_CACHE_SIZE`` of them) until its ``exp`` (plus the leeway):
clients send the same token with every request, and verifying it afresh was a quarter of the
service's CPU for a small read (bench/README.md). A provider's token is kept with the key that
signed it and verified again whenever the provider no longer publishes that very key.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jwt
from jwt import PyJWK

from service.errors import TiesError, Unauthenticated
from service.jwks import SigningKeys
from service.settings import ConfigurationError, Settings

HS256 = "HS256"
#: What an identity provider may sign with (never HS256: its key would be public).
PROVIDER_ALGORITHMS = frozenset({"RS256", "ES256"})
#: RFC 7518 3.2: an HS256 key is at least as long as the hash.
MIN_SECRET_BYTES = 32
#: Seconds by which a token may seem expired, or not yet valid, to a clock that disagrees with its issuer's.
LEEWAY = 30
#: Verified tokens kept per process; past this many the oldest goes first.
TOKEN_CACHE_SIZE = 4096

SECRET_HINT = ("set TIES_JWT_SECRET to a random string of at least 32 bytes "
               "(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')")


@dataclass(frozen=True)
class Viewer:
    id: str | None = None
    admin: bool = False

    @property
    def signed_in(self) -> bool:
        return self.id is not None or self.admin


ANONYMOUS = Viewer()


@dataclass(frozen=True)
class Claims:
    """Which claims a token must carry, and where it says who and what its bearer is."""

    id_claim: str = "sub"
    admin_claim: str = "role"
    admin_value: str = "admin"
    issuer: str | None = None
    audience: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> Claims:
        return cls(settings.jwt_id_claim, settings.jwt_admin_claim, settings.jwt_admin_value,
                   settings.jwt_issuer, settings.jwt_audience)

    def viewer(self, claims: dict[str, Any]) -> Viewer:
        person = _claim(claims, self.id_claim)
        if not isinstance(person, str | int) or person == "":
            raise Unauthenticated(f"Your token has no {self.id_claim!r} claim naming you; get a new one.")
        role = _claim(claims, self.admin_claim)
        admin = role == self.admin_value or (isinstance(role, list) and self.admin_value in role)
        return Viewer(id=str(person), admin=admin)


def _claim(claims: dict[str, Any], path: str) -> Any:
    """A claim by name; a dotted name reaches into nested objects (``realm_access.roles``)."""
    value: Any = claims
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def checked_secret(secret: str) -> str:
    if len(secret.encode()) < MIN_SECRET_BYTES:
        raise ConfigurationError(f"TIES_JWT_SECRET is too short to sign tokens safely: {SECRET_HINT}.")
    return secret


def issue_token(secret: str, person_id: str, *, admin: bool = False, ttl_seconds: int = 30 * 86400,
                claims: Claims | None = None) -> str:
    """An HS256 token for ``person_id`` that ``Authenticator`` with the same secret and claims accepts."""
    claims = claims or Claims()
    now = int(time.time())
    payload: dict[str, Any] = {"iat": now, "exp": now + ttl_seconds}
    _put(payload, claims.id_claim, person_id)
    if admin:
        _put(payload, claims.admin_claim, claims.admin_value)
    if claims.issuer:
        payload["iss"] = claims.issuer
    if claims.audience:
        payload["aud"] = claims.audience
    return jwt.encode(payload, checked_secret(secret), algorithm=HS256)


def _put(payload: dict[str, Any], path: str, value: str) -> None:
    *parents, name = path.split(".")
    for part in parents:
        payload = payload.setdefault(part, {})
    payload[name] = value


@dataclass(frozen=True)
class _Verified:
    """A token that was verified: who it names, until when (``exp`` + LEEWAY), signed with which key."""

    viewer: Viewer
    until: float
    #: The provider's key that verified it (None: the HS256 secret, which never changes).
    key: PyJWK | None = None
    kid: str | None = None


class Authenticator:
    """Turns an ``Authorization`` header into a Viewer; one per app."""

    def __init__(self, secret: str | None = None, keys: SigningKeys | None = None,
                 claims: Claims | None = None, *, clock: Callable[[], float] = time.time,
                 cache_size: int = TOKEN_CACHE_SIZE) -> None:
        """``clock`` tells the time a kept token's ``exp`` is checked against (PyJWT reads the same)."""
        self.secret = checked_secret(secret) if secret is not None else None
        self.keys = keys
        self.claims = claims or Claims()
        self._clock = clock
        self._cache_size = cache_size
        self._verified: dict[str, _Verified] = {}

    @classmethod
    def from_settings(cls, settings: Settings) -> Authenticator:
        """Raises ConfigurationError when no secret may be used and no identity provider is named."""
        secret = settings.jwt_secret
        if settings.jwt_secret_made_up and not settings.local_development:
            secret = None  # made for a laptop (`ties serve --host` may since have widened it)
        if secret is None and settings.jwt_jwks_url is None:
            where = (f"NEO4J_URI is set ({settings.neo4j_uri})" if settings.neo4j_uri
                     else f"TIES_HOST {settings.host} is reachable from other machines")
            raise ConfigurationError(
                f"{where}, so no made-up secret may sign tokens: {SECRET_HINT}, or set "
                "TIES_JWT_JWKS_URL to your OpenID Connect provider's JWKS URL.")
        keys = SigningKeys(settings.jwt_jwks_url) if settings.jwt_jwks_url else None
        return cls(secret, keys, Claims.from_settings(settings))

    async def viewer(self, header: str | None) -> Viewer:
        """A missing header is anonymous; a bad token UNAUTHENTICATED (UNAVAILABLE: no provider keys)."""
        if not header:
            return ANONYMOUS
        scheme, _, token = header.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise Unauthenticated("The Authorization header must read 'Bearer <token>'.")
        if (known := self._verified.get(token)) is not None:
            if self._clock() >= known.until:
                del self._verified[token]
                raise Unauthenticated("Your token has expired; get a new one.")
            if known.key is None or (self.keys is not None and await self.keys.key(known.kid) is known.key):
                return known.viewer
        return await self._verify(token)

    async def _verify(self, token: str) -> Viewer:
        try:
            header_fields = jwt.get_unverified_header(token)
            algorithm = header_fields.get("alg")
            key: Any
            jwk: PyJWK | None = None
            if algorithm == HS256 and self.secret is not None:
                key = self.secret
            elif algorithm in PROVIDER_ALGORITHMS and self.keys is not None:
                jwk = await self.keys.key(header_fields.get("kid"))
                if jwk.algorithm_name != algorithm:
                    raise Unauthenticated(f"Your token says {algorithm} but its key is for "
                                          f"{jwk.algorithm_name}; get a new one.")
                key = jwk.key
            else:
                raise Unauthenticated(f"Tokens signed with {algorithm!r} are not accepted here.")
            claims = jwt.decode(token, key, algorithms=[algorithm], leeway=LEEWAY,
                                issuer=self.claims.issuer, audience=self.claims.audience,
                                options={"require": ["exp"], "verify_aud": self.claims.audience is not None})
        except TiesError:
            raise
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("Your token has expired; get a new one.") from None
        except jwt.InvalidTokenError as exc:
            raise Unauthenticated(f"Your token is not valid ({exc}); get a new one.") from None
        viewer = self.claims.viewer(claims)
        if len(self._verified) >= self._cache_size:
            del self._verified[next(iter(self._verified))]  # the oldest
        self._verified[token] = _Verified(viewer, int(claims["exp"]) + LEEWAY, jwk,
                                          header_fields.get("kid") if jwk is not None else None)
        return viewer
