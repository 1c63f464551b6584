"""Turns the results.jsonl written by compare.sh into markdown tables with gateway/Netty ratios.

A TLS server (a name with -tls) is compared with Netty serving TLS with the same provider: netty-tls (the
JDK's engine), or netty-tls-openssl for a server whose name ends in -openssl."""
import json
import statistics
import sys

BASELINE = "netty"
REFERENCE = "nio"
NETTY = (BASELINE, "netty-tls", "netty-tls-openssl")


def baseline(server):
    """The Netty server a server is compared with: the one of the same TLS provider, or plain Netty."""
    if "-tls" not in server:
        return BASELINE
    return "netty-tls-openssl" if server.endswith("-openssl") else "netty-tls"


def load(path):
    with open(path) as lines:
        return [json.loads(line) for line in lines if line.strip()]


def ratio(value, baseline):
    if value is None or not baseline:
        return "-"
    return f"{value / baseline:.2f}"


def number(value, digits=0):
    return "-" if value is None else f"{value:,.{digits}f}"


def gateways(records):
    """Every server but Netty, in the order they first appear."""
    return [s for s in dict.fromkeys(r["server"] for r in records) if s not in NETTY]


class Echo:
    """The echo results (or with kind churn, the churn results) of every round, by server and point."""

    def __init__(self, records, kind="echo", rate="msgsPerSec"):
        self.rate = rate
        self.rounds = {}
        for record in records:
            if record["kind"] == kind:
                key = (record["server"], record["point"])
                self.rounds.setdefault(key, []).append(record)
        self.points = list(dict.fromkeys(r["point"] for r in records if r["kind"] == kind))
        self.servers = list(dict.fromkeys(r["server"] for r in records if r["kind"] == kind))
        self.round_count = max((r.get("round", 1) for r in records if r["kind"] == kind), default=1)

    def values(self, server, point, field):
        return [r["result"][field] for r in self.rounds.get((server, point), []) if r.get("result")]

    def median(self, server, point, field):
        values = self.values(server, point, field)
        return statistics.median(values) if values else None

    def spread(self, server, point, field):
        values = self.values(server, point, field)
        if len(values) < 2:
            return ""
        return f" ({min(values):,.0f}–{max(values):,.0f})"

    def cpu(self, server, point):
        """Median server CPU µs per message (per connection with churn) and median share of CPU 0 used by
        anything but the server."""
        per_message, other = [], []
        for record in self.rounds.get((server, point), []):
            cpu, result = record.get("cpu"), record.get("result")
            if not cpu or not result or not cpu["millis"]:
                continue
            seconds = cpu["millis"] / 1000
            server_seconds = cpu["serverTicks"] / cpu["ticksPerSecond"]
            if result[self.rate]:
                per_message.append(1e6 * server_seconds / (result[self.rate] * seconds))
            other.append(100 * max(0, cpu["cpu0BusyTicks"] / cpu["ticksPerSecond"] - server_seconds) / seconds)
        return (statistics.median(per_message) if per_message else None,
                statistics.median(other) if other else None)

    def errors(self, server, point):
        records = self.rounds.get((server, point), [])
        if not records:
            return "-"
        if not all(r.get("result") for r in records):
            return "no result"
        failed = sum(r["result"]["errors"] + r["result"]["connectFailures"] for r in records)
        stalled = sum(r["result"].get("stalled", 0) for r in records)
        return str(failed) + (f" ({stalled} stalled)" if stalled else "")

    def paired_ratios(self, server, reference, point, field):
        """Ratio of each round's figure to the reference's figure of the same round."""
        mine = {r.get("round", 1): r for r in self.rounds.get((server, point), []) if r.get("result")}
        theirs = {r.get("round", 1): r for r in self.rounds.get((reference, point), []) if r.get("result")}
        return [mine[n]["result"][field] / theirs[n]["result"][field]
                for n in sorted(mine) if n in theirs and theirs[n]["result"][field]]


def echo_table(echo, header=("conns×pipeline", "server", "msgs/s", "/Netty", "p99 µs", "/Netty",
                               "server CPU µs/msg", "CPU 0 other %", "errors")):
    """Each server's figures and their ratios to those of its Netty server (see baseline)."""
    header = list(header)
    rows = [header, ["---"] * len(header)]
    for point in echo.points:
        for server in [s for s in NETTY if s in echo.servers] + [s for s in echo.servers if s not in NETTY]:
            if (server, point) not in echo.rounds:
                continue
            netty_rate = echo.median(baseline(server), point, echo.rate)
            netty_p99 = echo.median(baseline(server), point, "p99Us")
            rate = echo.median(server, point, echo.rate)
            p99 = echo.median(server, point, "p99Us")
            per_message, other = echo.cpu(server, point)
            rows.append([point.replace("x", "×"), server,
                         number(rate) + echo.spread(server, point, echo.rate), ratio(rate, netty_rate),
                         number(p99) + echo.spread(server, point, "p99Us"), ratio(p99, netty_p99),
                         number(per_message, 1), number(other), echo.errors(server, point)])
    return rows


