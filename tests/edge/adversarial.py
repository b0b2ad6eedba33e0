#!/usr/bin/python3
"""The adversarial suite: each attack of h2attack.py against remitrank_server,
bare or behind the edge (deploy/edge/edge.sh), while a probe makes 20
correct RankOffers calls a second.

For every (attack, setup) it starts a fresh server (soft file limit 1,024,
as a default service gets) and, behind the edge, a fresh nginx; runs the
probe (bench/loadgen/loadgen --rate=20, from 127.0.0.1) and the attack
(from 127.0.0.2) together; samples the RSS of the server and of nginx (its
master and workers, summed) from /proc every 100 ms; afterwards checks the
gRPC health service through the listener clients use, on a new connection;
then stops everything.

  adversarial.py --server=bazel-bin/service/remitrank_server \\
    --loadgen=bazel-bin/bench/loadgen/loadgen --setups=edge,bare \\
    [--attacks=rapid_reset,...] [--seconds=4] [--tail=1] \\
    [--check --junit=FILE]

Prints a table: probe correct % and p99, peak RSS of server and nginx,
health afterwards. With --check (the edge only), each attack is a test
case: probe >= 99 % correct, server RSS < --max_server_rss_mb, nginx RSS
< --max_nginx_rss_mb, SERVING afterwards; and one more case checks the
edge's routes and TLS (check_routes); exits 1 when any fails.
"""

import argparse
import http.client
import json
import os
import re
import resource
import signal
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET

import h2.config
import h2.connection
import h2.events
import h2.exceptions

sys.dont_write_bytecode = True  # No __pycache__ in the checkout.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from h2attack import rank_offers_request  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ATTACKS = ["rapid_reset", "settings_no_ack", "hpack_varint",
           "hpack_huge_string", "huge_message", "conn_flood", "bad_bin",
           "slowloris", "ping_flood"]
EXPECT_FIRST = "us-mx-swiftsend-promo"  # testdata's cheapest US->MX 200 USD
PROBE_RATE = 20
CLOCK = "2026-11-15T00:00:00Z"


def call(target, path, body=b"", tls=False, timeout=2.0):
    """One gRPC call (HTTP/2, h2c or TLS with ALPN h2) on a new connection
    from 127.0.0.1: (HTTP status, grpc-status, response message bytes), or
    (None, None, what went wrong)."""
    host, port = target.rsplit(":", 1)
    try:
        sock = socket.create_connection((host, int(port)), timeout=timeout,
                                        source_address=("127.0.0.1", 0))
    except OSError as e:
        return None, None, f"connect: {e.strerror or e}"
    conn = h2.connection.H2Connection(h2.config.H2Configuration(
        client_side=True, header_encoding="utf-8"))
    try:
        if tls:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE  # The test's own certificate.
            context.set_alpn_protocols(["h2"])
            sock = context.wrap_socket(sock)
        conn.initiate_connection()
        stream = conn.get_next_available_stream_id()
        conn.send_headers(stream, [
            (":method", "POST"), (":scheme", "https" if tls else "http"),
            (":authority", target), (":path", path),
            ("content-type", "application/grpc"), ("te", "trailers")])
        conn.send_data(stream, b"\0" + struct.pack(">I", len(body)) + body,
                       end_stream=True)
        sock.sendall(conn.data_to_send())
        data, http_status, grpc_status = b"", None, None
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            chunk = sock.recv(65536)
            if not chunk:
                return None, None, "connection closed"
            for event in conn.receive_data(chunk):
                if isinstance(event, h2.events.DataReceived):
                    data += event.data
                    conn.acknowledge_received_data(
                        event.flow_controlled_length, event.stream_id)
                elif isinstance(event, (h2.events.ResponseReceived,
                                        h2.events.TrailersReceived)):
                    headers = dict(event.headers)
                    http_status = headers.get(":status", http_status)
                    grpc_status = headers.get("grpc-status", grpc_status)
                elif isinstance(event, h2.events.StreamEnded):
                    return (int(http_status),
                            None if grpc_status is None else int(grpc_status),
                            data[5:])
                elif isinstance(event, h2.events.StreamReset):
                    return None, None, "stream reset"
            sock.sendall(conn.data_to_send())
        return None, None, "timeout"
    except (OSError, h2.exceptions.ProtocolError) as e:
        return None, None, f"error: {e}"
    finally:
        sock.close()


