#!/usr/bin/env python3
"""Hostile connections against syncdictd (or redis-server, the reference), and a well-behaved
client measuring its latency beside them. Driven by bench/hostile.sh; three commands:

  hostile.py hold  PROTO PORT SECRET N STATUS   hold N hostile connections until SIGTERM, writing
                                                "ready" and then one status line a second to STATUS
  hostile.py probe PROTO PORT SECRET SAMPLES    one connection, `incr good` and `get good` one at a
                                                time; prints {"median_us", "p99_us", "incrs"} as JSON
  hostile.py check PROTO PORT SECRET INCRS      exits 1 unless the server holds exactly what the
                                                probes wrote: good = INCRS and v, the 1 KiB value

PROTO is `syncdict` (SECRET is the token; the HMAC handshake of docs/PROTOCOL.md) or `redis`
(SECRET is requirepass; RESP). The N hostile connections are four kinds, a quarter each (but at
most 500 pipeliners; the rest shared by the other three):
  dribble   never authenticates; sends the start of a `set` one byte a second (syncdictd cuts it at
            its 10 s handshake limit; it reconnects at once, so the quarter stays held)
  halfline  authenticates, sends half a `set` line and nothing more
  garbage   authenticates, then once a second a line from GARBAGE (not JSON, invalid UTF-8, nesting
            past the limit, bad paths, numbers out of range, ...), reading each answer
  pipeline  authenticates, sends 4,096 `get v` (4 MiB of replies) in one write and never reads
            (syncdictd answers them only as the socket takes the replies: about 1.7 MB wait in
            the kernel's send buffer on its side; should it close the connection for not reading,
            the connection reconnects)
A connection closed by the server opens again, so the status lines count those held at that moment.
"""
import asyncio, hashlib, hmac, json, os, secrets, signal, socket, statistics, struct, sys, time

HOST = "127.0.0.1"
# Hostile connections come from 127.0.0.1 to 127.0.0.4 in turn: one address has only the kernel's
# ephemeral ports (about 28,000) to reach one server port with.
SOURCES = [f"127.0.0.{i}" for i in range(1, 5)]
IP_BIND_ADDRESS_NO_PORT = 24  # from linux/in.h; Python's socket module does not name it
KINDS = ("dribble", "halfline", "garbage", "pipeline")
PIPELINED = 4096
# Each pipeliner ties up about 1.7 MB of the kernel's memory: the replies queued in the send
# buffer on the server's side (loopback's buffers grow that large). 500 of them take about 0.9 GB
# of the kernel's TCP memory (net.ipv4.tcp_mem allows 2.2 GiB here), on a machine others share.
MOST_PIPELINERS = 500
CONNECTS_AT_ONCE = 200
VALUE = "x" * 1024

GARBAGE = {
    "syncdict": [
        b"not json at all\n",
        b'{"id":1,"op":"set","path":"evil","value":"\xff\xfe\xc3"}\n',
        b'{"id":2,"op":"set","path":"evil","value":' + b"[" * 300 + b"]" * 300 + b"}\n",
        b'{"id":3,"op":"set","path":"evil..x","value":1}\n',
        b'{"id":4,"op":"set","path":"evil","value":1e5000}\n',
        b'{"id":5,"op":"set","path":"evil"}\n',
        b'{"id":6,"op":"nonsense","path":"evil","value":1}\n',
        b"[1,2,3]\n",
        b'{"id":7,"op":"incr","path":"v","by":1}\n',
        b'{"id":8,"op":"set","path":"' + b"a." * 200 + b'a","value":1}\n',
        b'{"id":9,"op":"set","path":"evil","value":1,"if_rev":-1,"extra":' + b"{" * 40 + b"\n",
    ],
    # The nearest Redis has: unknown commands, wrong arity, a write to the wrong type.
    "redis": [
        b"not json at all\r\n",
        b"\xff\xfe\xc3 evil\r\n",
        b"[" * 300 + b"\r\n",
        b"SET evil\r\n",
        b"INCR v\r\n",
        b"NONSENSE evil 1\r\n",
    ],
}


