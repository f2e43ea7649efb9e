"""service/live.py: a person's open subscriptions, each told what concerns that person alone, and
forgotten when it closes. Pure: no database (test_subscriptions and test_live_messages run the
whole path over WebSockets)."""

from __future__ import annotations

from service.live import Listeners


def test_every_open_subscription_of_the_person_is_told_and_no_one_else() -> None:
    live: Listeners[int] = Listeners()
    with live.listen("ada") as phone, live.listen("ada") as laptop, live.listen("bob") as bobs:
        live.tell("ada", 7)
        assert (phone.get_nowait(), laptop.get_nowait()) == (7, 7)
        assert bobs.empty()


def test_a_closed_subscription_is_told_nothing_more() -> None:
    live: Listeners[str] = Listeners()
    with live.listen("ada") as closed:
        pass
    with live.listen("ada") as still_open:
        live.tell("ada", "m1")
        assert still_open.get_nowait() == "m1"
    assert closed.empty()
    live.tell("ada", "m2")  # nobody listens: dropped, never raises
    assert still_open.empty()