def health(target, tls=False):
    """grpc.health.v1.Health/Check: "SERVING", "NOT_SERVING", or what went
    wrong."""
    http_status, grpc_status, data = call(
        target, "/grpc.health.v1.Health/Check", tls=tls)
    if http_status is None:
        return data
    if grpc_status != 0:
        return f"HTTP {http_status}, grpc-status {grpc_status}"
    return {b"\x08\x01": "SERVING", b"\x08\x02": "NOT_SERVING"}.get(data, "UNKNOWN")


def wait_serving(target, seconds, tls=False):
    end = time.monotonic() + seconds
    state = health(target, tls)
    while state != "SERVING" and time.monotonic() < end:
        time.sleep(0.1)
        state = health(target, tls)
    return state


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def descendants(pid):
    """The pids of pid's children, grandchildren, ... (from /proc)."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


class Sampler(threading.Thread):
    """Peak RSS of the server and of the edge's processes, every 100 ms."""

    def __init__(self, server_pid, edge_pid, kill_above_kb):
        super().__init__(daemon=True)
        self.server_pid, self.edge_pid = server_pid, edge_pid
        self.kill_above_kb = kill_above_kb
        self.server_peak = self.nginx_peak = 0
        self.killed = False
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            self.server_peak = max(self.server_peak, rss_kb(self.server_pid))
            if self.server_peak > self.kill_above_kb and not self.killed:
                # A safety stop for this machine, reported in the row.
                os.kill(self.server_pid, signal.SIGKILL)
                self.killed = True
            if self.edge_pid:
                total = sum(rss_kb(p) for p in descendants(self.edge_pid))
                self.nginx_peak = max(self.nginx_peak, total)
            self.stop.wait(0.1)


def low_file_limit():
    resource.setrlimit(resource.RLIMIT_NOFILE,
                       (1024, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))


def stop(proc, sig=signal.SIGTERM, grace=5.0):
    """Stops a process this suite started; True if it exited on `sig`."""
    if proc.poll() is not None:
        return True
    proc.send_signal(sig)
    try:
        proc.wait(grace)
        return True
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return False


