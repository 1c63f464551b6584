#!/usr/bin/python3
"""Draw the tcp-gateway Grafana dashboard from a live Prometheus into a PNG, without Grafana.

Reads the dashboard JSON, runs each panel's queries as range queries against Prometheus (with the
dashboard's variables filled in) and draws the panels where the dashboard's grid puts them, with their
titles and legends. For docs/observability-dashboard.png; not part of the build.

    /usr/bin/python3 deploy/observability/render-dashboard.py \\
        --prometheus http://127.0.0.1:9090 --minutes 5 --out docs/observability-dashboard.png

Needs matplotlib (Debian: python3-matplotlib).
"""

import argparse
import json
import re
import sys
import time
import urllib.parse
import urllib.request

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

GRID_COLUMNS = 24
BACKGROUND = "#111217"
PANEL = "#181b1f"
TEXT = "#ccccdc"
COLOURS = ["#73bf69", "#f2cc0c", "#8ab8ff", "#ff780a", "#f2495c", "#5794f2", "#b877d9", "#705da0",
           "#37872d", "#fade2a"]


def query_range(prometheus, expr, start, end, step):
    params = urllib.parse.urlencode({"query": expr, "start": start, "end": end, "step": step})
    with urllib.request.urlopen(f"{prometheus}/api/v1/query_range?{params}", timeout=30) as response:
        body = json.load(response)
    if body.get("status") != "success":
        raise RuntimeError(f"Prometheus rejected {expr}: {body}")
    return body["data"]["result"]


def legend(template, labels):
    if not template:
        return ", ".join(f"{k}={v}" for k, v in sorted(labels.items())) or "value"
    return re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: labels.get(m.group(1), ""), template)


def human(value, unit):
    if value != value:  # NaN
        return ""
    if unit in ("bytes", "Bps"):
        for suffix in ("B", "KiB", "MiB", "GiB", "TiB"):
            if abs(value) < 1024 or suffix == "TiB":
                text = f"{value:.0f} {suffix}" if suffix == "B" else f"{value:.1f} {suffix}"
                return text + ("/s" if unit == "Bps" else "")
            value /= 1024
    if unit == "s":
        if value == 0:
            return "0"
        if abs(value) < 1e-3:
            return f"{value * 1e6:.0f} µs"
        if abs(value) < 1:
            return f"{value * 1e3:.1f} ms"
        return f"{value:.2f} s"
    if unit == "percentunit":
        return f"{value * 100:.0f}%"
    suffix = "/s" if unit == "ops" else ""
    for scale, letter in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= scale:
            return f"{value / scale:.1f}{letter}{suffix}"
    return f"{value:.3g}{suffix}"


def draw_panel(fig, panel, box, series, unit):
    ax = fig.add_axes(box, facecolor=PANEL)
    ax.set_title(panel["title"], loc="left", fontsize=9, color=TEXT, pad=4)
    for spine in ax.spines.values():
        spine.set_color("#2c3235")
    ax.tick_params(colors=TEXT, labelsize=6.5)
    ax.grid(color="#2c3235", linewidth=0.5)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: human(v, unit)))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 3, 6, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: time.strftime("%H:%M:%S", time.gmtime(v))))
    for i, (name, xs, ys) in enumerate(series):
        ax.plot(xs, ys, linewidth=1.1, color=COLOURS[i % len(COLOURS)], label=name)
    if series:
        ax.set_ylim(bottom=0)
        ax.legend(loc="upper left", fontsize=6, frameon=False, labelcolor=TEXT, ncol=2 if len(series) > 4 else 1,
                  handlelength=1.2)
    else:
        ax.text(0.5, 0.5, "No data", transform=ax.transAxes, ha="center", va="center", color=TEXT, fontsize=8)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prometheus", default="http://127.0.0.1:9090")
    parser.add_argument("--dashboard", default="deploy/observability/tcp-gateway.json")
    parser.add_argument("--minutes", type=float, default=5, help="how far back to draw")
    parser.add_argument("--step", default="5s", help="the range queries' resolution")
    parser.add_argument("--rate-interval", default="1m", help="what $__rate_interval stands for")
    parser.add_argument("--instance", default=".+", help="regular expression for $instance")
    parser.add_argument("--out", default="docs/observability-dashboard.png")
    args = parser.parse_args()

    with open(args.dashboard, encoding="utf-8") as file:
        dashboard = json.load(file)
    end = time.time()
    start = end - args.minutes * 60
    panels = dashboard["panels"]
    rows = max(p["gridPos"]["y"] + p["gridPos"]["h"] for p in panels)
    width_in = 20.0
    row_in = 0.3
    fig = plt.figure(figsize=(width_in, rows * row_in), facecolor=BACKGROUND)
    fig.suptitle(f'{dashboard["title"]}  ·  last {args.minutes:g} minutes', x=0.01, y=0.998, ha="left",
                 color=TEXT, fontsize=12)
    top = 1 - 0.6 / (rows * row_in)
    for panel in panels:
        grid = panel["gridPos"]
        left = grid["x"] / GRID_COLUMNS
        height = grid["h"] / rows * top
        bottom = top - (grid["y"] + grid["h"]) / rows * top
        if panel["type"] == "row":
            fig.text(left + 0.005, bottom + height / 2, panel["title"], color=TEXT, fontsize=10.5,
                     fontweight="bold", va="center")
            continue
        series = []
        for target in panel.get("targets", []):
            expr = target["expr"].replace("$instance", args.instance).replace("$__rate_interval", args.rate_interval)
            for result in query_range(args.prometheus, expr, start, end, args.step):
                xs = [float(t) for t, _ in result["values"]]
                ys = [float(v) for _, v in result["values"]]
                series.append((legend(target.get("legendFormat"), result["metric"]), xs, ys))
        unit = panel.get("fieldConfig", {}).get("defaults", {}).get("unit", "short")
        # room for the title above and the time axis below each panel, in inches of the figure
        inch = 1 / (rows * row_in)
        box = [left + 0.03, bottom + 0.3 * inch, grid["w"] / GRID_COLUMNS - 0.038, height - 0.65 * inch]
        draw_panel(fig, panel, box, series, unit)
    fig.savefig(args.out, dpi=72, facecolor=BACKGROUND)
    print(f"{args.out}: {len([p for p in panels if p['type'] != 'row'])} panels", file=sys.stderr)


if __name__ == "__main__":
    main()
