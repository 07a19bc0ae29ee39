#!/usr/bin/python3
"""Differential fixtures: random revision graphs run through real Alembic.

Builds seeded random graphs (chains, branches, merges, several bases, branch
labels, depends_on), writes each as a real Alembic script directory, runs
upgrade / downgrade / stamp through ``alembic.command`` against a temporary
SQLite file, and records after every command either that Alembic refused, or
the version rows and the migrations it ran, in order. Each case ends with a
few upgrades to revisions the database has already passed, as a deploy that
rolls the application back runs them. The TypeScript graph replays the same
commands and must end with the same rows and refuse exactly where Alembic does.

Run with the interpreter that has Alembic (Debian's python3-alembic):
    /usr/bin/python3 scripts/alembic-oracle/generate.py [--cases N] [--seed S]
"""
import argparse
import io
import json
import os
import random
import sqlite3
import sys
import tempfile
import warnings
from contextlib import redirect_stdout

import alembic
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

ENV_PY = '''
from alembic import context
from sqlalchemy import create_engine

engine = create_engine(context.config.get_main_option("sqlalchemy.url"))
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
'''

SCRIPT = '''
from alembic import op

revision = {rev!r}
down_revision = {down!r}
branch_labels = {labels!r}
depends_on = {deps!r}


def upgrade():
    op.execute("INSERT INTO applied_log (rev, dir) VALUES ('{rev}', 'upgrade')")


def downgrade():
    op.execute("INSERT INTO applied_log (rev, dir) VALUES ('{rev}', 'downgrade')")
'''


def new_id(rng, taken):
    while True:
        # a shared prefix now and then makes partial ids ambiguous
        prefix = rng.choice(["", "", "", "abcd", "ab12"])
        rid = prefix + "".join(rng.choice("0123456789abcdef") for _ in range(12 - len(prefix)))
        if rid not in taken:
            return rid


def random_graph(rng):
    """Specs in creation order; every parent exists before its child."""
    shape = rng.choice(["linear", "branchy", "branchy", "merges", "bases", "deps", "mixed", "mixed"])
    size = rng.randint(2, 9)
    specs = []
    ids = set()
    children = {}
    labels_used = 0

    def heads():
        return [s["id"] for s in specs if not children.get(s["id"])]

    for i in range(size):
        rid = new_id(rng, ids)
        down = []
        if specs:
            r = rng.random()
            hs = heads()
            if shape == "linear":
                down = [hs[-1]]
            elif shape in ("merges", "mixed") and len(hs) >= 2 and r < 0.35:
                down = rng.sample(hs, 2)
            elif shape in ("bases", "mixed") and r > 0.82:
                down = []
            elif shape in ("branchy", "mixed", "merges") and r < 0.65:
                down = [rng.choice(specs)["id"]]
            else:
                down = [rng.choice(hs)]
        deps = []
        if specs and shape in ("deps", "mixed") and rng.random() < 0.35:
            cand = [s["id"] for s in specs if s["id"] not in down]
            if cand:
                deps = [rng.choice(cand)]
        labels = []
        if rng.random() < (0.3 if shape != "linear" else 0.15) and labels_used < 3:
            labels = ["lab%d" % labels_used]
            labels_used += 1
        for d in down + deps:
            children.setdefault(d, []).append(rid)
        ids.add(rid)
        specs.append({"id": rid, "downRevisions": down, "branchLabels": labels, "dependsOn": deps})
    # a dependency named by its branch label, as scripts may do
    for s in specs:
        if s["dependsOn"]:
            dep = s["dependsOn"][0]
            owner = next(x for x in specs if x["id"] == dep)
            if owner["branchLabels"] and rng.random() < 0.5:
                s["dependsOn"] = [owner["branchLabels"][0]]
    return specs


