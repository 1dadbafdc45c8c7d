"""Property-based tests: whatever a client sends to a public form, never a 500, nothing half-saved.

CI runs at least 500 examples per form (HYPOTHESIS_PROFILE=ci, set by `.ci/run`).
"""

import os
import time

import pytest
from django.core import signing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import from_form

from education.forms import AskForm
from education.models import Question

settings.register_profile(
    "ci", max_examples=500, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.register_profile(
    "dev", max_examples=100, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

pytestmark = pytest.mark.django_db

nasty_text = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F)),
    st.just("\x00"),
    st.just("a\r\nBcc: victim@example.com\r\n"),
    st.just("<script>alert(1)</script>"),
    st.just("x" * 1_000_000),
    st.just("😀" * 5000),
    st.just("' OR 1=1; --"),
)
form_field = st.one_of(nasty_text, st.lists(nasty_text, max_size=3))
ASK_FIELDS = [
    "name",
    "email",
    "text",
    "region",
    "may_publish",
    "not_an_emergency",
    "website",
    "started",
]


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.RATELIMIT_ENABLE = False


def fresh_start():
    return signing.dumps(time.time() - 60, salt="clinic.antispam.started")


@given(
    data=st.dictionaries(st.sampled_from([*ASK_FIELDS, "other", "csrfmiddlewaretoken"]), form_field)
)
def test_ask_view_never_fails_on_any_input(client, data):
    before = Question.objects.count()
    response = client.post("/ask/", data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Question.objects.count() == before  # shown again with errors: nothing saved
        assert b"<script>alert(1)</script>" not in response.content


@given(form=from_form(AskForm, region=st.none(), started=st.just(fresh_start())))
def test_any_form_the_ask_form_accepts_is_stored_whole(client, form):
    data = {name: form.data.get(name, "") for name in ASK_FIELDS}
    data["started"] = fresh_start()
    data["website"] = ""
    before = Question.objects.count()
    response = client.post("/ask/", {k: v for k, v in data.items() if v not in (None, False)})
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert Question.objects.count() == before + 1
        stored = Question.objects.latest("pk")
        assert "\n" not in stored.name and "\x00" not in stored.text
