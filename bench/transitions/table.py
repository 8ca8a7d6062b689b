#!/usr/bin/env python3
"""Workflow transitions over HTTP against the database doing the same SQL.

PostgreSQL: the release server on a fresh database; `grants-load http`
makes 32 clients each cycle its own proposal (start_screening →
request_changes → resubmit → …) through the API with If-Match, for
SECONDS. The server is stopped, then `pgbench` runs, with 32 clients on the
same database and the same proposals, the SQL one transition issues inside
its transaction (read the proposal and its programme, the conditional
UPDATE, read the subject's last audit event, INSERT the next one and an
outbox row). The ratio is our TPS over pgbench's.

SQLite: the same HTTP run on a SQLite file, then `grants-load raw` issues
the same statements through sqlx with 32 tasks on the same file.

Latency at a fixed offered rate: a closed loop keeps 32 requests queued, so
its latency is 32 / TPS on average whatever the code does. After each
closed run the same 32 clients run again for SECONDS, each starting its
transitions at random (Poisson) times so that together they offer
BENCH_PACED (default 0.5) times the throughput ours just reached; the
reference then runs at that same rate (`pgbench --rate`, `grants-load raw
--paced-rate`). Both count latency from when a transition was due, so a
client that falls behind counts its wait.

Memory: the server's resident set size idle (after start-up) and its peak
while serving the load, read from /proc.

Mail dispatch is paused during the runs (the pgbench side sends no mail
either); the outbox rows are still written inside each transition.
"""

import glob
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

CLIENTS = 32
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
PACED = float(os.environ.get("BENCH_PACED", "0.5"))
PG = {"host": "127.0.0.1", "port": "5432", "user": "postgres"}
PASSWORD = "bench password for the load"
ADMIN = "admin@bench.example"

PGBENCH_SCRIPT = r"""
\set n :client_id + 1
BEGIN;
SELECT p.id AS pid, p.revision AS rev, p.state AS st, p.programme_id AS prog, p.owner_id AS owner FROM bench_subjects s JOIN proposals p ON p.id = s.id WHERE s.n = :n \gset
SELECT * FROM proposals WHERE id = :pid;
SELECT * FROM programmes WHERE id = :prog;
UPDATE proposals SET state = CASE :st WHEN 'submitted' THEN 'screening' WHEN 'screening' THEN 'changes_requested' ELSE 'submitted' END, revision = revision + 1, updated_at = now() WHERE id = :pid AND revision = :rev AND state = :st;
SELECT seq AS seq, hash AS prev FROM audit_events WHERE subject_type = 'proposal' AND subject_id = :pid ORDER BY seq DESC LIMIT 1 \gset
INSERT INTO audit_events (id, occurred_at, actor_id, action, subject_type, subject_id, seq, details, prev_hash, hash) VALUES (gen_random_uuid(), now(), NULL, 'proposal.transition', 'proposal', :pid, :seq + 1, '{"transition": "bench", "from": "x", "to": "y"}', :prev, md5(random()::text));
INSERT INTO outbox (id, event, subject_type, subject_id, recipient_id, locale, payload, dedupe_key, state, attempts, next_attempt_at, created_at) VALUES (gen_random_uuid(), 'bench', 'proposal', :pid, :owner, 'en', '{}', 'bench-' || gen_random_uuid(), 'cancelled', 0, now(), now());
COMMIT;
"""


def run(args, **kwargs):
    """Runs a command to its end; on failure shows what it printed."""
    done = subprocess.run(args, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"{args[0]} {args[1]} failed with {done.returncode}")
    return done


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def psql(sql, db="postgres"):
    run(["psql", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], "-d", db, "-qAtc", sql])


class Server:
    """The release `grants` binary over one database, started and stopped by its pid."""

    def __init__(self, grants, url, tmp):
        self.grants = grants
        self.port = free_port()
        self.config = os.path.join(tmp, "grants.toml")
        with open(self.config, "w") as f:
            f.write(f'data_dir = "{tmp}/data"\n'
                    f'[server]\nhost = "127.0.0.1"\nport = {self.port}\n'
                    f'[database]\nurl = "{url}"\n'
                    '[log]\nfilter = "warn"\n'
                    f'[mail]\ntransport = "files"\nfiles_dir = "{tmp}/mail"\n'
                    'dispatch_interval_ms = 3600000\n')
        self.log = open(os.path.join(tmp, "server.log"), "w")
        subprocess.run([grants, "--config", self.config, "migrate"], check=True,
                       stdout=self.log, stderr=self.log)
        subprocess.run([grants, "--config", self.config, "user", "create", "--email", ADMIN,
                        "--name", "Bench", "--role", "admin"], input=PASSWORD + "\n",
                       check=True, text=True, stdout=self.log, stderr=self.log)
        self.process = subprocess.Popen([grants, "--config", self.config, "serve", "--no-migrate"],
                                        stdout=self.log, stderr=self.log)
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(200):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        time.sleep(1)
        self.idle_rss = rss_mib(self.process.pid)

    def load(self, load_bin):
        """Runs the HTTP load, closed and then paced, sampling the server's RSS
        while it runs; returns both runs' results."""
        peak = [self.idle_rss]
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                peak[0] = max(peak[0], rss_mib(self.process.pid))
                time.sleep(0.1)

        sampler = threading.Thread(target=sample)
        sampler.start()
        try:
            done = run([load_bin, "http", "--base", self.base, "--admin", ADMIN,
                        "--clients", str(CLIENTS), "--seconds", str(SECONDS),
                        "--paced-fraction", str(PACED)],
                       env={**os.environ, "GRANTS_LOAD_PASSWORD": PASSWORD})
        finally:
            stop.set()
            sampler.join()
        closed, paced = json_lines(done.stdout)
        closed["idle_rss"] = self.idle_rss
        closed["peak_rss"] = peak[0]
        return closed, paced

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        self.log.close()