def write_scripts(root, specs):
    versions = os.path.join(root, "versions")
    os.makedirs(versions)
    with open(os.path.join(root, "env.py"), "w") as f:
        f.write(ENV_PY)
    with open(os.path.join(root, "script.py.mako"), "w") as f:
        f.write("")
    for s in specs:
        down = s["downRevisions"]
        down = None if not down else (down[0] if len(down) == 1 else tuple(down))
        with open(os.path.join(versions, s["id"] + "_m.py"), "w") as f:
            f.write(SCRIPT.format(
                rev=s["id"], down=down,
                labels=tuple(s["branchLabels"]) or None,
                deps=tuple(s["dependsOn"]) or None,
            ))


def random_targets(rng, specs, kind):
    ids = [s["id"] for s in specs]
    labels = [l for s in specs for l in s["branchLabels"]]
    pool = ["heads", "head", "base", "+1", "+2", "-1", "-2"]
    pool += [rng.choice(ids) for _ in range(4)]
    pool += [rng.choice(ids)[: rng.choice([4, 5, 6])]]
    pool += [rng.choice(ids) + rng.choice(["+1", "-1", "+2", "-2"])]
    if labels:
        lab = rng.choice(labels)
        pool += [lab + "@head", lab + "@base", lab + "@+1", lab + "@-1", lab + "@heads", lab,
                 lab + "@" + rng.choice(ids)]
    if kind == "stamp":
        pool = ["heads", "head", "base"] + [rng.choice(ids) for _ in range(5)]
        if labels:
            pool.append(rng.choice(labels) + "@head")
    return rng.choice(pool)


def random_commands(rng, specs):
    cmds = []
    for _ in range(rng.randint(3, 8)):
        kind = rng.choices(["upgrade", "downgrade", "stamp"], weights=[5, 4, 2])[0]
        if kind == "stamp":
            n = rng.choice([1, 1, 1, 2])
            targets = [random_targets(rng, specs, "stamp") for _ in range(n)]
            cmds.append({"command": "stamp", "targets": targets, "purge": rng.random() < 0.2})
        else:
            cmds.append({"command": kind, "target": random_targets(rng, specs, kind)})
    return cmds


def query(db, sql):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    except sqlite3.OperationalError:
        return []
    finally:
        con.close()


def history_ranges(rng, specs):
    ids = [s["id"] for s in specs]
    rs = ["base:heads", ":heads", "base:", "-1:", "-2:", ":current", "current:"]
    rs += ["%s:%s" % (rng.choice(ids), rng.choice(ids)) for _ in range(2)]
    rs += ["%s:" % rng.choice(ids)[:5], ":%s" % rng.choice(ids)]
    return rs


def run_command(cfg, db, cmd):
    """Runs one command through Alembic; returns it with the rows before and after and what ran."""
    before = sorted(r[0] for r in query(db, "SELECT version_num FROM alembic_version"))
    seq = (query(db, "SELECT max(seq) FROM applied_log") or [(0,)])[0][0] or 0
    step = dict(cmd)
    step["before"] = before
    with warnings.catch_warnings(record=True) as caught, redirect_stdout(io.StringIO()):
        warnings.simplefilter("always")
        try:
            if cmd["command"] == "upgrade":
                command.upgrade(cfg, cmd["target"])
            elif cmd["command"] == "downgrade":
                command.downgrade(cfg, cmd["target"])
            else:
                command.stamp(cfg, cmd["targets"], purge=cmd["purge"])
            step["ok"] = True
        except Exception as e:  # any refusal, clean or a traceback, counts
            step["ok"] = False
            step["error"] = "%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else "")
    step["warnings"] = [str(w.message) for w in caught if "ambiguous" in str(w.message)]
    step["rows"] = sorted(r[0] for r in query(db, "SELECT version_num FROM alembic_version"))
    step["applied"] = [[r, d] for r, d in query(db, "SELECT rev, dir FROM applied_log WHERE seq > %d ORDER BY seq" % seq)]
    return step


