"""Scale-out: N Streamlit processes behind nginx with sticky sessions, started and stopped together.

    python deploy/cluster.py [--processes 2] [--port 8500] [--host 127.0.0.1]   (or deploy/run_cluster.sh)

Each process is a normal ``streamlit run dashboard.py`` on its own loopback port and keeps
its own caches (the data is small: ~60 MB of shared caches per process). nginx (Debian's
package) listens on ``--host``:``--port`` (``0.0.0.0`` for every interface), proxies websockets,
compresses the static bundles, pins every browser to one process with a cookie and serves the published
files (``static/``: embeds, pictures, the room's phone pages) itself, from disk (see nginx.conf.template).

This is a public deployment: data updates from the browser are off in every process, whatever
the environment says (behind the proxy every visitor is a loopback peer). Officials update the
data with ``python -m district_stats update`` on the server.

Ctrl-C (SIGINT) or SIGTERM stops nginx and every Streamlit process, then exits.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from district_stats.paths import ROOT
from tools.browser import AppServer, free_port

HERE = Path(__file__).resolve().parent


def nginx_binary() -> str:
    for cand in (shutil.which("nginx"), "/usr/sbin/nginx"):
        if cand and Path(cand).exists():
            return cand
    raise FileNotFoundError("nginx not found: apt-get install nginx")


#: Environment forced on every Streamlit process of the cluster: no update form, no update code.
PUBLIC_ENV = {"DC_UPDATE": "off", "DC_UPDATE_TOKEN": ""}


class Stop(Exception):
    """Raised by the SIGINT/SIGTERM handler: unwinds to the code that stops every process."""


class Cluster:
    """N app servers + nginx; ``url`` is the single entry point."""

    def __init__(
        self, processes: int = 2, port: int | None = None, host: str = "127.0.0.1", static_dir: Path = ROOT / "static"
    ) -> None:
        self.n = processes
        self.static_dir = Path(static_dir)  # served by nginx itself at /app/static/ (tests: a scratch copy)
        self.host = host
        self.port = port or free_port()
        self.servers: list[AppServer] = []
        self.run_dir = Path(tempfile.mkdtemp(prefix="dc-nginx-"))
        self.nginx: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::", "") else self.host
        return f"http://{'[' + host + ']' if ':' in host else host}:{self.port}"

    @staticmethod
    def server_env() -> dict[str, str]:
        """Environment of each Streamlit process: updates off in code (see :data:`PUBLIC_ENV`)."""
        return dict(PUBLIC_ENV)

    @staticmethod
    def worker_user() -> str:
        """nginx's ``user`` line: started as root, its workers would switch to 'nobody', who can read neither a
        private checkout's ``static/`` nor the run folder; they stay the user that started the cluster (the
        Streamlit processes run as that user too). Empty otherwise (nginx keeps the current user)."""
        return "user root;" if getattr(os, "geteuid", lambda: -1)() == 0 else ""

    def start(self, timeout: float = 120.0) -> None:
        for i in range(self.n):
            srv = AppServer(log=self.run_dir / f"streamlit-{i}.log", env=self.server_env())
            self.servers.append(srv)  # before start: a stop during start-up still stops it
            srv.start(timeout)
        servers = "\n".join(f"        server 127.0.0.1:{s.port};" for s in self.servers)
        listen = f"[{self.host}]" if ":" in self.host else self.host
        conf = (
            (HERE / "nginx.conf.template")
            .read_text(encoding="utf-8")
            .format(
                run=self.run_dir,
                listen=listen,
                port=self.port,
                servers=servers,
                static=self.static_dir.resolve().as_posix(),
                user=self.worker_user(),
            )
        )
        conf_path = self.run_dir / "nginx.conf"
        conf_path.write_text(conf, encoding="utf-8")
        self.nginx = subprocess.Popen(
            [nginx_binary(), "-c", str(conf_path), "-p", str(self.run_dir), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("nginx did not start: see " + str(self.run_dir / "error.log"))

    @property
    def pids(self) -> list[int]:
        return [s.pid for s in self.servers if s.pid]

    def stop(self) -> None:
        """Stop nginx (graceful, then forced) and every Streamlit process; safe to call twice."""
        if self.nginx and self.nginx.poll() is None:
            self.nginx.send_signal(getattr(signal, "SIGQUIT", signal.SIGTERM))
            try:
                self.nginx.wait(10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
                self.nginx.wait(10)
        self.nginx = None
        for s in self.servers:
            s.stop()
        self.servers = []
        shutil.rmtree(self.run_dir, ignore_errors=True)

    def __enter__(self) -> Cluster:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _raise_stop(signum: int, frame: object) -> None:
    raise Stop(signal.Signals(signum).name)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--port", type=int, default=8500)
    ap.add_argument(
        "--host",
        "--listen",
        dest="host",
        default="127.0.0.1",
        help="address nginx listens on (0.0.0.0: every interface; default 127.0.0.1)",
    )
    args = ap.parse_args(argv)
    # Handlers first: a SIGTERM during start-up must also stop what was already started.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _raise_stop)
    cluster = Cluster(args.processes, args.port, args.host)
    try:
        cluster.start()
        print(
            f"{args.processes} processi Streamlit ({', '.join(str(s.port) for s in cluster.servers)}) dietro nginx: "
            f"{cluster.url}  (ascolta su {args.host}; pid: {' '.join(map(str, cluster.pids))}; "
            "aggiornamenti dal browser disattivati; Ctrl-C per fermare)",
            flush=True,
        )
        while True:
            time.sleep(3600)
    except Stop as exc:
        print(f"{exc}: arresto di nginx e dei processi Streamlit", flush=True)
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the stop itself
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
