"""Who is asking: HS256 JWT bearer tokens -> a Viewer (SPEC "Identity").

``sub`` is the person's id; ``"role": "admin"`` marks an admin. No token means anonymous.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import jwt

from service.errors import Unauthenticated

ALGORITHM = "HS256"


@dataclass(frozen=True)
class Viewer:
    id: str | None = None
    admin: bool = False

    @property
    def signed_in(self) -> bool:
        return self.id is not None or self.admin

    def require_person(self) -> str:
        """The viewer's person id, or UNAUTHENTICATED for anyone who is not signed in as a person."""
        if self.id is None:
            raise Unauthenticated("Sign in: send 'Authorization: Bearer <token>' (see `ties token`).")
        return self.id


ANONYMOUS = Viewer()


def issue_token(secret: str, person_id: str, *, admin: bool = False, ttl_seconds: int = 30 * 86400) -> str:
    now = int(time.time())
    claims: dict[str, object] = {"sub": person_id, "iat": now, "exp": now + ttl_seconds}
    if admin:
        claims["role"] = "admin"
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def viewer_from_authorization(header: str | None, secret: str) -> Viewer:
    """Parses an ``Authorization`` header; a missing header is anonymous, a bad token an error."""
    if not header:
        return ANONYMOUS
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("The Authorization header must read 'Bearer <token>'.")
    try:
        claims = jwt.decode(token.strip(), secret, algorithms=[ALGORITHM], options={"require": ["sub"]})
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("Your token has expired; get a new one.") from None
    except jwt.InvalidTokenError as exc:
        raise Unauthenticated(f"Your token is not valid ({exc}); get a new one.") from None
    return Viewer(id=str(claims["sub"]), admin=claims.get("role") == "admin")
