"""The foundation as a visitor, an operator and a load balancer meet it."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from django.db import connection
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "a-production-like-secret-key-with-enough-length-and-entropy-7f3c9a1b",
    "ALLOWED_HOSTS": "clinic.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
    "SITE_URL": "https://clinic.example.org",
}


# Variables the test run sets for itself, which a real deployment would not have.
TEST_ONLY = {
    "DEBUG",
    "SECRET_KEY",
    "SECURE_SSL_REDIRECT",
    "ALLOWED_HOSTS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DATABASE_URL",
    "REDIS_URL",
}


def run_manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in TEST_ONLY}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_with_production_settings_gives_no_warning():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


@pytest.mark.parametrize(
    "site_url", ["http://127.0.0.1:8000", "https://localhost", "http://clinic.example.org"]
)
def test_check_deploy_warns_when_emails_would_link_to_a_local_or_plain_http_address(site_url):
    result = run_manage("check", "--deploy", env={**PRODUCTION_ENV, "SITE_URL": site_url})
    assert "config.W001" in result.stderr + result.stdout
    assert site_url in result.stderr + result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_debug_is_off_unless_set():
    result = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.DEBUG)", env=PRODUCTION_ENV
    )
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert ("cache" in body) == bool(settings.REDIS_URL)


@pytest.mark.django_db
def test_healthz_answers_503_and_names_the_part_that_failed(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database is down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "failed"


@pytest.mark.django_db
def test_healthz_reports_a_failing_shared_cache(client, settings, monkeypatch):
    from django.core.cache import caches

    settings.REDIS_URL = "redis://127.0.0.1:6379/0"

    def broken_set(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(caches["default"], "set", broken_set)
    response = client.get("/healthz")
    # Degraded, still alive: pages come from the database while Redis is away.
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "failed"}


@pytest.mark.django_db
def test_readyz_answers_503_until_every_migration_is_applied(client, monkeypatch):
    from core import views

    monkeypatch.setattr(views, "_migrated", False)
    assert client.get("/readyz").json() == {"status": "ok", "database": "ok", "migrations": "ok"}
    monkeypatch.setattr(views, "_migrated", False)
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: ["0099_new"])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["migrations"] == "not applied"


@pytest.mark.django_db
def test_readyz_answers_503_while_the_database_is_away(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database is down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    assert client.get("/readyz").status_code == 503


def test_without_a_database_the_site_answers_503_with_its_own_page():
    """Point DATABASE_URL at nothing: a health check 503 and a styled 503 page, no stack trace."""
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "c = Client(raise_request_exception=False);"
        "h = c.get('/healthz');"
        "print(h.status_code);"
        "print(h.content.decode());"
        "r = c.post('/admin/account/login/', {'login_view-current_step': 'auth',"
        " 'auth-username': 'pt', 'auth-password': 'x'});"
        "print(r.status_code);"
        "print(r.content.decode())"
    )
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY}
    env.update(
        {
            "SECRET_KEY": PRODUCTION_ENV["SECRET_KEY"],
            "ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": "postgres://nobody@127.0.0.1:1/nothing",
            "SECURE_SSL_REDIRECT": "0",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "LOG_LEVEL": "CRITICAL",
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = result.stdout.splitlines()
    assert lines[0] == "503", result.stdout + result.stderr
    assert json.loads(lines[1])["database"] == "failed"
    assert lines[2] == "503"
    page = "\n".join(lines[3:])
    assert "Please try again in a moment" in page
    assert "Traceback" not in page
    assert 'name="auth-password"' not in page  # a sign-in form is never sent back


@pytest.mark.django_db
def test_unknown_page_gets_the_sites_own_404_with_a_search_box(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "We could not find that page" in content
    assert 'role="search"' in content
    assert 'href="#main"' in content  # skip link: it is the site's own layout


def test_500_page_renders_without_a_database(rf):
    # No django_db mark: any query here would raise.
    from core.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert b"Sorry, something went wrong on our side" in response.content


@pytest.mark.django_db
def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "admin" not in text  # the admin's address is not published
    assert "Disallow: /search/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


@pytest.mark.django_db
def test_home_page_has_the_site_layout(client):
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="en">' in content
    assert 'href="#main"' in content and '<main id="main"' in content
    for label in ("Articles", "Exercises", "Ask Our Experts", "Clinics", "Book a visit"):
        assert f">{label}</a>" in content
    assert "not a diagnosis" in content  # the short medical disclaimer in the footer
    assert 'href="/privacy/"' in content
    assert "/book/?from=/" in content


@pytest.mark.django_db
def test_static_files_are_served_from_our_own_origin_with_hashed_names(client):
    content = client.get("/").content.decode()
    assert "/static/vendor/bootstrap/css/bootstrap.min." in content
    assert "cdn" not in content.lower()
    stylesheet = next(
        part.split('"')[0]
        for part in content.split('href="')
        if part.startswith("/static/vendor/bootstrap/css/")
    )
    response = Client().get(stylesheet, HTTP_ACCEPT_ENCODING="br, gzip")
    assert response.status_code == 200
    assert response.get("Content-Encoding") in {"br", "gzip"}


@pytest.mark.django_db
def test_the_stylesheets_draw_every_icon_from_our_own_files_never_a_data_url(client):
    """The CSP (img-src 'self') would block a data: image: Bootstrap is built without them."""
    content = client.get("/").content.decode()
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', content)
    assert len(stylesheets) == 3  # Bootstrap, site.css and the clinic's brand
    icons = set()
    for href in stylesheets:
        response = Client().get(href)
        css = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode()
        assert "data:" not in css
        icons |= {urljoin(href, url) for url in re.findall(r'url\("?([^")]+)"?\)', css)}
    assert any("/img/forms/select-arrow." in icon for icon in icons)
    for icon in icons:
        response = Client().get(icon)
        assert response.status_code == 200, icon
        assert response["Content-Type"] == "image/svg+xml"


@pytest.mark.django_db
def test_privacy_page_says_how_long_personal_data_is_kept(client, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 90
    response = client.get("/privacy/")
    assert response.status_code == 200
    assert "90 days" in response.content.decode()


def test_production_without_database_url_stops_with_a_message_naming_it():
    """A cron job without the environment used to start an empty db.sqlite3 and die."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "purge_personal_data", "--dry-run"],
        cwd=Path(__file__).resolve().parents[2],
        env={**env, "DEBUG": "0"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Set DATABASE_URL" in result.stderr


def test_settings_read_the_env_file_named_by_env_file(tmp_path):
    env_file = tmp_path / "clinic.env"
    env_file.write_text(
        "SITE_NAME='Lakeside Physio'\nDATABASE_URL=sqlite:///{}\nEMERGENCY_NUMBER=112\n".format(
            tmp_path / "db.sqlite3"
        )
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SITE_NAME"}}
    script = "import django; django.setup(); from django.conf import settings; print(settings.SITE_NAME, settings.EMERGENCY_NUMBER, settings.DATABASES['default']['NAME'])"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        env={**env, "ENV_FILE": str(env_file), "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["Lakeside", "Physio", "112", str(tmp_path / "db.sqlite3")]


@pytest.mark.django_db
def test_a_daily_job_runs_once_a_day_whatever_the_number_of_servers(capsys):
    from django.core.management import CommandError, call_command

    from core.models import DailyRun

    call_command("run_once_a_day", "notify_flagged_programs")
    call_command("run_once_a_day", "notify_flagged_programs")  # another server's timer
    out = capsys.readouterr().out
    assert out.count("PT email(s) about new flags") == 1 and "already run on" in out
    # A job that fails gives its day back, for a retry.
    with pytest.raises(CommandError):
        call_command("run_once_a_day", "no_such_command")
    assert not DailyRun.objects.filter(job="no_such_command").exists()


def test_json_logs_carry_the_request_id_the_response_returns():
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/search/suggest/', HTTP_X_REQUEST_ID='5f0c3ac8e7a14b4c9d7e0f1a2b3c4d5e');"
        "print('HEADER', r['X-Request-ID'])"
    )
    env = {**os.environ, "LOG_FORMAT": "json", "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    [refused] = [line for line in lines if line["logger"] == "django.request"]
    assert refused["request_id"] == "5f0c3ac8e7a14b4c9d7e0f1a2b3c4d5e"
    assert refused["level"] == "WARNING" and "/search/suggest/" in refused["message"]
    assert "HEADER 5f0c3ac8e7a14b4c9d7e0f1a2b3c4d5e" in result.stdout
