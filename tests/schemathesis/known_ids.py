"""Writes a schemathesis.toml that makes path ids name real objects.

Random UUIDs only ever reach a 404, so the handlers behind it would never
see generated input. This asks the running demo server (127.0.0.1 only) for
the ids of its programmes, proposals, grants, tranches, reports, assignments,
users, attachments and outbox messages, and of the workflows' transitions, and
binds each operation's path parameters to them most of the time (the rest stay
random, so unknown ids are still tried).

Usage: python3 known_ids.py BASE_URL TOKENS_JSON OUTPUT_TOML
TOKENS_JSON maps role names to bearer tokens (programme_manager, admin,
finance, jury_chair and reviewer are used to look); the accounts behind them
are left out of the user ids.
"""

import json
import sys
import urllib.parse
import urllib.request

# How often a bound path parameter takes a known value rather than a generated one.
PROBABILITY = 0.8


def get(base, token, path):
    """GET a JSON document, or None on any error status."""
    request = urllib.request.Request(
        base + path, headers={"Authorization": f"Bearer {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)
    except urllib.error.HTTPError:
        return None


def items(base, token, path):
    """Every item of a paged list."""
    found, cursor = [], None
    while True:
        query = "limit=200" + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else "")
        page = get(base, token, f"{path}{'&' if '?' in path else '?'}{query}")
        if not page:
            return found
        found.extend(page.get("items", []))
        cursor = page.get("next_cursor")
        if not cursor:
            return found


def main():
    base, tokens_file, output = sys.argv[1:4]
    if not base.startswith("http://127.0.0.1:"):
        sys.exit("only a server on 127.0.0.1 is asked")
    with open(tokens_file, encoding="utf-8") as f:
        tokens = json.load(f)
    manager, admin = tokens["programme_manager"], tokens["admin"]

    ids = {name: set() for name in (
        "programmes", "proposals", "grants", "tranches", "reports",
        "assignments", "users", "attachments", "outbox",
    )}
    transitions = {name: set() for name in ("proposal", "grant", "tranche", "report")}

    for programme in items(base, manager, "/programmes?include_archived=true"):
        ids["programmes"].add(programme["id"])
        for assignment in get(base, tokens["jury_chair"], f"/programmes/{programme['id']}/assignments") or []:
            ids["assignments"].add(assignment["id"])
    for proposal in items(base, manager, "/proposals"):
        ids["proposals"].add(proposal["id"])
    for proposal in sorted(ids["proposals"])[:20]:
        for attachment in get(base, manager, f"/proposals/{proposal}/attachments") or []:
            ids["attachments"].add(attachment["id"])
    for grant in items(base, tokens["finance"], "/grants"):
        ids["grants"].add(grant["id"])
        for tranche in grant.get("tranches") or []:
            ids["tranches"].add(tranche["id"])
    for report in items(base, manager, "/reports"):
        ids["reports"].add(report["id"])
        for attachment in get(base, manager, f"/reports/{report['id']}/attachments") or []:
            ids["attachments"].add(attachment["id"])
    for assignment in get(base, tokens["reviewer"], "/me/assignments") or []:
        ids["assignments"].add(assignment["id"])
    # Not the accounts the run logs in as: an administrator's run could
    # deactivate one, and the other roles' runs would only get 401s.
    in_use = {me["id"] for me in (get(base, token, "/me") for token in tokens.values()) if me}
    for user in items(base, admin, "/users"):
        if user["id"] not in in_use:
            ids["users"].add(user["id"])
    for message in items(base, admin, "/admin/outbox"):
        ids["outbox"].add(message["id"])

    # Transition names, from each kind's transitions list.
    for kind, collection in (("proposal", "proposals"), ("grant", "grants"),
                             ("tranche", "tranches"), ("report", "reports")):
        for subject in sorted(ids[collection])[:10]:
            for transition in get(base, manager, f"/{collection}/{subject}/transitions") or []:
                transitions[kind].add(transition["name"])

    dictionaries = dict(ids)
    dictionaries.update({f"{kind}_transitions": names for kind, names in transitions.items()})
    lines = ["# Written by tests/schemathesis/known_ids.py for one run; not kept.", ""]
    for name, values in sorted(dictionaries.items()):
        if values:
            lines += [f"[dictionaries.{name}]", f"values = {json.dumps(sorted(values))}", ""]

    def bind(path_regex, **parameters):
        present = {p: d for p, d in parameters.items() if dictionaries[d]}
        if not present:
            return
        lines.extend(["[[operations]]", f"include-path-regex = {json.dumps(path_regex)}"])
        lines.append("[operations.parameters]")
        for parameter, dictionary in present.items():
            lines.append(
                f'"path.{parameter}" = {{ dictionary = "{dictionary}", probability = {PROBABILITY} }}'
            )
        lines.append("")

    bind(r"^/programmes/\{id\}/reviewers/\{user_id\}$", id="programmes", user_id="users")
    bind(r"^/programmes/\{id\}(/(?!reviewers/).*)?$", id="programmes")
    bind(r"^/proposals/\{id\}/transitions/\{name\}$", id="proposals", name="proposal_transitions")
    bind(r"^/proposals/\{id\}(/(?!transitions/).*)?$", id="proposals")
    bind(r"^/grants/\{id\}/transitions/\{name\}$", id="grants", name="grant_transitions")
    bind(r"^/grants/\{id\}(/(?!transitions/).*)?$", id="grants")
    bind(r"^/tranches/\{id\}/transitions/\{name\}$", id="tranches", name="tranche_transitions")
    bind(r"^/tranches/\{id\}(/(?!transitions/).*)?$", id="tranches")
    bind(r"^/reports/\{id\}/transitions/\{name\}$", id="reports", name="report_transitions")
    bind(r"^/reports/\{id\}(/(?!transitions/).*)?$", id="reports")
    bind(r"^/assignments/\{id\}", id="assignments")
    bind(r"^/attachments/\{id\}", id="attachments")
    bind(r"^/users/\{id\}$", id="users")
    bind(r"^/users/\{id\}/sessions/end$", id="users")
    bind(r"^/admin/outbox/\{id\}/", id="outbox")

    with open(output, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    counts = ", ".join(f"{len(v)} {k}" for k, v in sorted(ids.items()))
    print(f"known ids: {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()
