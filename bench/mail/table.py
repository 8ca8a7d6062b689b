#!/usr/bin/env python3
"""10,000 emails through the outbox, sent by two servers sharing one PostgreSQL.

One proposal is submitted through the API of the first server so that the
outbox holds real messages; one of them is copied in SQL until 10,000 wait
(each its own row, id and dedupe key). Both servers, on one database, then
dispatch them over SMTP to the tests' aiosmtpd server (tests/smtp/server.py,
which stores each message as a file). The table gives the time until the
outbox is empty, the messages per second, and the exactly-once count: every
row's Message-ID arrived, none twice.

The reference, in the same run: a plain smtplib loop sending the same
number of messages of the same size to the same SMTP server over one
connection — what the mail server itself can take.
"""

import email
import glob
import os
import signal
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import json

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MESSAGES = int(os.environ.get("BENCH_MESSAGES", "10000"))
PG = "postgres://postgres@127.0.0.1:5432"
PASSWORD = "bench password for the mail"
ADMIN = "admin@bench.example"


def run(args, **kwargs):
    done = subprocess.run(args, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"{args[0]} {args[1]} failed with {done.returncode}")
    return done


def psql(sql, db="postgres"):
    return run(["psql", f"{PG}/{db}", "-qAtc", sql]).stdout.strip()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(base, method, path, token=None, body=None):
    request = urllib.request.Request(base + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None)
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


class SmtpCounter:
    """The tests' aiosmtpd server, storing each message as a file."""

    def __init__(self, folder):
        self.folder = folder
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, os.path.join(ROOT, "tests", "smtp", "server.py"), str(self.port), folder],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().strip() == "ready"

    def message_ids(self):
        ids = []
        for path in glob.glob(os.path.join(self.folder, "*.eml")):
            with open(path, "rb") as f:
                ids.append(email.message_from_binary_file(f)["Message-ID"].strip("<> "))
        return ids

    def clear(self):
        for path in glob.glob(os.path.join(self.folder, "*.eml")):
            os.remove(path)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=10)


def start_server(grants, config, log):
    process = subprocess.Popen([grants, "--config", config, "serve", "--no-migrate"],
                               stdout=log, stderr=log)
    return process


def wait_healthy(base):
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"{base} did not start")