def churn_table(churn):
    """Connections per second (new TLS connections per second against a TLS server) and their ratios."""
    return echo_table(churn, ("point", "server", "conns/s", "/Netty", "p99 µs", "/Netty", "server CPU µs/conn",
                              "CPU 0 other %", "errors"))


def tls_note(*tables):
    """Which Netty server each TLS server's ratios are to, when the run had TLS servers."""
    servers = dict.fromkeys(s for table in tables for s in table.servers if "-tls" in s and s not in NETTY)
    if not servers:
        return ""
    pairs = ", ".join(f"{s} to {baseline(s)}" for s in servers)
    return f"\nTLS servers' ratios are to Netty serving TLS with the same provider: {pairs}.\n"


def variant_table(echo):
    """Each gateway variant (other settings or another jar) against nio: the median of the per-round ratios,
    rounds run back to back."""
    variants = [s for s in echo.servers if s not in NETTY + (REFERENCE,)]
    if REFERENCE not in echo.servers or not variants:
        return None
    header = ["conns×pipeline", "server", "msgs/s /nio", "per round", "p99 /nio", "per round"]
    rows = [header, ["---"] * len(header)]
    for point in echo.points:
        for server in variants:
            rates = echo.paired_ratios(server, REFERENCE, point, "msgsPerSec")
            p99s = echo.paired_ratios(server, REFERENCE, point, "p99Us")
            if not rates:
                continue
            rows.append([point.replace("x", "×"), server, f"{statistics.median(rates):.2f}",
                         " ".join(f"{r:.2f}" for r in rates),
                         f"{statistics.median(p99s):.2f}" if p99s else "-", " ".join(f"{r:.2f}" for r in p99s)])
    return rows


def idle_table(records):
    idle = {r["server"]: r for r in records if r["kind"] == "idle"}
    netty = idle.get("netty", {})
    rows = [["server", "java", "connections verified (before/after hold)", "errors", "RSS MB", "RSS /Netty",
             "RSS before MB", "bytes/conn", "bytes/conn /Netty", "heap after GC MB", "heap bytes/conn",
             "threads", "threads /Netty"],
            ["---"] * 13]
    netty_per_conn = per_connection(netty)
    for server in ["netty"] + [s for s in gateways(records) if s in idle]:
        record = idle.get(server)
        if record is None:
            continue
        result = record.get("result") or {}
        rss = record["rssKb"] / 1024 if record.get("rssKb") is not None else None
        netty_rss = netty["rssKb"] / 1024 if netty.get("rssKb") is not None else None
        verified = (f'{result["verifiedBefore"]:,}/{result["verifiedAfter"]:,} of {result["conns"]:,}'
                    if result else "no result")
        errors = str(result["errors"] + result["connectFailures"]) if result else "-"
        before = record.get("rssKbBefore")
        heap = record.get("heapKb")
        mine = per_connection(record)
        rows.append([server, record.get("java") or "-", verified, errors, number(rss, 1), ratio(rss, netty_rss),
                     number(before / 1024 if before is not None else None, 1), number(mine),
                     ratio(mine, netty_per_conn), number(heap / 1024 if heap is not None else None, 1),
                     number(per_connection(record, "heapKb", "heapKbBefore")),
                     number(record.get("threads")), ratio(record.get("threads"), netty.get("threads"))])
    return rows


def per_connection(record, field="rssKb", before="rssKbBefore"):
    """Bytes per additional connection: the figure (RSS, or heap after GC) holding them minus the figure before
    they connected, over their count."""
    result = record.get("result") or {}
    connected = result.get("connected") or result.get("conns")
    if record.get(field) is None or record.get(before) is None or not connected:
        return None
    return (record[field] - record[before]) * 1024 / connected


def startup_table(records):
    rows = [["server", "java", "run", "start to TCP port accepting (ms)", "RSS MB after start", "threads after start",
             "health"], ["---"] * 7]
    for record in records:
        if record["kind"] == "startup":
            rows.append([record["server"], record.get("java") or "-", record["label"], number(record["listeningMs"]),
                         number(record["rssKb"] / 1024, 1), str(record["threads"]), record["health"] or "-"])
    return rows


def markdown(rows):
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def main():
    records = load(sys.argv[1])
    echo = Echo(records)
    rounds = f", median of {echo.round_count} rounds (min–max)" if echo.round_count > 1 else ""
    print(f"### Closed-loop echo, 64-byte payloads, CRLF{rounds}\n")
    print(markdown(echo_table(echo)))
    churn = Echo(records, "churn", "connectionsPerSecond")
    if churn.points:
        print(f"\n### Connection churn: open, echo one 64-byte message, close (handshake rate with TLS){rounds}\n")
        print(markdown(churn_table(churn)))
    print(tls_note(echo, churn), end="")
    variants = variant_table(echo)
    if variants:
        print("\n### Gateway variants (other settings or jars) against nio, run back to back\n")
        print(markdown(variants))
    print("\n### Idle connections\n")
    print(markdown(idle_table(records)))
    print("\n### Startup\n")
    print(markdown(startup_table(records)))


if __name__ == "__main__":
    main()