class Conn:
    """One socket driven by the event loop, with a line reader; no buffering beyond what it reads."""

    def __init__(self, sock):
        self.sock, self.buf, self.loop = sock, bytearray(), asyncio.get_running_loop()

    @classmethod
    async def open(cls, port, source=HOST, rcvbuf=None):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(False)
        # The port is chosen at connect, per source address: each gives another 28,000 or so.
        sock.setsockopt(socket.IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, 1)
        sock.bind((source, 0))
        if rcvbuf:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            await asyncio.get_running_loop().sock_connect(sock, (HOST, port))
        except BaseException:
            sock.close()
            raise
        return cls(sock)

    async def send(self, data):
        await self.loop.sock_sendall(self.sock, data)

    async def readline(self):
        while True:
            i = self.buf.find(b"\n")
            if i >= 0:
                line = bytes(self.buf[:i]); del self.buf[:i + 1]
                return line
            chunk = await self.loop.sock_recv(self.sock, 65536)
            if not chunk:
                raise EOFError
            self.buf += chunk

    def established(self):
        """Whether the server has not closed it, read from the kernel without reading the socket."""
        return self.sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 8)[0] == 1  # TCP_ESTABLISHED

    def close(self):
        self.sock.close()


def syncdict_proof(token, role, s, c):
    return hmac.new(token.encode(), f"syncdict {role}\n{s}\n{c}".encode(), hashlib.sha256).hexdigest()


async def authenticate(conn, proto, secret):
    if proto == "redis":
        await conn.send(b"AUTH " + secret.encode() + b"\r\n")
        reply = await conn.readline()
        assert reply.startswith(b"+OK"), reply
        return
    hello = json.loads(await conn.readline())
    s, c = hello["nonce"], secrets.token_hex(32)
    await conn.send(json.dumps({"id": 0, "op": "auth", "nonce": c, "proof": syncdict_proof(secret, "client", s, c)}).encode() + b"\n")
    reply = json.loads(await conn.readline())
    assert reply.get("proof") == syncdict_proof(secret, "daemon", s, c), reply


def request(proto, op, path):
    if proto == "redis":
        return f"{op.upper()} {path}\r\n".encode()
    return json.dumps({"op": op, "path": path}, separators=(",", ":")).encode() + b"\n"


