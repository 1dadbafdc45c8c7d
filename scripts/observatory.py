"""Scan the home page with Mozilla's HTTP Observatory, with production settings, over TLS.

Plain http can never reach A+ (HSTS is only sent over https), so this makes a throwaway
certificate authority and a certificate for 127.0.0.1 in a temporary folder, serves the
site with gunicorn over TLS against a throwaway SQLite database with the demo content,
and points the scanner (installed by `make observatory` into .tools/) at it, trusting
only that CA. Prints the grade and score; exits 1 below the grade asked for (default A+).

    python scripts/observatory.py [--min-grade A+]
"""

import argparse
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCANNER = ROOT / ".tools/observatory/node_modules/@mdn/mdn-http-observatory"
GRADES = ["F", "D-", "D", "D+", "C-", "C", "C+", "B-", "B", "B+", "A-", "A", "A+"]


def run(*args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


def make_certificates(folder):
    """A CA of our own, and a server certificate for 127.0.0.1 and localhost signed by it."""
    ca_key, ca_cert = folder / "ca.key", folder / "ca.pem"
    key, csr, cert = folder / "server.key", folder / "server.csr", folder / "server.pem"
    extensions = folder / "server.ext"
    extensions.write_text(
        "basicConstraints=CA:FALSE\n"
        "keyUsage=digitalSignature,keyEncipherment\n"
        "extendedKeyUsage=serverAuth\n"
        "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
    )
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-subj", "/CN=Throwaway observatory CA", "-keyout", ca_key, "-out", ca_cert)  # fmt: skip
    run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
        "-keyout", key, "-out", csr)  # fmt: skip
    run("openssl", "x509", "-req", "-in", csr, "-CA", ca_cert, "-CAkey", ca_key,
        "-CAcreateserial", "-days", "2", "-extfile", extensions, "-out", cert)  # fmt: skip
    return ca_cert, key, cert


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-grade", default="A+", choices=GRADES)
    options = parser.parse_args()
    if not (SCANNER / "src/scan.js").exists():
        sys.exit("The scanner is not installed: run `make observatory`.")
    (SCANNER / "conf").mkdir(exist_ok=True)
    (SCANNER / "conf/hsts-preload.json").write_text("{}")  # its install script would download it

    with tempfile.TemporaryDirectory(prefix="observatory-") as tmp:
        folder = Path(tmp)
        ca_cert, key, cert = make_certificates(folder)
        python = sys.executable
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"DEBUG", "REDIS_URL", "SECURE_SSL_REDIRECT", "ALLOWED_HOSTS"}
        }
        # Production settings: only what a deployment must set, on a throwaway database.
        env.update(
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
            MEDIA_ROOT=str(folder / "media"),
            LOG_LEVEL="WARNING",
        )
        for command in (["migrate", "--noinput"], ["seed_demo", "--no-users"],
                        ["collectstatic", "--noinput"]):  # fmt: skip
            run(python, "manage.py", *command, cwd=ROOT, env=env)
        port = free_port()
        server = subprocess.Popen(
            [python, "-m", "gunicorn", "config.wsgi", "--workers", "1", "--threads", "4",
             "--bind", f"127.0.0.1:{port}", "--certfile", str(cert), "--keyfile", str(key)],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        try:
            wait_until_up(port, ca_cert)
            scan = subprocess.run(
                ["node", str(SCANNER / "src/scan.js"), f"127.0.0.1:{port}"],
                env={**os.environ, "NODE_EXTRA_CA_CERTS": str(ca_cert)},
                capture_output=True,
                text=True,
                timeout=120,
            )
        finally:
            server.terminate()
            server.wait(timeout=20)
    try:
        result = json.loads(scan.stdout)
        summary = result["scan"]
    except (ValueError, KeyError):
        sys.exit(f"The scan failed:\n{scan.stdout}\n{scan.stderr}")
    for name, test in sorted(result["tests"].items()):
        print(f"{'ok  ' if test['pass'] else 'FAIL'} {name:32} {test['result']} "
              f"({test['scoreModifier']:+d})")  # fmt: skip
    print(f"\nHTTP Observatory: grade {summary['grade']}, score {summary['score']}/100 "
          f"(tests passed {summary['testsPassed']}/{summary['testsQuantity']})")  # fmt: skip
    if GRADES.index(summary["grade"]) < GRADES.index(options.min_grade):
        sys.exit(f"Below {options.min_grade}.")


def wait_until_up(port, ca_cert):
    import ssl

    context = ssl.create_default_context(cafile=str(ca_cert))
    for _ in range(100):
        try:
            urllib.request.urlopen(f"https://127.0.0.1:{port}/healthz", context=context, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not start")


if __name__ == "__main__":
    main()
