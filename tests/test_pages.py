"""Cursor pagination (service/pages.py) on its own: page requests in, pages out. Pure: no database."""

from __future__ import annotations

import pytest

from service.errors import BadUserInput
from service.pages import (
    MAX_PAGE_SIZE,
    Page,
    PageRequest,
    decode_cursor,
    encode_cursor,
    person_cursor,
    time_cursor,
)


def test_a_request_takes_zero_to_the_largest_page_and_fetches_one_more() -> None:
    assert PageRequest.parse(0, None).fetch == 1
    assert PageRequest.parse(MAX_PAGE_SIZE, None).fetch == MAX_PAGE_SIZE + 1
    for first in (-1, MAX_PAGE_SIZE + 1):
        with pytest.raises(BadUserInput, match=f"between 0 and {MAX_PAGE_SIZE}; got {first}"):
            PageRequest.parse(first, None)
    assert PageRequest.parse(500, None, largest=5_000).first == 500


def test_cursors_round_trip_and_a_foreign_one_is_refused() -> None:
    for key in ("ada", ["2024-06-01T12:00:00Z", "p1"], 42):
        assert decode_cursor(encode_cursor(key)) == key
    with pytest.raises(BadUserInput, match="not a cursor this service gave out"):
        decode_cursor("not base64 json!")


def test_a_page_cuts_the_extra_row_and_says_another_follows() -> None:
    request = PageRequest.parse(2, None)
    page = Page.of(["a", "b", "c"], request, total=7, key=lambda item: item)
    assert (page.items, page.has_next, page.total) == (["a", "b"], True, 7)
    assert [decode_cursor(c) for c in page.cursors] == ["a", "b"] and page.end_cursor == page.cursors[-1]
    last = Page.of(["d"], request, total=7, key=lambda item: item)
    assert (last.items, last.has_next) == (["d"], False)
    full = Page.of(["e", "f"], request, total=7, key=lambda item: item)  # a full page, no extra row
    assert (full.items, full.has_next) == (["e", "f"], False)
    assert Page.empty().end_cursor is None and not Page.empty().has_next


def test_map_keeps_the_cursors_and_the_count() -> None:
    page = Page.of([1, 2, 3], PageRequest.parse(2, None), total=3, key=str).map(lambda n: n * 10)
    assert list(page.entries()) == [(encode_cursor("1"), 10), (encode_cursor("2"), 20)]
    assert (page.has_next, page.total) == (True, 3)


def test_each_kind_of_list_refuses_the_others_cursors() -> None:
    people = PageRequest.parse(5, encode_cursor("ada"))
    posts = PageRequest.parse(5, encode_cursor(["2024-06-01T12:00:00.5+01:00", "p1"]))
    assert person_cursor(people) == "ada" and person_cursor(PageRequest.parse(5, None)) is None
    assert time_cursor(posts) == ("2024-06-01T12:00:00.5+01:00", "p1")
    assert time_cursor(PageRequest.parse(5, None)) == (None, None)
    with pytest.raises(BadUserInput, match="not a cursor from this list"):
        person_cursor(posts)
    for foreign in (people, PageRequest.parse(5, encode_cursor(["yesterday", "p1"])),
                    PageRequest.parse(5, encode_cursor(7))):
        with pytest.raises(BadUserInput, match="not a cursor from this list"):
            time_cursor(foreign)