def main():
    grants = os.environ.get("GRANTS_BIN", "grants")
    db = f"grants_mail_bench_{os.getpid()}"
    psql(f'CREATE DATABASE "{db}"')
    try:
        with tempfile.TemporaryDirectory() as tmp:
            inbox = os.path.join(tmp, "inbox")
            os.mkdir(inbox)
            smtp = SmtpCounter(inbox)
            try:
                return bench(grants, db, tmp, smtp)
            finally:
                smtp.stop()
    finally:
        psql(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def bench(grants, db, tmp, smtp):
    ports = [free_port(), free_port()]
    configs = []
    for n, port in enumerate(ports):
        path = os.path.join(tmp, f"grants{n}.toml")
        with open(path, "w") as f:
            f.write(f'data_dir = "{tmp}/data{n}"\n'
                    f'[server]\nhost = "127.0.0.1"\nport = {port}\n'
                    f'[database]\nurl = "{PG}/{db}"\n'
                    '[log]\nfilter = "warn"\n'
                    # Held back while the messages are prepared.
                    f'[mail]\ntransport = "smtp"\ndispatch_interval_ms = {3600000 if n == 0 else 100}\n'
                    f'[mail.smtp]\nhost = "127.0.0.1"\nport = {smtp.port}\n')
        configs.append(path)
    log = open(os.path.join(tmp, "servers.log"), "w")
    run([grants, "--config", configs[0], "migrate"])
    run([grants, "--config", configs[0], "user", "create", "--email", ADMIN, "--name", "Bench",
         "--role", "admin"], input=PASSWORD + "\n")

    # Real messages: a proposal submitted through the API.
    first = start_server(grants, configs[0], log)
    base = f"http://127.0.0.1:{ports[0]}"
    wait_healthy(base)
    admin = api(base, "POST", "/auth/token", body={"email": ADMIN, "password": PASSWORD})["token"]
    tokens = {}
    for name, role in [("manager", "programme_manager"), ("applicant", "applicant")]:
        api(base, "POST", "/users", admin, {
            "email": f"{name}@bench.example", "name": name, "password": PASSWORD,
            "country": "MK", "locale": "mk", "roles": [{"role": role}]})
        tokens[name] = api(base, "POST", "/auth/token",
                           body={"email": f"{name}@bench.example", "password": PASSWORD})["token"]
    sys.path.insert(0, HERE)
    from fixtures import open_programme, proposal  # noqa: E402
    programme = api(base, "POST", "/programmes", tokens["manager"], open_programme())["id"]
    draft = api(base, "POST", "/proposals", tokens["applicant"], proposal(programme))
    request = urllib.request.Request(f"{base}/proposals/{draft['id']}/transitions/submit",
                                     method="POST", data=b"{}")
    request.add_header("content-type", "application/json")
    request.add_header("authorization", f"Bearer {tokens['applicant']}")
    request.add_header("if-match", '"1"')
    urllib.request.urlopen(request, timeout=30).read()
    first.send_signal(signal.SIGTERM)
    first.wait(timeout=30)

    existing = int(psql("SELECT COUNT(*) FROM outbox", db))
    psql(f"""INSERT INTO outbox (id, event, subject_type, subject_id, recipient_id, locale, payload,
               dedupe_key, state, attempts, next_attempt_at, created_at)
             SELECT gen_random_uuid(), o.event, o.subject_type, o.subject_id, o.recipient_id, o.locale,
                    o.payload, 'bench-' || g, 'pending', 0, now(), now()
             FROM (SELECT * FROM outbox ORDER BY id LIMIT 1) o, generate_series(1, {MESSAGES - existing}) g""",
         db)
    total = int(psql("SELECT COUNT(*) FROM outbox", db))

    # Both servers dispatch at full speed.
    with open(configs[0]) as f:
        text = f.read().replace("dispatch_interval_ms = 3600000", "dispatch_interval_ms = 100")
    with open(configs[0], "w") as f:
        f.write(text)
    started = time.monotonic()
    servers = [start_server(grants, c, log) for c in configs]
    for port in ports:
        wait_healthy(f"http://127.0.0.1:{port}")
    while int(psql("SELECT COUNT(*) FROM outbox WHERE state <> 'sent'", db)) > 0:
        if time.monotonic() - started > 600:
            raise SystemExit("the outbox did not empty in ten minutes")
        time.sleep(0.1)
    ours = time.monotonic() - started
    for server in servers:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    log.close()
    received = smtp.message_ids()
    rows = set(psql("SELECT id FROM outbox", db).split())
    by_id = {}
    for message_id in received:
        by_id[message_id.split("@")[0]] = by_id.get(message_id.split("@")[0], 0) + 1
    missing = len(rows - set(by_id))
    doubled = sum(n - 1 for n in by_id.values())
    size = max(os.path.getsize(p) for p in glob.glob(os.path.join(smtp.folder, "*.eml")))

    # The reference: the same number of messages of that size over one connection.
    smtp.clear()
    body = ("x" * 76 + "\r\n") * (size // 78)
    started = time.monotonic()
    with smtplib.SMTP("127.0.0.1", smtp.port) as client:
        for n in range(total):
            client.sendmail("bench@bench.example", ["reader@bench.example"],
                            f"Message-ID: <ref-{n}@bench.example>\r\nSubject: ref\r\n\r\n{body}")
    reference = time.monotonic() - started

    print("| messages | two servers: outbox empty after | messages/s | smtplib loop, one connection | ratio | exactly once |")
    print("| --- | --- | --- | --- | --- | --- |")
    print(f"| {total:,} | {ours:.1f} s | {total / ours:.0f} | {reference:.1f} s ({total / reference:.0f}/s) "
          f"| {reference / ours:.0%} | {len(received):,} received, {missing} missing, {doubled} twice |")
    return 0 if missing == 0 and doubled == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
