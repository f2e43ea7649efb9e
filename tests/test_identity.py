"""Tokens: HS256 from TIES_JWT_SECRET and RS256/ES256 from an identity provider's JWKS URL.

The provider is played by a tiny HTTP server in a thread of the test, serving a key set the test
rotates. Most checks call the Authenticator directly; one runs the service with a JWKS URL.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import jwt
import neo4j
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

from service.errors import TiesError, Unauthenticated, Unavailable
from service.identity import LEEWAY, Authenticator, Claims, Viewer, issue_token
from service.jwks import SigningKeys
from service.settings import ConfigurationError, Settings
from tests.conftest import TEST_SECRET, ServiceThread
from tests.graphs import draw_people

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


class Provider:
    """An identity provider's JWKS endpoint on 127.0.0.1, counting how often it is asked."""

    def __init__(self) -> None:
        self.keys: dict[str, tuple[str, PrivateKey]] = {}  # kid -> (algorithm, private key)
        self.fetches = 0
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                provider.fetches += 1
                body = json.dumps(provider.jwks()).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/jwks.json"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def add(self, kid: str, algorithm: str = "RS256") -> None:
        key: PrivateKey = (rsa.generate_private_key(public_exponent=65537, key_size=2048)
                           if algorithm == "RS256" else ec.generate_private_key(ec.SECP256R1()))
        self.keys[kid] = (algorithm, key)

    def jwks(self) -> dict[str, Any]:
        entries = []
        for kid, (algorithm, key) in self.keys.items():
            public = (RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
                      if isinstance(key, rsa.RSAPrivateKey)
                      else ECAlgorithm.to_jwk(key.public_key(), as_dict=True))
            entries.append({**public, "kid": kid, "use": "sig", "alg": algorithm})
        return {"keys": entries}

    def sign(self, kid: str, claims: dict[str, Any], *, key_of: str | None = None) -> str:
        algorithm, key = self.keys[key_of or kid]
        return jwt.encode(claims, key, algorithm=algorithm, headers={"kid": kid})

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def provider() -> Iterator[Provider]:
    p = Provider()
    yield p
    p.close()


def claims(sub: str = "ada", ttl: int = 600, **more: Any) -> dict[str, Any]:
    return {"sub": sub, "exp": int(time.time()) + ttl, **more}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def viewer(authenticator: Authenticator, token: str) -> Viewer:
    return asyncio.run(authenticator.viewer(f"Bearer {token}"))


def refusal(authenticator: Authenticator, token: str) -> TiesError:
    with pytest.raises(TiesError) as caught:
        viewer(authenticator, token)
    return caught.value


# -- HS256 -----------------------------------------------------------------------------------------

def test_a_token_needs_an_expiry_and_gets_a_little_leeway() -> None:
    auth = Authenticator(TEST_SECRET)
    assert viewer(auth, issue_token(TEST_SECRET, "ada")) == Viewer("ada")
    no_exp = jwt.encode({"sub": "ada"}, TEST_SECRET, algorithm="HS256")
    assert "exp" in refusal(auth, no_exp).message
    just_expired = jwt.encode(claims(ttl=-10), TEST_SECRET, algorithm="HS256")
    assert viewer(auth, just_expired) == Viewer("ada")  # within the 30 s leeway
    expired = jwt.encode(claims(ttl=-120), TEST_SECRET, algorithm="HS256")
    assert "expired" in refusal(auth, expired).message
    forged = jwt.encode(claims(), "another-secret-that-is-long-enough-too", algorithm="HS256")
    assert isinstance(refusal(auth, forged), Unauthenticated)
    assert isinstance(refusal(auth, "not.a.token"), Unauthenticated)


@dataclass(frozen=True)
class CountingClaims(Claims):
    """Claims that count the tokens read through them: only a token verified in full is."""

    read: list[str] = field(default_factory=list)

    def viewer(self, claims: dict[str, Any]) -> Viewer:
        self.read.append(claims["sub"])
        return super().viewer(claims)


