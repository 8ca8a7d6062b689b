"""A real SMTP server for the end-to-end tests, built on aiosmtpd.

Usage: python server.py PORT FOLDER

Accepts mail on 127.0.0.1:PORT and stores each message as an .eml file in
FOLDER (written to a temporary name, then renamed, so a reader never sees
half a message). Recipients whose local part starts with "reject" are
refused with 550 (permanent); those starting with "tempfail" with 451
(temporary). Prints "ready" once listening; stops on SIGTERM or when its
standard input closes.
"""

import asyncio
import os
import signal
import sys
import uuid

from aiosmtpd.controller import Controller


class Mailbox:
    def __init__(self, folder):
        self.folder = folder

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("reject"):
            return "550 5.1.1 No such mailbox here"
        if local.startswith("tempfail"):
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        name = uuid.uuid4().hex
        partial = os.path.join(self.folder, name + ".part")
        with open(partial, "wb") as out:
            out.write(envelope.original_content or envelope.content)
        os.rename(partial, os.path.join(self.folder, name + ".eml"))
        return "250 2.0.0 Message accepted for delivery"


async def main(port, folder):
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Mailbox(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_reader(sys.stdin.fileno(), lambda: stop.set() if not sys.stdin.readline() else None)
    await stop.wait()
    controller.stop()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
