"""The deploy kit (deploy/): nginx accepts the site, and its access log, in front of a
real gunicorn, holds no private link's key and nothing a patient typed; systemd accepts
the units. (`make cluster` runs the whole kit on two app servers.)"""

import shutil
import signal
import ssl
import subprocess
import urllib.request
from pathlib import Path

import pytest

from tests.servers import Site, kit_nginx_config, start_nginx

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _certificate(tmp_path):
    """A throwaway self-signed certificate for 127.0.0.1."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def nginx_in_front(gunicorn_site, tmp_path):
    cert, key = _certificate(tmp_path)
    config, https = kit_nginx_config(
        tmp_path, [gunicorn_site.port], cert=cert, key=key, static_root=tmp_path / "static"
    )
    process = start_nginx(NGINX, config)  # after `nginx -t` accepted the site
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
    assert get(f"/es/my-program/{key}/") == 200  # the same secret in Spanish
    get("/search/suggest/?q=Jordan+Miller+knee")
    get("/search/?q=Jordan+Miller")
    get("/es/search/?q=Jordan+Miller+rodilla")
    assert get("/articles/") == 200
    # A graceful stop (SIGQUIT) lets nginx finish and log every request first.
    nginx_in_front.stop(signal.SIGQUIT)
    text = log.read_text()
    assert text.count("\n") >= 6, text
    assert key not in text and "Jordan" not in text
    assert "/my-program/[key]/" in text and "/search/?[query]" in text
    assert "/es/my-program/[key]/" in text and "/es/search/?[query]" in text


def test_systemd_accepts_the_kits_units(tmp_path):
    """`systemd-analyze verify` on the units as installed, with /srv/clinic/app being this
    checkout: every directive known, every command there, the timer's service found."""
    units = []
    for unit in (ROOT / "deploy/systemd").iterdir():
        text = unit.read_text().replace("/srv/clinic/app", str(ROOT))
        (tmp_path / unit.name).write_text(text)
        units.append(unit.name.replace("@.", "@purge_personal_data."))
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *units],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr
