#!/usr/bin/env python3
"""The service with a network's years of data: each role's lists and pages
at a fixed offered rate, against the database's own time for them.

For each database (SQLite, PostgreSQL) and each size N (BENCH_SCALES,
default "0.25 1 4"): a fresh database; `grants bench scale --scale N` seeds
the demo and clones a network's data from it (at N = 1: ten programmes of
2,000 proposals, 3,000 reviewers, 54,000 reviews, 5,000 grants with 15,000
tranches, 10,000 reports, the audit trail and the sent emails; see
`grants_store::scale`); PostgreSQL is then analysed, as autovacuum would
soon after such a load. Then, with the release server on that database:

- the reference: the server runs with its statement log on (`sqlx::query`
  at debug, which logs each statement's time as the driver measured it)
  and `grants-load pages --statement-log` sends each request alone
  BENCH_SAMPLES times, summing the time of the statements each ran: the
  database's own time for that request, and how many statements it took;
- ours: the server restarted with the log at warn, and `grants-load pages`
  offers each request at BENCH_RATE per second (default 20) for
  BENCH_SECONDS (default 10) after a second of warm-up, Poisson arrivals,
  with no limit on requests in flight, latency counted from when each was
  due. The assignment preview of a 2,000 × 300 programme is sent five times
  one after another instead (it is an action a chair takes, not a list).

The server's resident set size is sampled throughout. The table is printed
as Markdown and the growth of each request's p99 with the data is drawn in
bench/scale/growth.png.
"""

import importlib.util
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "transitions_table", os.path.join(HERE, "..", "transitions", "table.py"))
transitions = importlib.util.module_from_spec(spec)
spec.loader.exec_module(transitions)
run, free_port, rss_mib, psql, PG = (transitions.run, transitions.free_port,
                                     transitions.rss_mib, transitions.psql, transitions.PG)

SCALES = [float(n) for n in os.environ.get("BENCH_SCALES", "0.25 1 4").split()]
DATABASES = os.environ.get("BENCH_DATABASES", "sqlite postgres").split()
RATE = float(os.environ.get("BENCH_RATE", "20"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
SAMPLES = int(os.environ.get("BENCH_SAMPLES", "20"))
DEMO = "@innovation-awards.example"


def plan(manifest):
    """The requests of each role, from what the generator wrote."""
    def first(stage):
        return next(p["id"] for p in manifest["programmes"] if p["stage"] == stage)

    review, decided, assign = first("review"), first("decided"), first("assign")
    proposal = manifest["funded_proposal"]
    manager, reviewer = "manager" + DEMO, manifest["reviewers"][0]
    requests = [
        ("proposals of a programme in a state, a page (manager)",
         f"/proposals?programme_id={review}&state=in_review&limit=50", manager),
        ("proposals, first page (manager)", "/proposals?limit=50", manager),
        ("proposals, search 'kumanovo' (manager)", "/proposals?q=kumanovo&limit=50", manager),
        ("proposals of the area (ambassador)", "/proposals?limit=50", "ambassador.mk" + DEMO),
        ("own proposals (applicant)", "/proposals?limit=50", manifest["applicants"][0]),
        ("a proposal (API)", f"/proposals/{proposal}", manager),
        ("a proposal's page", f"/app/proposals/{proposal}", manager, True),
        ("ranking of 2,000 proposals", f"/programmes/{review}/ranking", "chair" + DEMO),
        ("funding plan, optimal", f"/programmes/{review}/funding-plan", manager, False,
         {"policy": "optimal"}),
        ("ledger of 1,000 grants", f"/programmes/{decided}/ledger", "finance" + DEMO),
        ("impact of 1,000 grants", f"/programmes/{decided}/impact", manager),
        ("grants, first page (finance)", "/grants?limit=50", "finance" + DEMO),
        ("reports, first page (manager)", "/reports?limit=50", manager),
        ("a reviewer's assignments", "/me/assignments", reviewer),
        ("a reviewer's home page", "/app", reviewer, True),
        ("the manager's home page", "/app", manager, True),
        ("audit trail, first page (admin)", "/audit-events?limit=50", "admin" + DEMO),
    ]
    entries = []
    for name, path, who, *rest in requests:
        page = rest[0] if rest else False
        entry = {"name": name, "path": path, "who": who, "page": page}
        if len(rest) > 1:
            entry.update(method="POST", body=rest[1])
        entries.append(entry)
    entries.append({"name": "assignment preview, 2,000 × 300", "method": "POST",
                    "path": f"/programmes/{assign}/assignment/preview", "who": "chair" + DEMO,
                    "body": {}, "one_at_a_time": 5})
    return entries


class Server:
    """The release `grants` binary over one database, started and stopped by its pid."""

    def __init__(self, grants, config, log_path, log_filter):
        self.config = config
        self.log = open(log_path, "w")
        env = {**os.environ, "GRANTS_LOG__FILTER": log_filter, "GRANTS_LOG__FORMAT": "json"}
        self.process = subprocess.Popen([grants, "--config", config, "serve", "--no-migrate"],
                                        stdout=self.log, stderr=self.log, env=env)
        self.peak = 0.0
        self.stopped = threading.Event()
        self.sampler = threading.Thread(target=self.sample)

    def wait_ready(self, base):
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        time.sleep(1)
        self.idle = rss_mib(self.process.pid)
        self.sampler.start()

    def sample(self):
        while not self.stopped.is_set():
            self.peak = max(self.peak, rss_mib(self.process.pid))
            time.sleep(0.1)

    def stop(self):
        self.stopped.set()
        if self.sampler.is_alive():
            self.sampler.join()
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)
        self.log.close()


def one_size(grants, load_bin, url, tmp, scale):
    port = free_port()
    config = os.path.join(tmp, "grants.toml")
    with open(config, "w") as f:
        f.write(f'data_dir = "{tmp}/data"\n'
                f'[server]\nhost = "127.0.0.1"\nport = {port}\n'
                f'[database]\nurl = "{url}"\n'
                '[log]\nfilter = "warn"\n'
                f'[mail]\ntransport = "files"\nfiles_dir = "{tmp}/mail"\n'
                'dispatch_interval_ms = 3600000\n')
    started = time.monotonic()
    done = run([grants, "--config", config, "bench", "scale", "--scale", str(scale)])
    manifest = json.loads(next(l for l in reversed(done.stdout.splitlines()) if l.startswith("{")))
    generated = time.monotonic() - started
    if url.startswith("postgres"):
        # Autovacuum analyses tables this freshly filled within a minute or
        # so; without statistics the planner would scan where a running
        # database uses its indexes.
        psql("ANALYZE", url.rsplit("/", 1)[1])
    plan_path = os.path.join(tmp, "plan.json")
    with open(plan_path, "w") as f:
        json.dump(plan(manifest), f)
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "GRANTS_LOAD_PASSWORD": manifest["password"]}

    statement_log = os.path.join(tmp, "statements.log")
    server = Server(grants, config, statement_log, "warn,sqlx::query=debug")
    try:
        server.wait_ready(base)
        done = run([load_bin, "pages", "--base", base, "--plan", plan_path,
                    "--statement-log", statement_log, "--samples", str(SAMPLES)], env=env)
    finally:
        server.stop()
    reference = {r["name"]: r for r in transitions.json_lines(done.stdout)}

    server = Server(grants, config, os.path.join(tmp, "server.log"), "warn")
    try:
        server.wait_ready(base)
        done = run([load_bin, "pages", "--base", base, "--plan", plan_path,
                    "--rate", str(RATE), "--seconds", str(SECONDS)], env=env)
    finally:
        server.stop()
    ours = transitions.json_lines(done.stdout)
    proposals = sum(p["proposals"] for p in manifest["programmes"])
    return {"scale": scale, "proposals": proposals, "rows": manifest["rows"],
            "generated_s": generated, "idle_rss": server.idle, "peak_rss": server.peak,
            "requests": [{**r, **reference.get(r["name"], {})} for r in ours]}