def applied_revisions(specs, rows):
    """The rows and everything below them, through down revisions and dependencies (named by id or label)."""
    by_id = {s["id"]: s for s in specs}
    by_label = {l: s["id"] for s in specs for l in s["branchLabels"]}
    seen = set()
    todo = list(rows)
    while todo:
        rid = todo.pop()
        rid = rid if rid in by_id else by_label[rid]
        if rid not in seen:
            seen.add(rid)
            todo += by_id[rid]["downRevisions"] + by_id[rid]["dependsOn"]
    return seen


def passed_commands(rng, specs, cfg, db):
    """Moves the database up, then upgrades to a revision it has passed (or is at), the way a deploy
    rolling the application back does: by id, partial id, branch label or a relative move."""
    ids = [s["id"] for s in specs]
    labels = [l for s in specs for l in s["branchLabels"]]
    steps = []
    for _ in range(rng.randint(2, 4)):
        setup = rng.choice(["heads", "heads", rng.choice(ids)] + [l + "@head" for l in labels])
        steps.append(run_command(cfg, db, {"command": "upgrade", "target": setup}))
        rows = steps[-1]["rows"]
        if not rows:
            continue
        behind = sorted(applied_revisions(specs, rows))
        rid = rng.choice(behind)
        row = rng.choice(rows)
        forms = [rid, rid, rid[:6], row + "-1", row]
        if labels:
            forms.append(rng.choice(labels) + "@" + rid)
        steps.append(run_command(cfg, db, {"command": "upgrade", "target": rng.choice(forms)}))
    return steps


def run_case(rng, specs, tmp, n, seed):
    root = os.path.join(tmp, "case%d" % n)
    write_scripts(root, specs)
    db = os.path.join(root, "db.sqlite")
    sqlite3.connect(db).execute(
        "CREATE TABLE applied_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, rev TEXT, dir TEXT)").connection.commit()
    cfg = Config()
    cfg.set_main_option("script_location", root)
    cfg.set_main_option("sqlalchemy.url", "sqlite:///" + db)
    script = ScriptDirectory.from_config(cfg)
    order = [k for k, v in script.revision_map._revision_map.items() if v is not None and k == v.revision]
    by_id = {s["id"]: s for s in specs}
    case = {"graph": [by_id[i] for i in order], "steps": [], "history": []}

    for cmd in random_commands(rng, specs):
        case["steps"].append(run_command(cfg, db, cmd))

    current = tuple(r[0] for r in query(db, "SELECT version_num FROM alembic_version"))
    for rng_text in history_ranges(rng, specs):
        base, head = rng_text.split(":")
        if head == "current":
            head_arg, cur = (current or None), current
        else:
            head_arg = head or "heads"
        base_arg = (current or None) if base == "current" else (base or "base")
        entry = {"range": rng_text, "current": sorted(current)}
        try:
            if head == "current" and not current:
                raise ValueError("empty current")  # Alembic would list everything; athanor lists nothing
            entry["revisions"] = [sc.revision for sc in script.walk_revisions(base=base_arg or "base", head=head_arg)]
            entry["ok"] = True
        except ValueError as e:
            if str(e) == "empty current":
                continue
            entry["ok"] = False
        except Exception:
            entry["ok"] = False
        case["history"].append(entry)
    # a generator of their own, so the commands and history above stay those of the same seed before
    case["steps"] += passed_commands(random.Random("%d-passed-%d" % (seed, n)), specs, cfg, db)
    return case


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=300)
    ap.add_argument("--seed", type=int, default=20240611)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "alembic-oracle", "cases.json"))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    cases = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.cases):
            specs = random_graph(rng)
            cases.append(run_case(rng, specs, tmp, n, args.seed))
    out = {"alembic": alembic.__version__, "seed": args.seed, "cases": cases}
    with open(os.path.abspath(args.out), "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    refused = sum(1 for c in cases for s in c["steps"] if not s["ok"])
    total = sum(len(c["steps"]) for c in cases)
    print("%d cases, %d commands (%d refused) -> %s" % (len(cases), total, refused, args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
