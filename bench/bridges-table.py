"""Turns the results.jsonl written by bridges.sh into markdown tables: medians (min-max) of every
configuration and point, and the ratio of each bridge to its backend alone and to the gateway's echo."""
import json
import statistics
import sys

LABELS = {
    "netty": "load → Netty echo (direct)",
    "gw-echo": "load → gateway echo (no bridge)",
    "gw-tcp": "load → gateway, TCP per-connection → Netty",
    "gw-tcp-shared": "load → gateway, TCP shared (pool 4) → Netty",
    "gw-tcp-3": "load → gateway, TCP per-connection → 3 Netty",
    "gw-tcp-shared-3": "load → gateway, TCP shared (pool 4 each) → 3 Netty",
    "http": "http-load → HTTP echo (direct)",
    "gw-http": "load → gateway, HTTP → HTTP echo",
}
BACKEND = {"gw-tcp": "netty", "gw-tcp-shared": "netty", "gw-tcp-3": "netty", "gw-tcp-shared-3": "netty",
           "gw-http": "http"}
REFERENCE = "gw-echo"


def main(path):
    with open(path) as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    runs = {}
    for record in records:
        runs.setdefault((record["config"], record["point"]), []).append(record)
    configs = list(dict.fromkeys(r["config"] for r in records))
    points = list(dict.fromkeys(r["point"] for r in records))

    def values(config, point, field):
        return [r["result"][field] for r in runs.get((config, point), []) if r.get("result")]

    def median(config, point, field):
        found = values(config, point, field)
        return statistics.median(found) if found else None

    def cell(config, point, field):
        found = values(config, point, field)
        if not found:
            return "-"
        text = f"{statistics.median(found):,.0f}"
        if len(found) > 1:
            text += f" ({min(found):,.0f}–{max(found):,.0f})"
        return text

    def ratio(a, b):
        return "-" if a is None or not b else f"{a / b:.2f}"

    def cpu_per_message(config, point, ticks_field):
        found = []
        for r in runs.get((config, point), []):
            cpu, result = r.get("cpu"), r.get("result")
            if not cpu or not result or not result.get("msgsPerSec") or not cpu["millis"]:
                continue
            seconds = cpu[ticks_field] / cpu["ticksPerSecond"]
            messages = result["msgsPerSec"] * cpu["millis"] / 1000
            found.append(seconds * 1e6 / messages)
        return f"{statistics.median(found):.1f}" if found else "-"

    def other_share(config, point):
        """Median share of CPU 0 busy with anything but the gateway (the whole CPU 0 without one)."""
        found = []
        for r in runs.get((config, point), []):
            cpu = r.get("cpu")
            if not cpu or not cpu["millis"]:
                continue
            window = cpu["ticksPerSecond"] * cpu["millis"] / 1000
            found.append(max(0, cpu["cpu0BusyTicks"] - cpu["gatewayTicks"]) / window)
        return f"{statistics.median(found) * 100:.0f} %" if found else "-"

    rounds = max((r["round"] for r in records), default=0)
    print(f"Medians (min–max) of {rounds} round(s); 64-byte payloads; conns×pipeline.\n")
    header = "| configuration | " + " | ".join(f"{p} msgs/s | {p} p99 µs" for p in points) + " |"
    print(header)
    print("|---|" + "---|---|" * len(points))
    for config in configs:
        cells = []
        for point in points:
            cells += [cell(config, point, "msgsPerSec"), cell(config, point, "p99Us")]
        print(f"| {LABELS.get(config, config)} | " + " | ".join(cells) + " |")

    print("\nRatios of medians (msgs/s):\n")
    print("| bridge | " + " | ".join(f"{p} ÷ backend direct | {p} ÷ gateway echo" for p in points) + " |")
    print("|---|" + "---|---|" * len(points))
    for config in configs:
        if config not in BACKEND:
            continue
        cells = []
        for point in points:
            value = median(config, point, "msgsPerSec")
            cells += [ratio(value, median(BACKEND[config], point, "msgsPerSec")),
                      ratio(value, median(REFERENCE, point, "msgsPerSec"))]
        print(f"| {LABELS.get(config, config)} | " + " | ".join(cells) + " |")

    print("\nCPU per message (median µs; gateway on CPU 0, backend on CPU 1) and CPU 0 used by others:\n")
    print("| configuration | " + " | ".join(f"{p} gateway | {p} backend | {p} CPU 0 other" for p in points) + " |")
    print("|---|" + "---|---|---|" * len(points))
    for config in configs:
        cells = []
        for point in points:
            cells += [cpu_per_message(config, point, "gatewayTicks"),
                      cpu_per_message(config, point, "backendTicks"), other_share(config, point)]
        print(f"| {LABELS.get(config, config)} | " + " | ".join(cells) + " |")

    print("\nErrors (all rounds, both points):", end=" ")
    print(", ".join(f"{c} {sum(r['result']['errors'] for r in records if r['config'] == c and r.get('result'))}"
                    + ("" if all(r.get("result") for r in records if r["config"] == c) else " (a run without result)")
                    for c in configs))


if __name__ == "__main__":
    main(sys.argv[1])
