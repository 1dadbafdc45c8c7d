"""Saving comes first, sending second: no email is lost when the mail server fails."""

import os
import sqlite3
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path
from smtplib import SMTPServerDisconnected

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from core.models import OutboundEmail
from core.outbox import _claim, queue_email, release_stuck, send_queued


@pytest.fixture
def broken_mail_server(monkeypatch):
    def fail(self, *args, **kwargs):
        raise SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", fail)


@pytest.mark.django_db
def test_the_request_only_stores_the_email_and_the_worker_sends_it(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(to="pat@example.com", subject="Your question", body="Hello Pat")
    assert mail.outbox == []  # no mail server in the request, even after the commit
    email = OutboundEmail.objects.get()
    assert email.status == OutboundEmail.Status.QUEUED and email.message_id
    call_command("send_outbox")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["pat@example.com"]
    assert mail.outbox[0].extra_headers["Message-ID"] == email.message_id
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    assert email.sent_at is not None


@pytest.mark.django_db
def test_a_retry_keeps_the_message_id_so_a_repeat_can_be_recognised(monkeypatch):
    tried = []

    def refuse(self, messages):
        tried.extend(message.extra_headers["Message-ID"] for message in messages)
        raise SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    email = queue_email(to="pat@example.com", subject="s", body="b")
    send_queued()
    monkeypatch.undo()
    OutboundEmail.objects.update(next_attempt_at=timezone.now())
    send_queued()
    assert tried == [email.message_id]
    assert mail.outbox[0].extra_headers["Message-ID"] == email.message_id


@pytest.mark.django_db
def test_an_email_whose_sender_died_mid_send_goes_out_after_the_claim_time(settings):
    settings.OUTBOX_CLAIM_SECONDS = 120
    queue_email(to="pat@example.com", subject="Your question", body="Hello Pat")
    _claim()  # a sender claims it, then dies before sending
    call_command("send_outbox")
    assert mail.outbox == []  # its sender may still be at work
    with time_machine.travel(timezone.now() + timedelta(seconds=121)):
        call_command("send_outbox")
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_rolled_back_change_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                queue_email(to="pat@example.com", subject="s", body="b")
                raise RuntimeError("the change failed")
        except RuntimeError:
            pass
    assert OutboundEmail.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_failing_mail_server_loses_nothing_and_send_outbox_delivers_exactly_once(
    broken_mail_server, monkeypatch
):
    queue_email(to="pat@example.com", subject="Your answer", body="Try a hip hike.")
    call_command("send_outbox")
    email = OutboundEmail.objects.get()
    assert email.status == OutboundEmail.Status.QUEUED
    assert email.attempts == 1
    assert "Connection unexpectedly closed" in email.last_error
    assert email.next_attempt_at > timezone.now()  # backoff

    monkeypatch.undo()  # the mail server is back
    call_command("send_outbox")
    assert mail.outbox == []  # not due yet: the backoff holds
    OutboundEmail.objects.update(next_attempt_at=timezone.now())
    call_command("send_outbox")
    call_command("send_outbox")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].body == "Try a hip hike."
    assert OutboundEmail.objects.get().status == OutboundEmail.Status.SENT


@pytest.mark.django_db
def test_after_many_failures_an_email_is_marked_failed_for_a_person_to_see(broken_mail_server):
    email = OutboundEmail.objects.create(to="pat@example.com", subject="s", body="b", attempts=7)
    send_queued()
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.FAILED
    assert email.attempts == 8


@pytest.mark.django_db
def test_newlines_cannot_inject_mail_headers():
    queue_email(to="pat@example.com", subject="Hi\nBcc: all@example.com", body="b")
    send_queued()
    assert mail.outbox[0].subject == "Hi Bcc: all@example.com"
    assert mail.outbox[0].bcc == []


@pytest.mark.django_db
def test_an_email_stuck_in_sending_after_a_crash_is_retried():
    OutboundEmail.objects.create(
        to="pat@example.com",
        subject="s",
        body="b",
        status=OutboundEmail.Status.SENDING,
        next_attempt_at=timezone.now() - timedelta(hours=1),
    )
    call_command("send_outbox")
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_staff_can_resend_failed_emails_from_the_admin(admin_client):
    email = OutboundEmail.objects.create(
        to="pat@example.com",
        subject="s",
        body="b",
        status=OutboundEmail.Status.FAILED,
        last_error="SMTPServerDisconnected",
    )
    listing = admin_client.get("/admin/core/outboundemail/?status__exact=failed")
    assert "pat@example.com" in listing.content.decode()
    admin_client.post(
        "/admin/core/outboundemail/",
        {"action": "resend", "_selected_action": [email.pk]},
    )
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.QUEUED  # the admin's request sends nothing
    call_command("send_outbox")
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    assert len(mail.outbox) == 1


# On PostgreSQL, two threads with two connections race for the same rows (SKIP LOCKED).
# SQLite's test database is in memory, where two connections lock whole tables: the test
# after this one runs two processes on a database file instead, on both databases.
if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):

    @pytest.mark.django_db(transaction=True)
    def test_two_senders_at_once_send_each_email_once():
        OutboundEmail.objects.bulk_create(
            OutboundEmail(to=f"p{i}@example.com", subject="s", body="b") for i in range(40)
        )
        start = threading.Barrier(2)
        errors = []

        def sender():
            try:
                start.wait()
                send_queued(limit=10)
                send_queued(limit=100)
            except Exception as error:  # surfaced below
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=sender) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        sent_to = sorted(message.to[0] for message in mail.outbox)
        assert sent_to == sorted(f"p{i}@example.com" for i in range(40))
        assert OutboundEmail.objects.filter(status=OutboundEmail.Status.SENT).count() == 40


