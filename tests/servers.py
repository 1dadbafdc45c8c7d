"""Real servers for the tests of what crosses sockets and logs (gunicorn, nginx, S3).

A server is ready when it says so on its own output, never after a sleep; it is stopped
gracefully, which also means every request it took is finished and logged.
"""

import signal
import socket
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path


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
