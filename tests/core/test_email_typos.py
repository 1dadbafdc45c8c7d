"""A likely mistyped email domain gets a “did you mean”, once; the patient decides."""

import pytest
from django import forms

from core.email_typos import EmailTypoCheckMixin, suggest_email


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


class ContactForm(EmailTypoCheckMixin, forms.Form):
    name = forms.CharField()
    email = forms.EmailField()


def send_again(form, **changes):
    """What the browser sends from the page `form` rendered, with the patient's `changes`."""
    data = {name: form[name].value() or "" for name in ("name", "email", "email_as_typed")}
    return ContactForm({**data, **changes})


def test_a_suggestion_on_its_own_is_seen_and_the_same_address_sent_again_is_kept():
    form = ContactForm({"name": "Sam", "email": "sam@gmail.con"})
    assert not form.is_valid()
    assert form.errors["email"] == [
        "Did you mean sam@gmail.com? If so, please correct it. "
        "If sam@gmail.con is right, press Send again."
    ]
    again = send_again(form)
    assert again.is_valid() and again.cleaned_data["email"] == "sam@gmail.con"


def test_a_suggestion_shown_beside_another_problem_is_not_yet_taken_as_seen():
    # Sent again only to fix the other problem: the address is pointed out once more, alone.
    form = ContactForm({"name": "", "email": "sam@gmail.con"})
    assert not form.is_valid()
    assert form.errors["email"] == ["Did you mean sam@gmail.com? If so, please correct it."]
    assert form["email_as_typed"].value() == ""
    again = send_again(form, name="Sam")
    assert not again.is_valid()
    assert "If sam@gmail.con is right, press Send again." in again.errors["email"][0]
    kept = send_again(again)
    assert kept.is_valid() and kept.cleaned_data["email"] == "sam@gmail.con"