QUEUE_40_EMAILS = """
from core.models import OutboundEmail
OutboundEmail.objects.bulk_create(
    OutboundEmail(to=f"p{i}@example.com", subject="s", body="b") for i in range(40)
)
"""


@pytest.mark.own_database
def test_two_send_outbox_processes_at_once_send_each_email_once(tmp_path):
    """Two `send_outbox` processes on one SQLite file, as two cron jobs would run."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'outbox.sqlite3'}",
        # django-environ reads filemail:///x as the relative path x: four slashes for /tmp/...
        "EMAIL_URL": f"filemail:///{tmp_path / 'mail'}",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    root = Path(__file__).resolve().parents[2]

    def manage(*args):
        command = [sys.executable, "manage.py", *args]
        return subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, text=True)

    for args in (["migrate", "-v0"], ["shell", "-c", QUEUE_40_EMAILS]):
        assert manage(*args).wait(timeout=120) == 0
    senders = [manage("send_outbox"), manage("send_outbox")]
    assert [sender.wait(timeout=120) for sender in senders] == [0, 0]
    sent_to = sorted(
        line.removeprefix("To: ")
        for path in (tmp_path / "mail").iterdir()
        for line in path.read_text().splitlines()
        if line.startswith("To: ")
    )
    assert sent_to == sorted(f"p{i}@example.com" for i in range(40))
    with sqlite3.connect(tmp_path / "outbox.sqlite3") as database:
        statuses = database.execute("SELECT status, COUNT(*) FROM core_outboundemail GROUP BY 1")
        assert dict(statuses) == {"sent": 40}


# --- The worker ---------------------------------------------------------------


class StopWorker(Exception):
    pass


def run_worker(monkeypatch, between_rounds):
    """`send_outbox --loop` until `between_rounds(n)`, called in its sleep, returns False."""
    rounds = []

    def sleep(seconds):
        rounds.append(seconds)
        if not between_rounds(len(rounds)):
            raise StopWorker

    monkeypatch.setattr("core.management.commands.send_outbox.time.sleep", sleep)
    with pytest.raises(StopWorker):
        call_command("send_outbox", "--loop")


@pytest.mark.django_db(transaction=True)  # the worker closes its connection: no test transaction
def test_the_worker_outlives_a_database_outage_and_logs_it_once(monkeypatch, caplog):
    from django.db import OperationalError

    from core.management.commands import send_outbox

    real = send_outbox.send_queued
    outage = iter([True, True, True])

    def send_or_fail(*args, **kwargs):
        if next(outage, False):
            raise OperationalError("terminating connection due to administrator command")
        return real(*args, **kwargs)

    monkeypatch.setattr(send_outbox, "send_queued", send_or_fail)
    queue_email(to="pat@example.com", subject="Your question", body="Hello Pat")
    run_worker(monkeypatch, lambda rounds: rounds < 5)
    assert [m.to for m in mail.outbox] == [["pat@example.com"]]
    messages = [record.getMessage() for record in caplog.records if "send_outbox" in record.name]
    assert len([m for m in messages if "unavailable" in m]) == 1
    assert len([m for m in messages if "is back" in m]) == 1


if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):

    @pytest.mark.django_db(transaction=True)
    def test_the_worker_outlives_its_database_connection_being_killed(monkeypatch):
        """As a PostgreSQL restart does to it: the server ends the worker's connection."""
        import psycopg

        def between_rounds(number):
            if number == 1:
                pid = connection.connection.info.backend_pid
                params = connection.get_connection_params()
                params.pop("cursor_factory", None)
                params.pop("context", None)
                with psycopg.connect(**params, autocommit=True) as other:
                    other.execute("SELECT pg_terminate_backend(%s)", [pid])
            elif number == 3:
                queue_email(to="pat@example.com", subject="Your question", body="Hello Pat")
            return number < 5

        run_worker(monkeypatch, between_rounds)
        assert [m.to for m in mail.outbox] == [["pat@example.com"]]


@pytest.mark.django_db
def test_the_admin_index_says_when_emails_are_not_getting_through(admin_client, broken_mail_server):
    assert "not delivered yet" not in admin_client.get("/admin/").content.decode()
    queue_email(to="pat@example.com", subject="s", body="b")
    send_queued()  # refused by the mail server
    index = admin_client.get("/admin/").content.decode()
    assert "<strong>1</strong> email not delivered yet" in index
    listing = admin_client.get("/admin/core/outboundemail/").content.decode()
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in listing


@pytest.mark.django_db
def test_an_email_sent_just_as_the_database_goes_away_is_not_sent_again(monkeypatch, settings):
    """The mail server took it, then marking it sent failed: once the database is back the
    worker marks it sent, even after its claim ran out, and never delivers it twice."""
    from django.db import OperationalError

    from core import outbox

    email = queue_email(to="pat@example.com", subject="Your question", body="Hello Pat")
    real = outbox._mark_sent
    outage = iter([True])

    def database_goes_away(*args):
        if next(outage, False):
            raise OperationalError("terminating connection due to administrator command")
        real(*args)

    monkeypatch.setattr(outbox, "_mark_sent", database_goes_away)
    with pytest.raises(OperationalError):
        send_queued()
    assert len(mail.outbox) == 1
    settings.OUTBOX_CLAIM_SECONDS = 0  # the claim has run out meanwhile
    release_stuck()
    send_queued()
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    assert len(mail.outbox) == 1
