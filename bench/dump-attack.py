#!/usr/bin/env python3
"""Dump attack against one syncdictd jar.
usage: bench/dump-attack.py JAR PORT LABEL   (e.g. daemon/target/syncdictd.jar 17460 after)
Starts `java -jar JAR --port PORT` (SYNCDICT_TOKEN set, no -Xmx, default flags), sets "big" to a
1,000,000-char string, sends 1,500 dump lines in one write on one connection and does not read
for 10 s, while sampling VmRSS every 0.5 s and timing a `get big` every 0.5 s on a second
connection; then reads the attacker's replies (stop at 1,500 or 60 s), kills the daemon."""
import hashlib, hmac, json, os, secrets, signal, socket, statistics, subprocess, sys, threading, time

jar, port, label = sys.argv[1], int(sys.argv[2]), sys.argv[3]
TOKEN = "attack-" + secrets.token_hex(8)
N_DUMPS, ATTACK_QUIET_S, READ_LIMIT_S = 1500, 10.0, 60.0

def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except FileNotFoundError:
        return None

class Conn:
    def __init__(self, timeout=30.0):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = bytearray()
        hello = json.loads(self.readline())
        assert hello.get("hello") == "syncdict", hello
        S, C = hello["nonce"], secrets.token_hex(32)
        key = TOKEN.encode()
        proof = hmac.new(key, f"syncdict client\n{S}\n{C}".encode(), hashlib.sha256).hexdigest()
        self.send({"id": 0, "op": "auth", "nonce": C, "proof": proof})
        rep = json.loads(self.readline())
        want = hmac.new(key, f"syncdict daemon\n{S}\n{C}".encode(), hashlib.sha256).hexdigest()
        assert rep.get("proof") == want, rep
    def send(self, obj):
        self.s.sendall((json.dumps(obj, separators=(",", ":")) + "\n").encode())
    def readline(self):
        while True:
            i = self.buf.find(b"\n")
            if i >= 0:
                line = bytes(self.buf[:i]); del self.buf[:i + 1]; return line
            chunk = self.s.recv(1 << 20)
            if not chunk:
                raise EOFError("connection closed")
            self.buf += chunk

def main():
    env = dict(os.environ, SYNCDICT_TOKEN=TOKEN)
    out = open(f"/tmp/perf.M3Wx/{label}.daemon.out", "w"); err = open(f"/tmp/perf.M3Wx/{label}.daemon.err", "w")
    d = subprocess.Popen(["java", "-jar", jar, "--port", str(port)], env=env, stdout=out, stderr=err)
    try:
        run(d)
    finally:
        if d.poll() is None:
            d.send_signal(signal.SIGTERM)
            try: d.wait(10)
            except subprocess.TimeoutExpired: d.kill(); d.wait()
        print(f"[{label}] daemon exit code {d.returncode}")

