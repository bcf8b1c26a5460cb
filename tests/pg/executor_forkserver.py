"""Run the executor child (tests/pg/executor_child.py) as forked processes of one warm Python.

Each run is still a separate process: forked from a server that imported `migrator` once, it sets
its own environment, runs the real CLI and ends with the CLI's exit status (``os._exit`` at a
crash checkpoint ends it exactly as in a spawned process: the kernel closes its connections).
What it saves is Python's start-up and imports (~0.4 s of CPU per run), which dominate tests
that run the CLI dozens of times (crash at every checkpoint).

Protocol (one JSON object per line): the test writes ``{"args": [...], "env": {...}}`` to the
server's stdin; the server forks, waits, and answers ``{"returncode": N, "stdout": ..., "stderr": ...}``
(``returncode`` as ``subprocess`` gives it: negative for a signal).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import tests.pg.executor_child  # noqa: F401 - imports migrator and the scenarios before any fork


def _child(args: list[str], env: dict[str, str], out: int, err: int) -> None:
    """In the forked process: become `python -m tests.pg.executor_child ARGS` and exit."""
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)  # like subprocess.run without input: the request pipe is not the child's stdin
    os.dup2(out, 1)
    os.dup2(err, 2)
    os.environ.clear()
    os.environ.update(env)
    sys.argv = ["executor_child", *args]
    code: object = 0
    try:
        from migrator.api import execute
        from migrator.cli import main
        from tests.pg.executor_plans import SCENARIOS

        scenario = SCENARIOS[args[0]]
        execute.plan_for = lambda paths, version, **kwargs: scenario.plan
        main(args[1:])
    except SystemExit as exc:
        code = exc.code
    except BaseException:  # noqa: BLE001 - like the interpreter: traceback, exit status 1
        import traceback

        traceback.print_exc()
        code = 1
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def serve() -> None:
    """The fork server's loop (``python -m tests.pg.executor_forkserver``)."""
    replies = os.fdopen(os.dup(1), "w")
    for line in sys.stdin:
        request = json.loads(line)
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                _child(request["args"], request["env"], out.fileno(), err.fileno())
            _, status = os.waitpid(pid, 0)
            out.seek(0)
            err.seek(0)
            reply = {"returncode": os.waitstatus_to_exitcode(status),
                     "stdout": out.read().decode(errors="replace"), "stderr": err.read().decode(errors="replace")}
        replies.write(json.dumps(reply) + "\n")
        replies.flush()


class ForkServer:
    """A running fork server; ``run`` is ``subprocess.run`` of the executor child, in effect."""

    def __init__(self, cwd: Path) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "tests.pg.executor_forkserver"], cwd=cwd, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True,
        )

    def run(self, args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(json.dumps({"args": args, "env": env}) + "\n")
        self._process.stdin.flush()
        line = self._process.stdout.readline()
        if not line:
            raise RuntimeError(f"the executor fork server died (exit {self._process.wait()})")
        reply: dict[str, Any] = json.loads(line)
        return subprocess.CompletedProcess(args, reply["returncode"], reply["stdout"], reply["stderr"])

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        try:
            self._process.wait(10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


if __name__ == "__main__":
    serve()
