"""gunicorn, started as the README says (it reads gunicorn.conf.py): its access log
holds no private link's key and nothing a patient typed (a patient opens their program
and logs, reads their answer, types a question on /ask/ and searches), and idle clients
do not stall it."""

import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TYPED = "Hi Im Jordan Miller my knee hurts"


def _get(url, data=None, headers=None, timeout=10):
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310 - our own local server
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - our own local server
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_idle_connections_do_not_stall_the_site(gunicorn_site):
    """Three clients that connect and say nothing (a slow phone, a port scanner) used to
    hold all of gunicorn's sync workers for 30 s; its threads keep serving."""
    idle = [socket.create_connection(("127.0.0.1", gunicorn_site.port)) for _ in range(3)]
    try:
        # A sync worker would wait on the first idle socket for 30 s: well past this.
        assert _get(f"{gunicorn_site.base}/healthz", timeout=5)[0] == 200
    finally:
        for connection in idle:
            connection.close()


def test_the_access_log_holds_no_private_key_and_no_typed_text(gunicorn_site):
    base, key, item = gunicorn_site.base, gunicorn_site.key, gunicorn_site.item
    assert _get(f"{base}/my-program/{key}/")[0] == 200
    assert _get(f"{base}/my-program/{key}/print/")[0] == 200
    _get(f"{base}/my-program/{key}/done/{item}/")  # a reload after logging: a redirect
    _get(f"{base}/answers/{key}x/")  # an unknown answer key: 410
    # An old page (or a hand-made request) with the text in the address.
    _get(f"{base}/search/suggest/?" + urllib.parse.urlencode({"q": TYPED}))
    _get(f"{base}/search/?" + urllib.parse.urlencode({"q": TYPED}))
    _get(f"{base}/exercises/hip-hike/", headers={"Referer": f"{base}/search/?q=Jordan+Miller"})
    gunicorn_site.stop()  # gracefully: every request answered and logged
    text = gunicorn_site.log.read_text()
    assert text.count("\n") >= 7, text
    assert key not in text
    assert "/my-program/[key]/" in text and "/answers/[key]/" in text
    for word in ("Jordan", "Miller", "knee"):
        assert not re.search(word, text, re.IGNORECASE), text
    assert "/search/suggest/?[query]" in text