def run(d):
    t0 = time.time()
    while time.time() - t0 < 30:
        if "listening" in open(f"/tmp/perf.M3Wx/{label}.daemon.out").read(): break
        time.sleep(0.1)
    else:
        raise SystemExit("daemon did not start")
    pid = d.pid
    rss_start = rss_kib(pid)
    setter = Conn()
    setter.send({"id": 1, "op": "set", "path": "big", "value": "x" * 1_000_000})
    print(f"[{label}] set reply: {setter.readline()[:100]!r}")
    time.sleep(1.0)
    rss_base = rss_kib(pid)
    other = Conn(timeout=60.0)
    attacker = Conn(timeout=60.0)
    # warm-up get on the second connection, outside the measurement
    other.send({"id": 1, "op": "get", "path": "big"}); other.readline()

    samples = []          # (t, phase, rss_kib)
    lat = {"attack": [], "read": []}
    stop = threading.Event()
    phase = ["attack"]

    def sampler():
        while not stop.is_set():
            samples.append((time.time() - t_attack, phase[0], rss_kib(pid)))
            stop.wait(0.5)

    def getter():
        n = 2
        while not stop.is_set():
            ph = phase[0]
            t = time.perf_counter()
            try:
                other.send({"id": 1, "op": "get", "path": "big"})
                line = other.readline()
                ms = (time.perf_counter() - t) * 1000
                ok = b'"value"' in line[:200]
                lat[ph].append(ms if ok else float("nan"))
            except Exception as e:
                lat[ph].append(float("inf")); print(f"[{label}] get failed: {e!r}"); return
            n += 1
            stop.wait(max(0.0, 0.5 - (time.perf_counter() - t)))

    payload = b"".join(b'{"id":%d,"op":"dump"}\n' % i for i in range(1, N_DUMPS + 1))
    t_attack = time.time()
    ts = threading.Thread(target=sampler); tg = threading.Thread(target=getter)
    ts.start(); tg.start()
    attacker.s.sendall(payload)   # one write of all 1,500 lines
    print(f"[{label}] sent {len(payload)} bytes of {N_DUMPS} dump lines in one sendall")
    time.sleep(ATTACK_QUIET_S)
    phase[0] = "read"
    # read all replies (stop at N_DUMPS or READ_LIMIT_S)
    t_read = time.time(); count = 0; errors = {}; nbytes = 0; at_line_start = True; head = bytearray()
    attacker.s.settimeout(5.0)
    reason = "all"
    while count < N_DUMPS:
        if time.time() - t_read > READ_LIMIT_S: reason = "60 s limit"; break
        try:
            chunk = attacker.s.recv(1 << 20)
        except socket.timeout:
            continue
        except ConnectionError as e:
            reason = f"error {e!r}"; break
        if not chunk: reason = "EOF"; break
        nbytes += len(chunk)
        pos = 0
        while pos < len(chunk):
            i = chunk.find(b"\n", pos)
            seg = chunk[pos:] if i < 0 else chunk[pos:i]
            if len(head) < 200: head += seg[:200 - len(head)]
            if i < 0: break
            count += 1
            if b'"error"' in head:
                try: code = json.loads(bytes(head)).get("error", {}).get("code")
                except Exception: code = bytes(head[:120]).decode(errors="replace")
                errors[code] = errors.get(code, 0) + 1
            head = bytearray(); pos = i + 1
    read_s = time.time() - t_read
    stop.set(); ts.join(); tg.join()
    alive = d.poll() is None
    rss_end = rss_kib(pid)

    def mib(k): return None if k is None else round(k / 1024, 1)
    att = [r for (_, p, r) in samples if p == "attack" and r]
    rd = [r for (_, p, r) in samples if p == "read" and r]
    def st(xs):
        good = [x for x in xs if x == x and x != float("inf")]
        return (f"n={len(xs)} ok={len(good)} median={statistics.median(good):.1f} ms max={max(good):.1f} ms" if good else f"n={len(xs)} none ok")
    print(f"[{label}] RSS at start {mib(rss_start)} MiB; baseline (after set big, before attack) {mib(rss_base)} MiB")
    print(f"[{label}] RSS samples during 10 s (MiB): {[mib(r) for r in att]}")
    print(f"[{label}] peak RSS during 10 s: {mib(max(att)) if att else None} MiB")
    print(f"[{label}] RSS samples during reading (MiB): {[mib(r) for r in rd]}")
    print(f"[{label}] peak RSS during reading: {mib(max(rd)) if rd else None} MiB; RSS at end {mib(rss_end)} MiB")
    print(f"[{label}] get latency during 10 s: {st(lat['attack'])}; raw {[round(x,1) for x in lat['attack']]}")
    print(f"[{label}] get latency during reading: {st(lat['read'])}")
    print(f"[{label}] replies read: {count}/{N_DUMPS} ({nbytes/2**20:.1f} MiB) in {read_s:.1f} s, stop reason: {reason}; error replies: {errors}; daemon alive: {alive}")
    print(f"[{label}] RESULT " + json.dumps({"label": label, "rss_start_mib": mib(rss_start), "baseline_mib": mib(rss_base),
        "peak10_mib": mib(max(att)) if att else None, "peak_read_mib": mib(max(rd)) if rd else None,
        "get10_median_ms": round(statistics.median([x for x in lat['attack'] if x == x and x != float('inf')] or [float('nan')]), 1),
        "get10_max_ms": round(max([x for x in lat['attack'] if x == x and x != float('inf')] or [float('nan')]), 1),
        "replies": count, "read_s": round(read_s, 1), "reason": reason, "errors": errors}))
    for c in (attacker, other, setter): c.s.close()

main()