def test_a_verified_token_is_kept_until_it_expires() -> None:
    clock = Clock()
    clock.now = time.time()
    rules = CountingClaims()
    auth = Authenticator(TEST_SECRET, claims=rules, clock=clock, cache_size=2)
    ada, bob, cy = (jwt.encode(claims(sub, ttl=60), TEST_SECRET) for sub in ("ada", "bob", "cy"))
    for _ in range(3):
        assert viewer(auth, ada) == Viewer("ada")
    assert rules.read == ["ada"]  # verified once, then known
    assert viewer(auth, bob) == Viewer("bob")
    assert viewer(auth, cy) == Viewer("cy")  # past cache_size: ada, the oldest, goes
    assert viewer(auth, ada) == Viewer("ada")
    assert rules.read == ["ada", "bob", "cy", "ada"]
    clock.now += 60 + LEEWAY
    assert "expired" in refusal(auth, ada).message  # a kept token expires like any other
    assert "expired" in refusal(auth, cy).message


def test_secrets_shorter_than_32_bytes_are_refused() -> None:
    with pytest.raises(ConfigurationError, match="TIES_JWT_SECRET"):
        Authenticator("short-secret")
    with pytest.raises(ConfigurationError, match="32 bytes"):
        issue_token("short-secret", "ada")


def test_issuer_and_audience_are_checked_when_configured() -> None:
    rules = Claims(issuer="https://id.example", audience="ties")
    auth = Authenticator(TEST_SECRET, claims=rules)
    assert viewer(auth, issue_token(TEST_SECRET, "ada", claims=rules)) == Viewer("ada")
    for wrong in ({"iss": "https://evil.example", "aud": "ties"}, {"iss": "https://id.example", "aud": "x"},
                  {"aud": "ties"}):
        assert isinstance(refusal(auth, jwt.encode({**claims(), **wrong}, TEST_SECRET, algorithm="HS256")),
                          Unauthenticated)
    # unset, neither is checked: a provider's token names its audience whatever it is
    assert viewer(Authenticator(TEST_SECRET), jwt.encode(claims(aud="any"), TEST_SECRET)) == Viewer("ada")


def test_the_id_and_admin_claims_are_configurable() -> None:
    rules = Claims(id_claim="preferred_username", admin_claim="realm_access.roles", admin_value="ties-admin")
    auth = Authenticator(TEST_SECRET, claims=rules)
    token = jwt.encode({"preferred_username": "ada", "realm_access": {"roles": ["user", "ties-admin"]},
                        "exp": int(time.time()) + 60}, TEST_SECRET)
    assert viewer(auth, token) == Viewer("ada", admin=True)
    bob = issue_token(TEST_SECRET, "bob", admin=True, claims=rules)
    assert viewer(auth, bob) == Viewer("bob", admin=True)
    plain_role = {"preferred_username": "ada", "role": "admin", "exp": int(time.time()) + 60}
    assert viewer(auth, jwt.encode(plain_role, TEST_SECRET)) == Viewer("ada")  # not the configured claim
    assert "preferred_username" in refusal(auth, jwt.encode(claims(), TEST_SECRET)).message


# -- an identity provider (JWKS) -------------------------------------------------------------------

def test_provider_tokens_are_verified_with_its_published_keys(provider: Provider) -> None:
    provider.add("rsa-1", "RS256")
    provider.add("ec-1", "ES256")
    auth = Authenticator(keys=SigningKeys(provider.url))
    assert viewer(auth, provider.sign("rsa-1", claims("ada"))) == Viewer("ada")
    assert viewer(auth, provider.sign("ec-1", claims("bob", role="admin"))) == Viewer("bob", admin=True)
    assert provider.fetches == 1  # the keys are kept
    for bad in (provider.sign("rsa-1", claims(ttl=-120)),                       # expired
                provider.sign("rsa-1", {"sub": "ada"}),                          # no exp
                provider.sign("rsa-1", claims(), key_of="ec-1"),                # signed with another key
                jwt.encode(claims(), TEST_SECRET, algorithm="HS256")):           # no secret configured
        assert isinstance(refusal(auth, bad), Unauthenticated)


def test_a_rotated_key_is_fetched_and_a_removed_one_refused(provider: Provider) -> None:
    clock = Clock()
    provider.add("old")
    auth = Authenticator(keys=SigningKeys(provider.url, min_interval=30, clock=clock))
    assert viewer(auth, provider.sign("old", claims())) == Viewer("ada")

    provider.add("new")
    del provider.keys["old"]  # the provider rotates
    clock.now += 31
    assert viewer(auth, provider.sign("new", claims("bob"))) == Viewer("bob")
    assert provider.fetches == 2
    with pytest.raises(Unauthenticated, match="key"):
        viewer(auth, jwt.encode(claims(), rsa.generate_private_key(public_exponent=65537, key_size=2048),
                                algorithm="RS256", headers={"kid": "old"}))


def test_keys_past_their_age_are_fetched_again_so_removed_keys_go(provider: Provider) -> None:
    clock = Clock()
    provider.add("k1")
    provider.add("k2")
    auth = Authenticator(keys=SigningKeys(provider.url, max_age=300, clock=clock))
    k1 = provider.sign("k1", claims())
    assert viewer(auth, k1) == Viewer("ada")
    del provider.keys["k1"]
    clock.now += 301
    assert isinstance(refusal(auth, k1), Unauthenticated)
    assert provider.fetches == 2


def test_a_flood_of_unknown_kids_asks_the_provider_once_per_interval(provider: Provider) -> None:
    clock = Clock()
    provider.add("real")
    keys = SigningKeys(provider.url, min_interval=30, clock=clock)
    auth = Authenticator(keys=keys)

    async def flood() -> list[BaseException | Viewer]:
        tokens = [provider.sign(f"made-up-{i}", claims(), key_of="real") for i in range(50)]
        return await asyncio.gather(*(auth.viewer(f"Bearer {t}") for t in tokens), return_exceptions=True)

    outcomes = asyncio.run(flood())
    assert all(isinstance(o, Unauthenticated) for o in outcomes)
    assert provider.fetches == 1
    clock.now += 31
    asyncio.run(flood())
    assert provider.fetches == 2


def test_an_unreachable_provider_is_unavailable_not_a_crash() -> None:
    auth = Authenticator(keys=SigningKeys("http://127.0.0.1:9/jwks.json", timeout=1))
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    token = jwt.encode(claims(), key, algorithm="RS256", headers={"kid": "k"})
    assert isinstance(refusal(auth, token), Unavailable)


def test_the_service_accepts_provider_tokens_and_refuses_bad_ones(provider: Provider, settings: Settings,
                                                                   graph_db: neo4j.Driver) -> None:
    draw_people(graph_db, "ada")
    provider.add("k1", "ES256")
    with_provider = Settings.from_env({"NEO4J_URI": settings.bolt_uri, "NEO4J_USER": settings.neo4j_user,
                                       "NEO4J_PASSWORD": settings.neo4j_password,
                                       "TIES_JWT_JWKS_URL": provider.url, "TIES_JWT_AUDIENCE": "ties"})
    query = {"query": "{ viewer { id } }"}
    with ServiceThread(with_provider) as service:
        def ask(token: str) -> dict[str, Any]:
            response = httpx.post(f"{service.url}/graphql", json=query,
                                  headers={"Authorization": f"Bearer {token}"})
            assert response.status_code == 200
            body: dict[str, Any] = response.json()
            return body

        assert ask(provider.sign("k1", claims("ada", aud="ties"))) == {"data": {"viewer": {"id": "ada"}}}
        for bad in (provider.sign("k1", claims("ada", aud="other")), provider.sign("k1", {"sub": "ada"}),
                    provider.sign("k1", claims(ttl=-120, aud="ties")),
                    issue_token(TEST_SECRET, "ada")):  # no HS256 secret here: a secret token means nothing
            assert [e["extensions"]["code"] for e in ask(bad)["errors"]] == ["UNAUTHENTICATED"]