def run_one(args, attack, setup, scratch):
    """One attack against one setup; returns a row of figures."""
    row = {"attack": attack, "setup": setup}
    port_file = os.path.join(scratch, f"{attack}-{setup}.port")
    log = open(os.path.join(scratch, f"{attack}-{setup}.log"), "w")
    server = subprocess.Popen(
        [args.server, f"--data={args.data}", "--listen=127.0.0.1:0",
         f"--port_file={port_file}", f"--clock_time={CLOCK}"],
        stdout=log, stderr=log, preexec_fn=low_file_limit)
    edge = None
    procs = [server]
    try:
        end = time.monotonic() + 20
        while not os.path.exists(port_file) or not open(port_file).read().strip():
            if server.poll() is not None or time.monotonic() > end:
                raise RuntimeError(f"server did not start (log: {log.name})")
            time.sleep(0.05)
        upstream = f"127.0.0.1:{open(port_file).read().strip()}"
        target = upstream
        if setup == "edge":
            target = f"127.0.0.1:{free_port()}"
            edge = subprocess.Popen(
                [args.edge, f"--upstream={upstream}", f"--listen={target}"],
                stdout=log, stderr=log)
            procs.append(edge)
        state = wait_serving(target, 20)
        if state != "SERVING":
            log.flush()
            with open(log.name) as f:
                tail = " / ".join(f.read().strip().splitlines()[-3:])
            raise RuntimeError(f"{target} not SERVING before the attack: "
                               f"{state} (log: {tail})")
        sampler = Sampler(server.pid, edge.pid if edge else None,
                          args.kill_above_mb * 1024)
        sampler.start()
        seconds = args.seconds
        if setup == "bare" and attack in args.short_on_bare:
            seconds = min(seconds, args.bare_seconds)
        probe = subprocess.Popen(
            [args.loadgen, f"--target={target}", f"--rate={PROBE_RATE}",
             f"--duration={seconds + args.lead + args.tail}s",
             "--deadline=2s", f"--expect_first={EXPECT_FIRST}"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        procs.append(probe)
        time.sleep(args.lead)  # The probe's calls before the attack.
        attacker = subprocess.run(
            ["/usr/bin/python3", os.path.join(HERE, "h2attack.py"), attack,
             f"--target={target}", "--source=127.0.0.2",
             f"--seconds={seconds}", f"--scale={args.scale}"],
            stdout=subprocess.PIPE, stderr=log, text=True, timeout=seconds + 30)
        row["attack_result"] = (json.loads(attacker.stdout.strip().splitlines()[-1])
                                if attacker.stdout.strip() else {})
        out, _ = probe.communicate(timeout=seconds + args.lead + args.tail + 30)
        fields = dict(re.findall(r"(\w+)=([0-9.]+)", out))
        calls = int(fields.get("calls", 0))
        bad = int(fields.get("failed", 0)) + int(fields.get("wrong", 0))
        row["probe_calls"] = calls
        row["probe_correct_pct"] = 100.0 * (calls - bad) / calls if calls else 0.0
        row["probe_p99_ms"] = int(fields.get("p99_us", 0)) / 1000
        row["health_after"] = wait_serving(target, args.health_seconds)
        sampler.stop.set()
        sampler.join()
        row["server_rss_mb"] = sampler.server_peak / 1024
        row["server_killed_at_cap"] = sampler.killed
        row["nginx_rss_mb"] = sampler.nginx_peak / 1024 if edge else None
    finally:
        for proc in reversed(procs):
            exited = stop(proc)
            if proc is server:
                row["server_stopped_on_sigterm"] = exited
        log.close()
    return row


def check_routes(args, scratch):
    """The edge's routes and TLS: a fresh server (gRPC and HTTP/JSON) behind
    edge.sh with a self-signed certificate, the HTTP gateway and a health
    listener. Returns the failures (empty when all hold)."""
    cert, key = (os.path.join(scratch, n) for n in ("cert.pem", "key.pem"))
    # RSA, so that a suite with static RSA key exchange could be chosen if
    # the edge allowed one.
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048",
                    "-nodes", "-days", "1",
                    "-subj", "/CN=localhost", "-keyout", key, "-out", cert],
                   check=True, capture_output=True)
    port_file = os.path.join(scratch, "routes.port")
    http_port_file = os.path.join(scratch, "routes.http_port")
    log = open(os.path.join(scratch, "routes.log"), "w")
    server = subprocess.Popen(
        [args.server, f"--data={args.data}", "--listen=127.0.0.1:0",
         f"--port_file={port_file}", "--http_listen=127.0.0.1:0",
         f"--http_port_file={http_port_file}", f"--clock_time={CLOCK}"],
        stdout=log, stderr=log)
    procs, failures = [server], []
    try:
        end = time.monotonic() + 20
        while not all(os.path.exists(f) and open(f).read().strip()
                      for f in (port_file, http_port_file)):
            if server.poll() is not None or time.monotonic() > end:
                return [f"server did not start (log: {log.name})"]
            time.sleep(0.05)
        public = f"127.0.0.1:{free_port()}"
        probes = f"127.0.0.1:{free_port()}"
        procs.append(subprocess.Popen(
            [args.edge, f"--upstream=127.0.0.1:{open(port_file).read().strip()}",
             f"--http_upstream=127.0.0.1:{open(http_port_file).read().strip()}",
             f"--listen={public}", f"--health_listen={probes}",
             f"--tls_cert={cert}", f"--tls_key={key}"], stdout=log, stderr=log))

        def expect(what, got, want):
            if got != want:
                failures.append(f"{what}: got {got}, want {want}")

        expect("health over TLS", wait_serving(public, 20, tls=True), "SERVING")
        http_status, grpc_status, data = call(
            public, "/remit.v1.RemitRank/RankOffers", rank_offers_request(),
            tls=True)
        expect("RankOffers over TLS: grpc-status", grpc_status, 0)
        expect("RankOffers answers the cheapest offer",
               EXPECT_FIRST.encode() in data, True)
        for path, want in (("/remit.v1.RemitAdmin/GetDatasetInfo", 403),
                           ("/grpc.reflection.v1alpha.ServerReflection/"
                            "ServerReflectionInfo", 404)):
            expect(f"{path}: HTTP status", call(public, path, tls=True)[0], want)
        # Health/Watch: a well-formed gRPC UNIMPLEMENTED, which clients'
        # health checking takes as "not checked" without a protocol error.
        watch = call(public, "/grpc.health.v1.Health/Watch", tls=True)
        expect("Health/Watch: HTTP status, grpc-status", watch[:2], (200, 12))
        expect("health listener", health(probes), "SERVING")
        expect("RankOffers on the health listener: HTTP status",
               call(probes, "/remit.v1.RemitRank/RankOffers",
                    rank_offers_request())[0], 404)
        # HTTP/1.1 (by ALPN) to the JSON gateway.
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        host, port = public.rsplit(":", 1)
        https = http.client.HTTPSConnection(host, int(port), context=context,
                                            timeout=5)
        https.request("GET", "/v1/corridors")
        response = https.getresponse()
        expect("GET /v1/corridors over HTTPS", response.status, 200)
        expect("its JSON lists corridors", b'"corridors"' in response.read(), True)
        https.close()
        # TLS: 1.2 or 1.3, forward-secret suites only.
        with socket.create_connection((host, int(port)), timeout=5) as raw:
            with context.wrap_socket(raw) as tls:
                expect("TLS version", tls.version() in ("TLSv1.2", "TLSv1.3"), True)
        weak = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        weak.check_hostname = False
        weak.verify_mode = ssl.CERT_NONE
        weak.maximum_version = ssl.TLSVersion.TLSv1_2
        weak.set_ciphers("AES128-SHA:AES256-GCM-SHA384")  # RSA key exchange
        try:
            with socket.create_connection((host, int(port)), timeout=5) as raw:
                with weak.wrap_socket(raw) as tls:
                    failures.append(f"accepted a static-key suite: {tls.cipher()}")
        except (ssl.SSLError, OSError):
            pass
    finally:
        for proc in reversed(procs):
            stop(proc)
        log.close()
    return failures


