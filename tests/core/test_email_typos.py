"""A likely mistyped email domain gets a “did you mean”, once; the patient decides."""

import pytest

from core.email_typos import suggest_email


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("sam@gmail.con", "sam@gmail.com"),
        ("sam@yaho.com", "sam@yahoo.com"),
        ("sam@gmial.com", "sam@gmail.com"),
        ("Sam.Lee@HOTMIAL.COM", "Sam.Lee@hotmail.com"),
        ("sam@outlok.com", "sam@outlook.com"),
        ("sam@comcast.ent", "sam@comcast.net"),
        ("sam@my-clinic.con", "sam@my-clinic.com"),
    ],
)
def test_a_likely_slip_is_pointed_out_with_the_address_meant(typed, meant):
    assert suggest_email(typed) == meant


@pytest.mark.parametrize(
    "typed",
    [
        "sam@gmail.com",
        "sam@mail.com",  # a real provider one letter from gmail.com
        "sam@umich.edu",
        "sam@example.co",  # a real ending one letter from .com
        "sam@clinic.cm",
        "",
        "not-an-address",
    ],
)
def test_an_address_that_looks_intended_gets_no_suggestion(typed):
    assert suggest_email(typed) is None