def sqlite_size(grants, load_bin, scale):
    with tempfile.TemporaryDirectory() as tmp:
        return one_size(grants, load_bin, f"sqlite://{tmp}/scale.sqlite?mode=rwc", tmp, scale)


def postgres_size(grants, load_bin, scale):
    db = f"grants_scale_{os.getpid()}"
    psql(f'DROP DATABASE IF EXISTS "{db}"')
    psql(f'CREATE DATABASE "{db}"')
    try:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{db}"
            return one_size(grants, load_bin, url, tmp, scale)
    finally:
        psql(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def table(database, sizes):
    print(f"\n### {database}\n")
    header = " | ".join(f"N = {s['scale']:g} ({s['proposals']:,} proposals)" for s in sizes)
    print(f"| request | {header} |")
    print("| --- |" + " --- |" * len(sizes))
    for i, first in enumerate(sizes[0]["requests"]):
        cells = []
        for size in sizes:
            r = size["requests"][i]
            ratio = r["p99_ms"] / r["db_p99_ms"] if r.get("db_p99_ms") else float("nan")
            cells.append(f"{r['p50_ms']:.1f} / {r['p99_ms']:.1f} ms; db {r.get('db_p50_ms', 0):.1f}"
                         f" / {r.get('db_p99_ms', 0):.1f} ms ({r.get('statements', '?')} st.);"
                         f" {ratio:.1f}×" + (f"; {r['errors']} errors" if r["errors"] else ""))
        print(f"| {first['name']} | " + " | ".join(cells) + " |")
    print("| server RSS idle → peak | " + " | ".join(
        f"{s['idle_rss']:.0f} → {s['peak_rss']:.0f} MiB" for s in sizes) + " |")
    print("| generating the data | " + " | ".join(f"{s['generated_s']:.0f} s" for s in sizes) + " |")


def plot(results):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is missing: no plot", file=sys.stderr)
        return
    figure, axes = plt.subplots(1, len(results), figsize=(7 * len(results), 6), squeeze=False)
    for axis, (database, sizes) in zip(axes[0], results.items()):
        axis.set_prop_cycle(color=plt.cm.tab20.colors)
        xs = [s["proposals"] for s in sizes]
        for i, first in enumerate(sizes[0]["requests"]):
            axis.plot(xs, [s["requests"][i]["p99_ms"] for s in sizes], marker="o",
                      label=first["name"])
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xlabel("proposals in the database")
        axis.set_ylabel(f"p99 at {RATE:g} requests/s (ms)")
        axis.set_title(database)
        axis.grid(True, which="both", alpha=0.3)
    axes[0][-1].legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.02, 1))
    figure.tight_layout()
    figure.savefig(os.path.join(HERE, "growth.png"), dpi=90)


def main():
    grants = os.environ.get("GRANTS_BIN", "grants")
    load_bin = os.environ.get("GRANTS_LOAD_BIN", "grants-load")
    results = {}
    for database in DATABASES:
        size = {"sqlite": sqlite_size, "postgres": postgres_size}[database]
        name = {"sqlite": "SQLite", "postgres": "PostgreSQL"}[database]
        results[name] = [size(grants, load_bin, scale) for scale in SCALES]
        with open(os.path.join(HERE, f"last-{database}.json"), "w") as f:
            json.dump(results[name], f, indent=1)
    print(f"Each cell: ours p50 / p99 at {RATE:g} requests/s offered for {SECONDS} s; the "
          f"database's own time for the same request p50 / p99 over {SAMPLES} sends and its "
          "statements; ours p99 over the database's p99. "
          f"{len(os.sched_getaffinity(0))} cores shared by the load, the server and the database.")
    for database, sizes in results.items():
        table(database, sizes)
    plot(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