class Holder:
    """Keeps N hostile connections open, each reopened when the server closes it."""

    def __init__(self, proto, port, secret, n):
        self.proto, self.port, self.secret = proto, port, secret
        pipeliners = min(n // 4, MOST_PIPELINERS)
        self.counts = {kind: (n - pipeliners) // 3 for kind in KINDS}
        self.counts["pipeline"] = pipeliners
        self.counts["dribble"] += n - sum(self.counts.values())
        self.open = {kind: 0 for kind in KINDS}
        self.reopened = {kind: 0 for kind in KINDS}
        self.answers = {}
        self.failures = 0
        self.connecting = asyncio.Semaphore(CONNECTS_AT_ONCE)
        self.stopping = asyncio.Event()

    async def keep(self, kind, first, source):
        await asyncio.sleep(first)
        while not self.stopping.is_set():
            conn = None
            try:
                async with self.connecting:
                    conn = await Conn.open(self.port, source, rcvbuf=4096 if kind == "pipeline" else None)
                    if kind != "dribble":
                        await authenticate(conn, self.proto, self.secret)
                self.open[kind] += 1
                try:
                    await getattr(self, kind)(conn)
                finally:
                    self.open[kind] -= 1
            except (OSError, EOFError, AssertionError, ValueError, KeyError):
                self.failures += 1
                await asyncio.sleep(0.1)
            finally:
                if conn:
                    conn.close()
            self.reopened[kind] += 1

    async def until_closed(self, conn):
        while conn.established() and not self.stopping.is_set():
            await asyncio.sleep(1.0)

    async def dribble(self, conn):
        line = request(self.proto, "set", "evil")[:-1]
        i = 0
        while conn.established() and not self.stopping.is_set():
            await conn.send(line[i % len(line):i % len(line) + 1])
            i += 1
            await asyncio.sleep(1.0)

    async def halfline(self, conn):
        full = b'{"id":1,"op":"set","path":"evil","value":' + json.dumps(VALUE).encode() + b"}" \
            if self.proto == "syncdict" else b"*3\r\n$3\r\nSET\r\n$4\r\nevil\r\n$1024\r\n" + VALUE.encode()
        await conn.send(full[:len(full) // 2])
        await self.until_closed(conn)

    async def garbage(self, conn):
        lines = GARBAGE[self.proto]
        i = secrets.randbelow(len(lines))
        while not self.stopping.is_set():
            await conn.send(lines[i % len(lines)])
            answer = await asyncio.wait_for(conn.readline(), 30)
            code = answer[answer.find(b'"code":"') + 8:].split(b'"')[0].decode() if self.proto == "syncdict" else answer[:12].decode(errors="replace")
            self.answers[code] = self.answers.get(code, 0) + 1
            i += 1
            await asyncio.sleep(1.0)

    async def pipeline(self, conn):
        await conn.send(request(self.proto, "get", "v") * PIPELINED)
        await self.until_closed(conn)

    def status(self):
        return {"t": round(time.time(), 2), "open": sum(self.open.values()), **self.open,
                "reopened": sum(self.reopened.values()), "failures": self.failures, "answers": self.answers}

    async def run(self, status_file):
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self.stopping.set)
        total = sum(self.counts.values())
        # Dribblers start spread over their 10 s, so that their reconnections do not come in waves.
        tasks = [asyncio.create_task(self.keep(kind, (i % 100) / 10 if kind == "dribble" else 0, SOURCES[i % len(SOURCES)]))
                 for kind in KINDS for i in range(self.counts[kind])]
        with open(status_file, "a", buffering=1) as out:
            deadline = time.time() + 300
            while sum(self.open.values()) < total - self.counts["dribble"] * 0.2 and time.time() < deadline and not self.stopping.is_set():
                await asyncio.sleep(0.2)
            await asyncio.sleep(10.5)  # every dribbler started, and the first ones cut once
            out.write("ready\n")
            while not self.stopping.is_set():
                out.write(json.dumps(self.status()) + "\n")
                try:
                    await asyncio.wait_for(self.stopping.wait(), 1.0)
                except asyncio.TimeoutError:
                    pass
            out.write(json.dumps(self.status()) + "\n")
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


class Client:
    """A blocking, well-behaved client: one request, then its reply."""

    def __init__(self, proto, port, secret):
        self.proto = proto
        self.sock = socket.create_connection((HOST, port), timeout=30)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.file = self.sock.makefile("rb")
        if proto == "redis":
            self.call(b"AUTH " + secret.encode() + b"\r\n")
        else:
            hello = json.loads(self.file.readline())
            s, c = hello["nonce"], secrets.token_hex(32)
            reply = self.call(json.dumps({"id": 0, "op": "auth", "nonce": c, "proof": syncdict_proof(secret, "client", s, c)}).encode() + b"\n")
            assert json.loads(reply).get("proof") == syncdict_proof(secret, "daemon", s, c), reply

    def call(self, data):
        self.sock.sendall(data)
        line = self.file.readline()
        if self.proto == "redis" and line.startswith(b"$") and not line.startswith(b"$-1"):
            line = self.file.readline()
        if not line or line.startswith(b"-") or b'"error"' in line:
            raise SystemExit(f"well-behaved request failed: {data[:60]!r} -> {line[:200]!r}")
        return line

    def value(self, path):
        line = self.call(request(self.proto, "get", path))
        return line.strip().decode() if self.proto == "redis" else json.loads(line).get("value")


def probe(proto, port, secret, samples):
    client = Client(proto, port, secret)
    incr, get = request(proto, "incr", "good"), request(proto, "get", "good")
    if proto == "redis":
        client.call(b"*3\r\n$3\r\nSET\r\n$1\r\nv\r\n$1024\r\n" + VALUE.encode() + b"\r\n")
    else:
        client.call(json.dumps({"op": "set", "path": "v", "value": VALUE}).encode() + b"\n")
    incrs, times = 0, []
    for i in range(200 + samples):  # the first 200 unmeasured
        data = incr if i % 2 == 0 else get
        start = time.perf_counter_ns()
        client.call(data)
        elapsed = time.perf_counter_ns() - start
        incrs += data is incr
        if i >= 200:
            times.append(elapsed / 1000)
    times.sort()
    print(json.dumps({"median_us": round(statistics.median(times), 1), "p99_us": round(times[int(len(times) * 0.99)], 1),
                      "max_us": round(times[-1], 1), "incrs": incrs}))


def check(proto, port, secret, incrs):
    client = Client(proto, port, secret)
    if proto == "redis":
        client.sock.sendall(b"KEYS *\r\n")
        keys = []
        for _ in range(int(client.file.readline()[1:])):
            client.file.readline()  # the key's length
            keys.append(client.file.readline().strip().decode())
        state = {key: client.value(key) for key in keys}
        want = {"good": str(incrs), "v": VALUE}
    else:
        state = json.loads(client.call(b'{"op":"dump"}\n'))["value"]
        want = {"good": incrs, "v": VALUE}
    if state != want:
        print(f"check: MISMATCH: the server holds {json.dumps(state)[:300]}, expected good={incrs} and v")
        sys.exit(1)
    print(f"check: the server holds exactly the well-behaved writes (good = {incrs}, v)")


def main():
    command, proto, port, secret = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    if command == "hold":
        asyncio.run(Holder(proto, port, secret, int(sys.argv[5])).run(sys.argv[6]))
    elif command == "probe":
        probe(proto, port, secret, int(sys.argv[5]))
    elif command == "check":
        check(proto, port, secret, int(sys.argv[5]))
    else:
        sys.exit(__doc__)


main()
