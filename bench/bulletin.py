#!/usr/bin/env python3
"""Benchmark a bulletin against baselines measured in the same run, and print ratios.

usage: python3 bench/bulletin.py [--briefs N] [--runs N] [--edits N]

1. A bulletin of N briefs (the two samples alternately, each with its own text, as in
   bench/run.py's batch), built cold (`mujaz build --force`, a new process each time),
   against N separate cold `mujaz build` processes of the same briefs. Target: at most 0.4.
2. The bulletin build's peak memory, as the kernel counted it for the process. Target: under
   400 MB.
3. `mujaz watch` on the bulletin: the time from saving a one-word edit in one of its briefs
   (written as an editor does, a new file renamed over the old one) to the new PDF on disk,
   against the bulletin's cold build. Target: at most 0.3.

Needs: cargo. Builds mujaz in release mode.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import make_batch, machine, release_build, run  # noqa: E402
from watch import save, wait_for_change  # noqa: E402


def cold_bulletin(mujaz, bulletin, out):
    """One cold build of the bulletin: seconds, peak resident memory in KiB, and its pages."""
    start = time.perf_counter()
    process = subprocess.Popen([mujaz, "build", "--force", str(bulletin), "-o", str(out)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    took = time.perf_counter() - start
    said = process.stderr.read().decode()
    if status != 0:
        raise SystemExit(f"the bulletin build failed: {said}")
    pages = re.search(r"\((\d+) pages\)", said)
    return took, usage.ru_maxrss, pages.group(1) if pages else "?"


def separate_builds(mujaz, briefs, out):
    """Each brief built by a cold process of its own, one after the other: seconds in all."""
    start = time.perf_counter()
    for brief in briefs:
        run([mujaz, "build", "--force", str(brief), "-o", str(out / (brief.stem + ".pdf"))])
    return time.perf_counter() - start


def watch_latencies(mujaz, bulletin, brief, edits):
    """Seconds from saving a one-word edit in `brief` to the bulletin's new PDF on disk."""
    pdf = bulletin.with_suffix(".pdf")
    watcher = subprocess.Popen([mujaz, "watch", str(bulletin)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        current = wait_for_change(pdf, None)
        original = brief.read_text(encoding="utf-8")
        # One word of the news item's dateline, changed and changed back in turn.
        edited = original.replace('dateline = "Cairo"', 'dateline = "Aswan"', 1)
        if edited == original:
            raise SystemExit(f"{brief} has no Cairo dateline to edit")
        latencies = []
        for n in range(edits):
            text = edited if n % 2 == 0 else original
            # Saves a moment apart, as an editor makes them.
            time.sleep(0.3)
            start = time.perf_counter()
            save(brief, text)
            current = wait_for_change(pdf, current)
            latencies.append(time.perf_counter() - start)
        return latencies
    finally:
        watcher.terminate()
        watcher.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--briefs", type=int, default=30, help="briefs in the bulletin")
    parser.add_argument("--runs", type=int, default=5, help="repetitions of each cold timing")
    parser.add_argument("--edits", type=int, default=10, help="one-word edits saved during the watch")
    args = parser.parse_args()

    mujaz = release_build()

    with tempfile.TemporaryDirectory(prefix="mujaz-bulletin-bench-") as tmp:
        tmp = Path(tmp)
        folder = tmp / "briefs"
        make_batch(folder, args.briefs)
        briefs = sorted(folder.iterdir())
        bulletin = tmp / "bulletin.toml"
        bulletin.write_text(
            '[bulletin]\ntitle = "النشرة الأسبوعية"\nnumber = 7\ndate = 2025-09-21\nbriefs = ["briefs"]\n',
            encoding="utf-8",
        )
        # Warm the disk cache once for each; then the two in turn, so that a change in the
        # machine's load weighs on both alike.
        cold_bulletin(mujaz, bulletin, tmp / "warm.pdf")
        separate_builds(mujaz, briefs[:2], tmp / "warm")
        bulletin_times, separate_times, peaks = [], [], []
        for _ in range(args.runs):
            took, peak, page_count = cold_bulletin(mujaz, bulletin, tmp / "cold.pdf")
            bulletin_times.append(took)
            peaks.append(peak)
            separate_times.append(separate_builds(mujaz, briefs, tmp / "separate"))
        cold = statistics.median(bulletin_times)
        separate = statistics.median(separate_times)
        # The middle brief of the bulletin, edited during the watch.
        latencies = watch_latencies(mujaz, bulletin, briefs[len(briefs) // 2], args.edits)

    watch = statistics.median(latencies)
    print(f"machine: {machine()}")
    print(f"mujaz {run([mujaz, '--version']).stdout.split()[-1]} (release build)")
    print()
    print(f"1. a bulletin of {args.briefs} briefs ({page_count} pages), median of {args.runs} cold runs")
    print(f"   mujaz build of the bulletin      {cold * 1000:8.0f} ms")
    print(f"   {args.briefs} separate cold builds       {separate * 1000:8.0f} ms")
    print(f"   ratio bulletin / separate: {cold / separate:.2f}   (target ≤ 0.40)")
    print(f"2. peak memory of the bulletin build: {max(peaks) / 1024:.0f} MB   (target < 400 MB)")
    print(f"3. watch: one-word edit in one brief → new bulletin PDF on disk, {args.edits} edits")
    print(f"   median {watch * 1000:6.0f} ms, worst {max(latencies) * 1000:6.0f} ms")
    print(f"   ratio watch / cold bulletin build: {watch / cold:.2f}   (target ≤ 0.30)")


if __name__ == "__main__":
    main()
