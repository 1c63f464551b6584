"""Turns the results.jsonl written by compare.sh into markdown tables with gateway/Netty ratios."""
import json
import sys

GATEWAYS = ("nio", "net")


def load(path):
    with open(path) as lines:
        return [json.loads(line) for line in lines if line.strip()]


def ratio(value, baseline):
    if value is None or not baseline:
        return "-"
    return f"{value / baseline:.2f}"


def number(value, digits=0):
    return "-" if value is None else f"{value:,.{digits}f}"


def echo_table(records):
    echo = {(r["server"], r["point"]): r for r in records if r["kind"] == "echo"}
    points = list(dict.fromkeys(r["point"] for r in records if r["kind"] == "echo"))
    servers = [s for s in GATEWAYS if any(k[0] == s for k in echo)]

    def figure(server, point, field):
        record = echo.get((server, point))
        return record["result"].get(field) if record and record.get("result") else None

    header = ["conns×pipeline", "Netty msgs/s"]
    for server in servers:
        header += [f"{server} msgs/s", f"{server}/Netty"]
    header.append("Netty p99 µs")
    for server in servers:
        header += [f"{server} p99 µs", f"{server}/Netty"]
    header.append("errors (" + "/".join(["Netty"] + servers) + ")")
    rows = [header, ["---"] * len(header)]
    for point in points:
        netty_rate = figure("netty", point, "msgsPerSec")
        netty_p99 = figure("netty", point, "p99Us")
        row = [point.replace("x", "×"), number(netty_rate)]
        for server in servers:
            rate = figure(server, point, "msgsPerSec")
            row += [number(rate), ratio(rate, netty_rate)]
        row.append(number(netty_p99))
        for server in servers:
            p99 = figure(server, point, "p99Us")
            row += [number(p99), ratio(p99, netty_p99)]
        errors = []
        for server in ["netty"] + servers:
            record = echo.get((server, point))
            if record is None:
                errors.append("-")
            elif not record.get("result"):
                errors.append("no result")
            else:
                result = record["result"]
                failed = str(result["errors"] + result["connectFailures"])
                stalled = result.get("stalled", 0)
                errors.append(failed + (f" ({stalled} stalled)" if stalled else ""))
        row.append("/".join(errors))
        rows.append(row)
    return rows


def idle_table(records):
    idle = {r["server"]: r for r in records if r["kind"] == "idle"}
    netty = idle.get("netty", {})
    rows = [["server", "connections verified (before/after hold)", "errors", "RSS MB", "RSS /Netty",
             "threads", "threads /Netty"], ["---"] * 7]
    for server in ["netty"] + [s for s in GATEWAYS if s in idle]:
        record = idle.get(server)
        if record is None:
            continue
        result = record.get("result") or {}
        rss = record["rssKb"] / 1024 if record.get("rssKb") is not None else None
        netty_rss = netty["rssKb"] / 1024 if netty.get("rssKb") is not None else None
        verified = (f'{result["verifiedBefore"]:,}/{result["verifiedAfter"]:,} of {result["conns"]:,}'
                    if result else "no result")
        errors = str(result["errors"] + result["connectFailures"]) if result else "-"
        rows.append([server, verified, errors, number(rss, 1), ratio(rss, netty_rss),
                     number(record.get("threads")), ratio(record.get("threads"), netty.get("threads"))])
    return rows


def startup_table(records):
    rows = [["server", "run", "start to TCP port accepting (ms)", "RSS MB after start", "threads after start",
             "health"], ["---"] * 6]
    for record in records:
        if record["kind"] == "startup":
            rows.append([record["server"], record["label"], number(record["listeningMs"]),
                         number(record["rssKb"] / 1024, 1), str(record["threads"]), record["health"] or "-"])
    return rows


def markdown(rows):
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def main():
    records = load(sys.argv[1])
    print("### Closed-loop echo, 64-byte payloads, CRLF\n")
    print(markdown(echo_table(records)))
    print("\n### Idle connections\n")
    print(markdown(idle_table(records)))
    print("\n### Startup\n")
    print(markdown(startup_table(records)))


if __name__ == "__main__":
    main()
