#!/usr/bin/env python3
"""Measure how soon `mujaz watch` has the new PDF on disk after a one-word edit is saved.

usage: python3 bench/watch.py [--edits N]

Starts `mujaz watch` (release build) on a copy of the seed brief, then N times changes one
word, saves the file as an editor does (write a new file, rename it over the old one), and
times until the PDF on disk has changed. Prints the median and the worst latency.
"""
import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "briefs" / "egypt-pakistan-2025-09.toml"


def save(path, text):
    temporary = path.with_suffix(".toml.swp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def wait_for_change(pdf, old, timeout=10.0):
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            data = pdf.read_bytes()
            # The PDF is renamed into place whole, so a changed file is a complete one.
            if data != old:
                return data
        except FileNotFoundError:
            pass
        time.sleep(0.001)
    raise SystemExit("the PDF did not change within 10 s")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    mujaz = ROOT / "target" / "release" / "mujaz"
    with tempfile.TemporaryDirectory(prefix="mujaz-watch-") as tmp:
        tmp = Path(tmp)
        brief = tmp / "brief.toml"
        pdf = tmp / "brief.pdf"
        text = SEED.read_text(encoding="utf-8")
        brief.write_text(text, encoding="utf-8")
        watcher = subprocess.Popen([str(mujaz), "watch", str(brief)], stderr=subprocess.PIPE, text=True)
        try:
            while not pdf.exists():
                time.sleep(0.01)
            time.sleep(0.5)
            current = pdf.read_bytes()
            latencies = []
            for n in range(args.edits):
                # One word of the news is added, then taken away again.
                edited = text.replace("القاهرة اجتماعًا", "القاهرة أمس اجتماعًا", 1) if n % 2 == 0 else text
                start = time.perf_counter()
                save(brief, edited)
                current = wait_for_change(pdf, current)
                latencies.append((time.perf_counter() - start) * 1000)
                time.sleep(0.3)
        finally:
            watcher.terminate()
            watcher.wait()
    print(f"mujaz watch, seed brief, {args.edits} one-word edits saved by rename")
    print(f"  save → new PDF on disk: median {statistics.median(latencies):.0f} ms, worst {max(latencies):.0f} ms")


if __name__ == "__main__":
    main()
