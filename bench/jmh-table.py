"""Turns JMH's result.json of FramingBenchmark into a markdown table: decoder against deserializer."""
import json
import sys

CASES = (("ManyFrames", "one read of 256 × 64-byte frames"), ("LargeFrame", "one 60 KB frame in 8 KB reads"))


def main():
    with open(sys.argv[1]) as file:
        results = json.load(file)
    scores = {}
    for result in results:
        method = result["benchmark"].rsplit(".", 1)[1]
        framing = result["params"]["framing"]
        metric = result["primaryMetric"]
        scores[(method, framing)] = (metric["score"], metric["scoreError"])
    framings = list(dict.fromkeys(framing for _, framing in scores))
    rows = [["case", "framing", "gateway decoder frames/s", "Spring Integration deserializer frames/s",
             "decoder/deserializer"], ["---"] * 5]
    for case, description in CASES:
        for framing in framings:
            decoder = scores.get((f"decoder{case}", framing))
            deserializer = scores.get((f"deserializer{case}", framing))
            if not decoder or not deserializer:
                continue
            rows.append([description, framing, f"{decoder[0]:,.0f} ± {decoder[1]:,.0f}",
                         f"{deserializer[0]:,.0f} ± {deserializer[1]:,.0f}", f"{decoder[0] / deserializer[0]:.2f}"])
    print("\n".join("| " + " | ".join(row) + " |" for row in rows))


if __name__ == "__main__":
    main()
