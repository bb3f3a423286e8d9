"""Scale-out: N Streamlit processes behind nginx with sticky sessions, started and stopped together.

    python deploy/cluster.py [--processes 2] [--port 8500]      (or deploy/run_cluster.sh)

Each process is a normal ``streamlit run dashboard.py`` on its own loopback port and keeps
its own caches (the data is small: ~60 MB of shared caches per process). nginx (Debian's
package) listens on ``--port``, proxies websockets, compresses the static bundles and pins
every browser to one process with a cookie (see nginx.conf.template). Stop with Ctrl-C.
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

from tools.browser import AppServer, free_port

HERE = Path(__file__).resolve().parent


def nginx_binary() -> str:
    for cand in (shutil.which("nginx"), "/usr/sbin/nginx"):
        if cand and Path(cand).exists():
            return cand
    raise FileNotFoundError("nginx not found: apt-get install nginx")


class Cluster:
    """N app servers + nginx; ``url`` is the single entry point."""

    def __init__(self, processes: int = 2, port: int | None = None) -> None:
        self.n = processes
        self.port = port or free_port()
        self.servers: list[AppServer] = []
        self.run_dir = Path(tempfile.mkdtemp(prefix="dc-nginx-"))
        self.nginx: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120.0) -> None:
        for i in range(self.n):
            # Behind the proxy every visitor connects from loopback and would pass the "local only"
            # check of the data-update form, so a public cluster never accepts updates.
            srv = AppServer(log=self.run_dir / f"streamlit-{i}.log", env={"DC_UPDATE": os.environ.get("DC_UPDATE", "off")})
            srv.start(timeout)
            self.servers.append(srv)
        servers = "\n".join(f"        server 127.0.0.1:{s.port};" for s in self.servers)
        conf = (HERE / "nginx.conf.template").read_text(encoding="utf-8").format(run=self.run_dir, port=self.port, servers=servers)
        conf_path = self.run_dir / "nginx.conf"
        conf_path.write_text(conf, encoding="utf-8")
        self.nginx = subprocess.Popen([nginx_binary(), "-c", str(conf_path), "-p", str(self.run_dir),
                                       "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
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
        if self.nginx and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)
            try:
                self.nginx.wait(10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
        for s in self.servers:
            s.stop()
        self.servers = []

    def __enter__(self) -> Cluster:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--port", type=int, default=8500)
    args = ap.parse_args()
    cluster = Cluster(args.processes, args.port)
    cluster.start()
    print(f"{args.processes} processi Streamlit ({', '.join(str(s.port) for s in cluster.servers)}) dietro nginx: "
          f"{cluster.url}  (pid: {' '.join(map(str, cluster.pids))}; Ctrl-C per fermare)", flush=True)
    try:
        signal.sigwait({signal.SIGINT, signal.SIGTERM})
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
