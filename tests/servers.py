"""Real servers for the tests of what crosses sockets and logs (gunicorn, nginx, S3).

A server is ready when it says so on its own output, never after a sleep; it is stopped
gracefully, which also means every request it took is finished and logged.
"""

import re
import signal
import socket
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(command, *, ready, **popen):
    """Start `command` and return once a line of its stderr contains `ready`; the rest
    of its output is read on in the background, so the process never blocks on it."""
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, **popen)
    seen = []
    for line in process.stderr:
        seen.append(line)
        if ready in line:
            break
    else:
        process.wait(timeout=10)
        raise RuntimeError(f"{command[0]} did not start:\n{''.join(seen)}")
    threading.Thread(target=process.stderr.read, daemon=True).start()
    return process


@dataclass
class Site:
    """A running site: its address, the demo program's link key and exercise, its
    access log; `stop()` ends it gracefully (every line of its access log written)."""

    base: str
    key: str
    item: str
    log: Path
    process: subprocess.Popen = field(repr=False)

    @property
    def port(self):
        return int(self.base.rsplit(":", 1)[1])

    def stop(self, sig=signal.SIGTERM):
        if self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout=30)


def kit_nginx_config(folder, app_ports, *, cert, key, static_root):
    """The deploy kit's nginx site (deploy/nginx/clinic.conf) as an operator installs it,
    with loopback ports, `cert`/`key`, logs in `folder` and `app_ports` as its upstream
    servers. Returns (the nginx.conf to start nginx with, the HTTPS port)."""
    folder = Path(folder)
    site = (ROOT / "deploy/nginx/clinic.conf").read_text()
    https = free_port()
    site = site.replace("/etc/letsencrypt/live/clinic.example.org/fullchain.pem", str(cert))
    site = site.replace("/etc/letsencrypt/live/clinic.example.org/privkey.pem", str(key))
    site = site.replace("/var/log/nginx/", f"{folder}/")
    site = site.replace("/srv/clinic/app/staticfiles/", f"{static_root}/")
    servers = "".join(f"    server 127.0.0.1:{port} max_fails=0;\n" for port in app_ports)
    site = re.sub(r"    server 127\.0\.0\.1:8001 [^\n]*\n", servers, site)
    site = re.sub(r"listen \[::\]:\d+[^;]*;", "", site)
    site = site.replace("listen 80;", f"listen 127.0.0.1:{free_port()};")
    site = site.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https} ssl;")
    (folder / "site.conf").write_text(site)
    main = (
        f"pid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
        "events {}\n"
        # As Debian's /etc/nginx/nginx.conf: file types, without which no browser applies
        # a stylesheet served as text/plain.
        f"http {{ include /etc/nginx/mime.types; default_type application/octet-stream; "
        f"access_log off; client_body_temp_path {folder}/body; "
        f"proxy_temp_path {folder}/proxy; include {folder}/site.conf; }}\n"
    )
    (folder / "nginx.conf").write_text(main)
    return folder / "nginx.conf", https


def start_nginx(nginx, config):
    """nginx in the foreground, ready once it starts its worker processes."""
    command = [nginx, "-c", str(config), "-p", str(Path(config).parent), "-e", "stderr"]
    subprocess.run([*command[:-2], "-t"], check=True, capture_output=True)
    return start([*command, "-g", "daemon off; error_log stderr notice;"], ready="start worker")
