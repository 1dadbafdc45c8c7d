"""Property-based tests: whatever a client sends to a public form, never a 500, nothing half-saved.

CI runs at least 500 examples per form on SQLite (HYPOTHESIS_PROFILE=ci, set by `.ci/run`)
and 100 on PostgreSQL.
"""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import from_form

from clinic.forms import AppointmentRequestForm
from core.antispam import start_token
from questions.forms import AskForm
from questions.models import Question

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
    return start_token(seconds_ago=60)


@given(
    data=st.dictionaries(st.sampled_from([*ASK_FIELDS, "other", "csrfmiddlewaretoken"]), form_field)
)
def test_ask_view_never_fails_on_any_input(client, data):
    before = Question.objects.count()
    response = client.post("/ask/", data)
    # 400: a body over DATA_UPLOAD_MAX_MEMORY_SIZE is refused by Django before the view.
    assert response.status_code in (200, 302, 400)
    if response.status_code != 302:
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


# --- The booking form ------------------------------------------------------------

BOOK_FIELDS = [
    "name",
    "phone",
    "email",
    "clinic",
    "preferred_days",
    "preferred_times",
    "body_region",
    "reason",
    "has_referral",
    "insurance",
    "consent",
    "source",
    "website",
    "started",
]
# Values a real form would offer next to the nasty ones, so that some posts get through.
book_field = st.one_of(
    form_field,
    st.sampled_from(["on", "mon", "tue", "morning", "yes", "no", "1", "", "/", "//evil.example"]),
)


def booking_rows():
    from clinic.models import AppointmentRequest
    from core.models import OutboundEmail

    return AppointmentRequest.objects.count(), OutboundEmail.objects.count()


@given(
    data=st.dictionaries(
        st.sampled_from([*BOOK_FIELDS, "other", "csrfmiddlewaretoken"]), book_field
    )
)
def test_book_view_never_fails_on_any_input(client, data):
    before = booking_rows()
    response = client.post("/book/?from=/articles/", data)
    assert response.status_code in (200, 302, 400)  # 400: a body over the upload limit
    if response.status_code != 302:
        assert booking_rows() == before  # shown again with errors: nothing saved, no email
        assert b"<script>alert(1)</script>" not in response.content
    else:
        requests, emails = booking_rows()
        # Saved whole (the request and its one or two emails), or dropped whole (a bot).
        assert (requests, emails) == before or (
            requests == before[0] + 1 and emails - before[1] in (1, 2)
        )


@given(
    data=st.fixed_dictionaries(
        {
            "name": nasty_text,
            "phone": st.one_of(nasty_text, st.just("(312) 555-0199")),
            "email": st.one_of(nasty_text, st.just("pat@example.com")),
            "reason": nasty_text,
            "insurance": nasty_text,
            "source": nasty_text,
        }
    )
)
def test_a_booking_with_hostile_text_is_stored_whole_or_not_at_all(client, data):
    from clinic.models import AppointmentRequest

    post = {**data, "consent": "on", "started": fresh_start(), "website": ""}
    before = booking_rows()
    response = client.post("/book/", post)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert booking_rows()[0] == before[0] + 1
        stored = AppointmentRequest.objects.latest("pk")
        assert "\x00" not in stored.name + stored.reason + stored.insurance
        assert "\n" not in stored.name and "\n" not in stored.source_path
        assert stored.source_path == "" or stored.source_path.startswith("/")
        assert not stored.source_path.startswith("//")
    else:
        assert booking_rows() == before
        assert b"<script>alert(1)</script>" not in response.content


@given(form=from_form(AppointmentRequestForm, clinic=st.none(), body_region=st.none()))
def test_any_form_the_booking_form_accepts_is_stored_whole(client, form):
    from clinic.models import AppointmentRequest

    data = {name: form.data.get(name) for name in BOOK_FIELDS}
    data.update(started=fresh_start(), website="", clinic="", body_region="")
    post = {k: v for k, v in data.items() if v not in (None, False, [])}
    before = booking_rows()
    response = client.post("/book/", post)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert booking_rows()[0] == before[0] + 1
        stored = AppointmentRequest.objects.latest("pk")
        assert stored.phone or stored.email
        assert "\n" not in stored.name
    else:
        assert booking_rows() == before


# --- Search -------------------------------------------------------------------------------


@given(query=st.one_of(nasty_text, st.lists(nasty_text, max_size=3)), page=form_field)
def test_search_never_fails_on_any_query(client, query, page):
    response = client.get("/search/", {"q": query, "page": page})
    assert response.status_code in (200, 400, 404)
    assert b"<script>alert(1)</script>" not in response.content
