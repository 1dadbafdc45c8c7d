"""A real SMTP server for `make faults`: accepts every message and records its Message-ID.

    python bench/smtp_sink.py PORT MAILBOX

Each accepted message is appended to MAILBOX as one line (Message-ID, tab, recipient)
and flushed to disk before the server answers 250, so a message the site was told was
delivered is on record even if this process is killed the next moment. The fault
benchmark hangs it with SIGSTOP (connections are accepted by the kernel, never
answered) and kills it with SIGKILL.
"""

import os
import signal
import sys
import threading
from email import message_from_bytes

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content or envelope.content)
        line = f"{message.get('Message-ID', '')}\t{','.join(envelope.rcpt_tos)}\n"
        with self.lock, open(self.path, "a", encoding="utf-8") as mailbox:
            mailbox.write(line)
            mailbox.flush()
            os.fsync(mailbox.fileno())
        return "250 Message accepted"


def main():
    port, path = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Recorder(path), hostname="127.0.0.1", port=port)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
