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
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from core.models import OutboundEmail
from core.outbox import queue_email, send_queued


@pytest.fixture
def broken_mail_server(monkeypatch):
    def fail(self, *args, **kwargs):
        raise SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", fail)


@pytest.mark.django_db
def test_an_email_is_stored_then_sent_after_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(to="pat@example.com", subject="Your question", body="Hello Pat")
        assert len(mail.outbox) == 0  # nothing leaves before the commit
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["pat@example.com"]
    email = OutboundEmail.objects.get()
    assert email.status == OutboundEmail.Status.SENT
    assert email.sent_at is not None


@pytest.mark.django_db
def test_send_outbox_running_between_the_commit_and_the_send_leaves_the_email_to_its_sender(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue_email(to="pat@example.com", subject="Your question", body="Hello Pat")
    # `send_outbox` in another process runs after the commit, before this one sends.
    assert send_queued() == (0, 0)
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    assert OutboundEmail.objects.get().status == OutboundEmail.Status.SENT


@pytest.mark.django_db
def test_an_email_whose_sender_died_after_the_commit_goes_out_later(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False):  # the process dies: no callback
        queue_email(to="pat@example.com", subject="Your question", body="Hello Pat")
    call_command("send_outbox")
    assert mail.outbox == []  # its sender may still be at work
    OutboundEmail.objects.update(next_attempt_at=timezone.now() - timedelta(minutes=16))
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
    django_capture_on_commit_callbacks, broken_mail_server, monkeypatch
):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(to="pat@example.com", subject="Your answer", body="Try a hip hike.")
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
def test_newlines_cannot_inject_mail_headers(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(to="pat@example.com", subject="Hi\nBcc: all@example.com", body="b")
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
