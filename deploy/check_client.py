#!/usr/bin/python3
"""gRPC calls for deploy/image.sh --check, with Debian's python3-grpcio.

  check_client.py health HOST:PORT
      The gRPC health check of remit.v1.RemitRank on HOST:PORT, as the
      kubelet's grpc probe makes it (plaintext). Prints SERVING,
      NOT_SERVING, SERVICE_UNKNOWN, UNKNOWN, or the call's error code.

  check_client.py load --targets=HOST:PORT,... --service_config=FILE
                       --rate=CALLS_PER_S --started=FILE --stop=FILE
      ListCorridors calls at about CALLS_PER_S, from 4 threads, over one
      channel to every target (an ipv4: target list, as a headless
      Service's DNS answer gives a client) with the service config in FILE
      (docs/client/service_config.json: round_robin, retries on
      UNAVAILABLE). Writes FILE --started after the first answer; stops
      when FILE --stop exists. Prints "calls=N failed=N" and the failures
      by status code.

Requests and answers are handled as bytes (protobuf wire format), so no
generated code is needed.
"""

import collections
import os
import sys
import threading
import time

import grpc

SERVICE = b"remit.v1.RemitRank"


def health(target):
    request = b"\x0a" + bytes([len(SERVICE)]) + SERVICE  # .service
    with grpc.insecure_channel(target) as channel:
        check = channel.unary_unary("/grpc.health.v1.Health/Check")
        try:
            answer = check(request, timeout=10)
        except grpc.RpcError as e:
            return e.code().name
    # HealthCheckResponse.status: field 1, a varint; absent means UNKNOWN.
    status = answer[1] if answer[:1] == b"\x08" else 0
    return {1: "SERVING", 2: "NOT_SERVING", 3: "SERVICE_UNKNOWN"}.get(
        status, "UNKNOWN")


def load(targets, service_config, rate, started, stop):
    with open(service_config, encoding="utf-8") as f:
        config = f.read()
    channel = grpc.insecure_channel(
        "ipv4:" + targets, options=[("grpc.service_config", config)])
    call = channel.unary_unary("/remit.v1.RemitRank/ListCorridors")
    lock = threading.Lock()
    counts = collections.Counter()
    threads = 4
    interval = threads / rate

    def worker():
        next_call = time.monotonic()
        while not os.path.exists(stop):
            try:
                call(b"", timeout=10)  # ListCorridorsRequest{}: the first page
                code = "OK"
            except grpc.RpcError as e:
                code = e.code().name
            with lock:
                counts[code] += 1
                if code == "OK" and counts["OK"] == 1:
                    with open(started, "w", encoding="utf-8") as f:
                        f.write("started\n")
            # Paced, not as fast as possible: the edge limits each client
            # address's call rate, and this measures losses, not speed.
            next_call += interval
            time.sleep(max(0.0, next_call - time.monotonic()))

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    channel.close()
    calls = sum(counts.values())
    failed = calls - counts["OK"]
    detail = " ".join(f"{k}={v}" for k, v in sorted(counts.items()) if k != "OK")
    return f"calls={calls} failed={failed}" + (f" {detail}" if detail else "")


def main(argv):
    if len(argv) == 3 and argv[1] == "health":
        print(health(argv[2]))
        return 0
    if len(argv) >= 2 and argv[1] == "load":
        flags = dict(a[2:].split("=", 1) for a in argv[2:] if a.startswith("--") and "=" in a)
        need = ["targets", "service_config", "rate", "started", "stop"]
        if sorted(flags) != sorted(need):
            print(f"load needs --{', --'.join(need)}", file=sys.stderr)
            return 2
        print(load(flags["targets"], flags["service_config"],
                   float(flags["rate"]), flags["started"], flags["stop"]))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
