"""Concurrent submissions from separate processes, and a submit killed with SIGKILL mid-transaction."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import codemix
from codemix.leaderboard import Leaderboard
from codemix.tasks.submission import write_submission

SUBMIT = "import sys; from codemix.leaderboard import Leaderboard; Leaderboard(sys.argv[1]).submit(sys.argv[2])"
# A submit that waits inside its transaction, just before COMMIT, so the test can kill it there; the
# pause is injected here, in the test's own process, never through a hook in the store.
PAUSED_SUBMIT = """
import contextlib, sys, time
from codemix.leaderboard import board, store

original = store.transaction

@contextlib.contextmanager
def paused(connection):
    with original(connection) as db:
        yield db
        time.sleep(30)

board.transaction = paused
board.Leaderboard(sys.argv[1]).submit(sys.argv[2])
"""


def submission(folder, test, team):
    rows = [(r["id"], r["sentiment"]) for r in test]
    return write_submission(folder, {"team": team, "system": "s", "description": "", "external_data": False},
                            {("sentiment", "demo_mren"): rows})


def test_twenty_concurrent_submissions_are_all_stored(tmp_path):
    board = Leaderboard(tmp_path / "lb.sqlite")
    board.init(["demo_mren"])
    board.close()
    test = codemix.load("demo_mren", split="test")
    folders = [submission(tmp_path / f"s{i}", test, f"team {i}") for i in range(20)]
    processes = [subprocess.Popen([sys.executable, "-c", SUBMIT, str(tmp_path / "lb.sqlite"), str(f)],
                                  stderr=subprocess.PIPE) for f in folders]
    errors = [p.communicate(timeout=300)[1].decode() for p in processes]
    failed = [f"exit {p.returncode}: {e[-800:]}" for p, e in zip(processes, errors) if p.returncode != 0]
    assert not failed, failed
    results = Leaderboard(tmp_path / "lb.sqlite").results()
    assert sorted(s["team"] for s in results["submissions"]) == sorted(f"team {i}" for i in range(20))
    assert len(results["scores"]) == 20


def test_a_submit_killed_mid_transaction_leaves_nothing(tmp_path):
    board = Leaderboard(tmp_path / "lb.sqlite")
    board.init(["demo_mren"])
    test = codemix.load("demo_mren", split="test")
    board.submit(submission(tmp_path / "first", test, "kept"))
    board.close()
    process = subprocess.Popen([sys.executable, "-c", PAUSED_SUBMIT, str(tmp_path / "lb.sqlite"),
                                str(submission(tmp_path / "killed", test, "killed"))])
    deadline, held = time.time() + 60, 0
    while time.time() < deadline and held < 2:  # the submit is inside its transaction: the write lock stays held
        time.sleep(0.5)
        held = held + 1 if _writer_holds_lock(tmp_path / "lb.sqlite") else 0
    assert held == 2, "the submit never reached its transaction"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    connection = sqlite3.connect(tmp_path / "lb.sqlite")
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    teams = [row[0] for row in connection.execute("SELECT team FROM submissions")]
    assert teams == ["kept"]
    assert connection.execute("SELECT COUNT(*) FROM scores").fetchone()[0] == 1
    connection.close()
    Leaderboard(tmp_path / "lb.sqlite").submit(tmp_path / "killed")  # and the store still takes writes


def _writer_holds_lock(path) -> bool:
    probe = sqlite3.connect(path, timeout=0)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()
