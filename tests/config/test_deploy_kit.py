"""The deploy kit (deploy/): nginx accepts the site, and its access log, in front of a
real gunicorn, holds no private link's key and nothing a patient typed."""

import re
import shutil
import signal
import ssl
import subprocess
import urllib.request
from pathlib import Path

import pytest

from tests.servers import Site, free_port, start

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _nginx_config(tmp_path, app_port):
    """The kit's site, with a throwaway certificate, loopback ports and logs in tmp_path."""
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(tmp_path / "key.pem"),
            "-out",
            str(tmp_path / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )
    site = (ROOT / "deploy/nginx/clinic.conf").read_text()
    https = free_port()
    site = site.replace(
        "/etc/letsencrypt/live/clinic.example.org/fullchain.pem", str(tmp_path / "cert.pem")
    )
    site = site.replace(
        "/etc/letsencrypt/live/clinic.example.org/privkey.pem", str(tmp_path / "key.pem")
    )
    site = site.replace("/var/log/nginx/", f"{tmp_path}/")
    site = site.replace("/srv/clinic/app/staticfiles/", f"{tmp_path}/static/")
    site = site.replace("server 127.0.0.1:8001", f"server 127.0.0.1:{app_port}")
    site = re.sub(r"listen \[::\]:\d+[^;]*;", "", site)
    site = site.replace("listen 80;", f"listen 127.0.0.1:{free_port()};")
    site = site.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https} ssl;")
    (tmp_path / "site.conf").write_text(site)
    main = (
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "events {}\n"
        f"http {{ access_log off; client_body_temp_path {tmp_path}/body; "
        f"proxy_temp_path {tmp_path}/proxy; include {tmp_path}/site.conf; }}\n"
    )
    (tmp_path / "nginx.conf").write_text(main)
    return tmp_path / "nginx.conf", https


@pytest.fixture
def nginx_in_front(gunicorn_site, tmp_path):
    config, https = _nginx_config(tmp_path, gunicorn_site.port)
    subprocess.run(
        [NGINX, "-t", "-c", str(config), "-p", str(tmp_path)], check=True, capture_output=True
    )
    # Its notices on stderr: "start worker process" says it takes connections.
    command = [NGINX, "-c", str(config), "-p", str(tmp_path), "-e", "stderr"]
    process = start([*command, "-g", "daemon off; error_log stderr notice;"], ready="start worker")
    site = Site(
        f"https://127.0.0.1:{https}",
        gunicorn_site.key,
        gunicorn_site.item,
        tmp_path / "clinic.access.log",
        process,
    )
    yield site
    site.stop()


def test_nginx_accepts_the_kits_site_and_logs_no_key_and_no_typed_text(nginx_in_front):
    base, key, log = nginx_in_front.base, nginx_in_front.key, nginx_in_front.log
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE

    def get(path):
        request = urllib.request.Request(base + path, headers={"Host": "127.0.0.1"})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=10, context=context) as response:  # noqa: S310
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    assert get(f"/my-program/{key}/") == 200
    get("/search/suggest/?q=Jordan+Miller+knee")
    get("/search/?q=Jordan+Miller")
    assert get("/articles/") == 200
    # A graceful stop (SIGQUIT) lets nginx finish and log every request first.
    nginx_in_front.stop(signal.SIGQUIT)
    text = log.read_text()
    assert text.count("\n") >= 4, text
    assert key not in text and "Jordan" not in text
    assert "/my-program/[key]/" in text and "/search/?[query]" in text