def check(args, row):
    """The failures of one edge row (empty when it passes)."""
    failures = []
    if row["probe_correct_pct"] < 99.0:
        failures.append(f"probe {row['probe_correct_pct']:.1f} % correct < 99 %")
    if row["server_rss_mb"] >= args.max_server_rss_mb:
        failures.append(f"server RSS {row['server_rss_mb']:.0f} MB >= "
                        f"{args.max_server_rss_mb} MB")
    if row["nginx_rss_mb"] is not None and row["nginx_rss_mb"] >= args.max_nginx_rss_mb:
        failures.append(f"nginx RSS {row['nginx_rss_mb']:.0f} MB >= "
                        f"{args.max_nginx_rss_mb} MB")
    if row["health_after"] != "SERVING":
        failures.append(f"health afterwards: {row['health_after']}")
    return failures


def print_row(row):
    nginx = "-" if row.get("nginx_rss_mb") is None else f"{row['nginx_rss_mb']:.0f}"
    print(f"| {row['attack']} | {row['setup']} | {row['probe_correct_pct']:.1f} % "
          f"({row['probe_calls']}) | {row['probe_p99_ms']:.1f} | "
          f"{row['server_rss_mb']:.0f}{' (killed)' if row['server_killed_at_cap'] else ''}"
          f" | {nginx} | {row['health_after']} | "
          f"{'yes' if row.get('server_stopped_on_sigterm') else 'NO'} |",
          flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--server", required=True)
    parser.add_argument("--loadgen", required=True)
    parser.add_argument("--edge", default=os.path.join(ROOT, "deploy/edge/edge.sh"))
    parser.add_argument("--data", default=os.path.join(
        ROOT, "testdata/sample_corridors.textproto"))
    parser.add_argument("--setups", default="edge")
    parser.add_argument("--attacks", default=",".join(ATTACKS))
    parser.add_argument("--seconds", type=float, default=4.0,
                        help="each attack's length")
    parser.add_argument("--bare_seconds", type=float, default=4.0,
                        help="length of the --short_on_bare attacks on the "
                        "bare server")
    parser.add_argument("--short_on_bare", default="rapid_reset,huge_message",
                        help="attacks whose memory grows fastest on the bare server")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="h2attack.py's bound on counts")
    parser.add_argument("--lead", type=float, default=0.5,
                        help="probe seconds before the attack")
    parser.add_argument("--tail", type=float, default=1.0,
                        help="probe seconds after the attack")
    parser.add_argument("--health_seconds", type=float, default=5.0,
                        help="how long health may take to be SERVING afterwards")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--max_server_rss_mb", type=int, default=256)
    parser.add_argument("--max_nginx_rss_mb", type=int, default=128)
    parser.add_argument("--kill_above_mb", type=int, default=3072,
                        help="kill the server when its RSS passes this "
                        "(protects the machine; shown in the table)")
    parser.add_argument("--junit", default="")
    parser.add_argument("--json", default="", help="write the rows here")
    args = parser.parse_args()
    args.short_on_bare = set(args.short_on_bare.split(","))
    attacks = args.attacks.split(",")
    unknown = set(attacks) - set(ATTACKS)
    if unknown:
        parser.error(f"--attacks: unknown {sorted(unknown)}; known: {ATTACKS}")

    suite = ET.Element("testsuite", name="edge_adversarial")
    rows, failed = [], 0
    print("load average before: %.1f %.1f %.1f" % os.getloadavg())
    print("| attack | setup | probe correct (calls) | probe p99 ms | "
          "server RSS MB | nginx RSS MB | health after | server exits on "
          "SIGTERM within 5 s |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |", flush=True)
    with tempfile.TemporaryDirectory(prefix="remitrank-adversarial.") as scratch:
        if args.check:
            start = time.monotonic()
            case = ET.SubElement(suite, "testcase", classname="edge",
                                 name="routes_and_tls")
            failures = check_routes(args, scratch)
            case.set("time", f"{time.monotonic() - start:.1f}")
            if failures:
                failed += 1
                ET.SubElement(case, "failure", message="; ".join(failures))
            print(f"{'FAIL' if failures else 'PASS'} routes and TLS of the edge"
                  f"{': ' + '; '.join(failures) if failures else ''}", flush=True)
        for attack in attacks:
            for setup in args.setups.split(","):
                start = time.monotonic()
                case = ET.SubElement(suite, "testcase", classname="edge",
                                     name=f"{attack}_{setup}")
                try:
                    row = run_one(args, attack, setup, scratch)
                except (RuntimeError, subprocess.TimeoutExpired, OSError) as e:
                    row, failures = None, [f"did not run: {e}"]
                    print(f"| {attack} | {setup} | {e} |", flush=True)
                else:
                    rows.append(row)
                    print_row(row)
                    failures = check(args, row) if args.check and setup == "edge" else []
                case.set("time", f"{time.monotonic() - start:.1f}")
                if failures:
                    failed += 1
                    ET.SubElement(case, "failure", message="; ".join(failures))
                    print(f"FAIL {attack} {setup}: {'; '.join(failures)}", flush=True)
    print("load average after: %.1f %.1f %.1f" % os.getloadavg())
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)
    for row in rows:
        print(f"{row['attack']} {row['setup']}: {json.dumps(row['attack_result'])}")
    suite.set("tests", str(len(suite)))
    suite.set("failures", str(failed))
    if args.junit:
        ET.ElementTree(suite).write(args.junit, encoding="utf-8", xml_declaration=True)
    if args.check:
        print(f"edge adversarial suite: {len(suite) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