def json_lines(stdout):
    """The JSON lines a `grants-load` run printed, in order."""
    return [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]


def pgbench_setup(db, tmp):
    psql("CREATE TABLE bench_subjects AS SELECT row_number() OVER (ORDER BY title)::int AS n, id "
         "FROM proposals WHERE title LIKE 'Bench proposal %'", db)
    psql("ALTER TABLE bench_subjects ADD PRIMARY KEY (n)", db)
    script = os.path.join(tmp, "transition.sql")
    with open(script, "w") as f:
        f.write(PGBENCH_SCRIPT)
    return script


def pgbench(db, tmp, script, rate=None):
    """One pgbench run, closed or at an offered rate. With --rate its
    per-transaction log counts latency from the scheduled start, as ours does."""
    logs = os.path.join(tmp, "pgbench_log" if rate is None else "pgbench_paced_log")
    pacing = [] if rate is None else ["--rate", f"{rate:.1f}"]
    done = run(["pgbench", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"],
                "-n", "-M", "prepared", "-c", str(CLIENTS), "-j", "2", *pacing,
                "-T", str(SECONDS), "-f", script, "-l", "--log-prefix", logs, db])
    tps = next(float(line.split()[2]) for line in done.stdout.splitlines()
               if line.startswith("tps ="))
    failed = next((int(line.split(":")[1].split()[0]) for line in done.stdout.splitlines()
                   if line.startswith("number of failed transactions")), 0)
    latencies = []
    for path in glob.glob(logs + ".*"):
        with open(path) as f:
            latencies.extend(int(line.split()[2]) / 1000 for line in f)
    latencies.sort()
    return {"tps": tps, "p50_ms": percentile(latencies, 0.5),
            "p99_ms": percentile(latencies, 0.99), "failed": failed}


def percentile(sorted_values, p):
    if not sorted_values:
        return 0.0
    index = max(0, min(len(sorted_values) - 1, int(len(sorted_values) * p + 0.999999) - 1))
    return sorted_values[index]


def postgres_run(grants, load_bin):
    db = f"grants_bench_{os.getpid()}"
    psql(f'DROP DATABASE IF EXISTS "{db}"')
    psql(f'CREATE DATABASE "{db}"')
    try:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{db}"
            server = Server(grants, url, tmp)
            try:
                ours, ours_paced = server.load(load_bin)
            finally:
                server.stop()
            script = pgbench_setup(db, tmp)
            theirs = pgbench(db, tmp, script)
            theirs_paced = pgbench(db, tmp, script, ours_paced["offered_rate"])
        return ours, theirs, ours_paced, theirs_paced
    finally:
        psql(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def sqlite_run(grants, load_bin):
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite://{tmp}/bench.sqlite?mode=rwc"
        server = Server(grants, url, tmp)
        try:
            ours, ours_paced = server.load(load_bin)
        finally:
            server.stop()
        done = run([load_bin, "raw", "--url", url, "--clients", str(CLIENTS),
                    "--seconds", str(SECONDS),
                    "--paced-rate", f"{ours_paced['offered_rate']:.1f}"])
        theirs, theirs_paced = json_lines(done.stdout)
    return ours, theirs, ours_paced, theirs_paced


def main():
    grants = os.environ.get("GRANTS_BIN", "grants")
    load_bin = os.environ.get("GRANTS_LOAD_BIN", "grants-load")
    if shutil.which("pgbench") is None:
        print("pgbench is missing (Debian's postgresql-client)", file=sys.stderr)
        return 1
    rows = [("PostgreSQL", "pgbench, same SQL", *postgres_run(grants, load_bin)),
            ("SQLite", "sqlx loop, same SQL", *sqlite_run(grants, load_bin))]
    print(f"| database | ours over HTTP: TPS, p50, p99 | reference | reference: TPS, p50, p99 "
          f"| TPS ratio | server RSS idle → peak |")
    print("| --- | --- | --- | --- | --- | --- |")
    for database, reference, ours, theirs, _, _ in rows:
        print(f"| {database} | {ours['tps']:.0f}, {ours['p50_ms']:.1f} ms, {ours['p99_ms']:.1f} ms "
              f"| {reference} | {theirs['tps']:.0f}, {theirs['p50_ms']:.1f} ms, "
              f"{theirs['p99_ms']:.1f} ms | {ours['tps'] / theirs['tps']:.0%} "
              f"| {ours['idle_rss']:.0f} → {ours['peak_rss']:.0f} MiB |")
    print(f"\n{CLIENTS} clients, {SECONDS} s each, after a 1 s warm-up for ours; "
          f"{len(os.sched_getaffinity(0))} cores shared by the load, the server and the database.")
    print(f"\nAt a fixed offered rate ({PACED:g} × our closed-loop TPS, Poisson arrivals, "
          "latency from when each transition was due):\n")
    print("| database | offered rate | ours: TPS, p50, p99 | reference: TPS, p50, p99 |")
    print("| --- | --- | --- | --- |")
    for database, _, _, _, ours, theirs in rows:
        print(f"| {database} | {ours['offered_rate']:.0f}/s "
              f"| {ours['tps']:.0f}, {ours['p50_ms']:.1f} ms, {ours['p99_ms']:.1f} ms "
              f"| {theirs['tps']:.0f}, {theirs['p50_ms']:.1f} ms, {theirs['p99_ms']:.1f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
