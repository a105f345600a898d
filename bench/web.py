#!/usr/bin/env python3
"""Benchmark the web edition against the PDF batch measured in the same run, and print ratios.

usage: python3 bench/web.py [--briefs N] [--runs N]

1. The web pages of a batch of N briefs (`mujaz build --format html`, one process) against
   the PDFs of the same batch (`mujaz build`, one process). Target: at most 0.05.
2. `mujaz site` over the same briefs (PDFs, pages, index and feed) against the PDF batch
   alone. Target: at most 1.1.
3. What a reader downloads: the seed brief's page (target: under 100 KB), the stylesheet,
   and the fonts as WOFF2 against the TrueType files they are made from (target: half or
   less).

Every run is forced (`--force`), so nothing is skipped as unchanged; the three commands
are run in turn, so a change in the machine's load weighs on all alike, and medians are
reported. Needs: cargo. Builds mujaz in release mode.
"""
import argparse
import re
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ROOT, SEED, machine, make_batch, release_build, run, timed  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--briefs", type=int, default=200, help="briefs in the batch")
    parser.add_argument("--runs", type=int, default=5, help="repetitions of each batch timing")
    args = parser.parse_args()

    mujaz = release_build()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        briefs = tmp / "briefs"
        make_batch(briefs, args.briefs)
        commands = {
            "pdf": [mujaz, "build", "--force", str(briefs), "-o", str(tmp / "pdf")],
            "html": [mujaz, "build", "--force", "--format", "html", str(briefs), "-o", str(tmp / "html")],
            "site": [mujaz, "site", "--force", str(briefs), "-o", str(tmp / "site")],
        }
        for command in commands.values():
            timed(command)  # once each, to warm the disk cache and make the folders
        times = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(timed(command))
        median = {name: statistics.median(values) for name, values in times.items()}

        seed_folder = tmp / "seed"
        run([mujaz, "build", "--format", "html", str(SEED), "-o", str(seed_folder / "seed.html")])
        page = (seed_folder / "seed.html").stat().st_size
        assets = seed_folder / "mujaz-assets"
        css = sum(p.stat().st_size for p in assets.glob("*.css"))
        woff2 = {p.name: p.stat().st_size for p in (assets / "fonts").glob("*.woff2")}
    # Each face's TrueType file in fonts/, by family and weight (and italic).
    styles = {"400": "Regular", "500": "Medium", "700": "Bold", "400i": "Italic", "700i": "BoldItalic"}
    truetype = {}
    for name in woff2:
        family, style = re.match(r"(.+)-(\d+i?)\.[0-9a-f]+\.woff2$", name).groups()
        file = next((ROOT / "fonts").rglob(f"{family.replace('-', '')}-{styles[style]}.ttf"), None)
        truetype[name] = file.stat().st_size if file else None

    print(f"machine: {machine()}")
    print(f"mujaz {run([mujaz, '--version']).stdout.split()[-1]} (release build), {args.briefs} briefs, "
          f"median of {args.runs} forced runs each")
    print(f"PDF batch (mujaz build):              {median['pdf']:7.2f} s")
    print(f"web pages (mujaz build --format html): {median['html']:6.2f} s   "
          f"ratio {median['html'] / median['pdf']:.3f} (target <= 0.05)")
    print(f"site (mujaz site: PDFs, pages, index, feed): {median['site']:.2f} s   "
          f"ratio {median['site'] / median['pdf']:.3f} (target <= 1.1)")
    print(f"seed page: {page / 1000:.1f} kB HTML (target < 100 kB), "
          f"stylesheet {css / 1000:.1f} kB")
    total_woff2 = sum(woff2.values())
    total_ttf = sum(size for size in truetype.values() if size)
    print(f"fonts: {len(woff2)} WOFF2 faces, {total_woff2 / 1000:.0f} kB, against {total_ttf / 1000:.0f} kB "
          f"of TrueType: ratio {total_woff2 / total_ttf:.2f} (target <= 0.5)")
    for name, size in sorted(woff2.items()):
        source = truetype[name]
        against = f" of {source / 1000:.0f} kB ({size / source:.2f})" if source else ""
        print(f"  {name}: {size / 1000:.0f} kB{against}")


if __name__ == "__main__":
    main()
