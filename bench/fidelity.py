#!/usr/bin/env python3
"""Copy-paste fidelity: how much of a brief's text comes back out of its PDF, in three viewer
engines, for mujaz and for two reference producers measured in the same run.

usage: python3 bench/fidelity.py [--mujaz BIN] [--keep DIR]

Rows:
  mujaz, seed        the Arabic sample brief (briefs/egypt-pakistan-2025-09.toml), default outlet
  Chromium (Skia)    the seed's paragraphs as an HTML page (dir="rtl", Amiri 12pt), print-to-PDF
  LibreOffice, HTML  the same page converted by LibreOffice Writer (soffice --convert-to pdf);
                     Writer imports HTML without pair kerning, so its glyphs sit where the font
                     puts them unkerned: not the layout mujaz or Chromium draws
  LibreOffice, kerned the seed as a flat ODT document (right-to-left paragraphs, Amiri 12pt,
                     pair kerning on, as Writer's own documents have it) converted the same way
  mujaz, English     the English sample brief (briefs/red-sea-shipping-2024.toml)

The references are laid out with mujaz's own Amiri (fonts/amiri, version 1.002), found through
a fontconfig file that lists only that folder, so that every row draws the same glyphs.

Columns: pdfium (Chrome, Edge: pypdfium2), poppler (pdftotext: Evince, Okular) and PDF.js
(Firefox: pdfjs-dist's getTextContent), each as the share of the source's words recovered,
the whole sentences recovered, and the invisible bidi controls a reader would paste along.
The counting is that of tests/fidelity.rs (and ../shared/tools/fidelity.py): text NFC-
normalised, bidi controls, zero-width space, soft hyphen and tatweel dropped, quotes and
dashes folded; a word counts once per occurrence in the source; a sentence counts when it
appears whole in the extracted text.

Needs: pypdfium2 (pip), pdftotext (poppler-utils), node with pdfjs-dist 4.10.38 (through
NODE_PATH, or target/npm as ./test.sh installs it), and for the references chromium,
soffice (libreoffice-writer-nogui); a reference whose tool is missing is reported as
skipped. Builds mujaz in release mode unless --mujaz.
"""
import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = ROOT / "tests/fixtures/seed/000_8d2327352cb9dc1c.txt"
SEED_BRIEF = ROOT / "briefs/egypt-pakistan-2025-09.toml"
ENGLISH_BRIEF = ROOT / "briefs/red-sea-shipping-2024.toml"
TOOLS = ROOT / "tests/tools"
ENGINES = ("pdfium", "poppler", "pdfjs")
ENGINE_NAMES = {"pdfium": "pdfium", "poppler": "poppler", "pdfjs": "PDF.js"}
INVISIBLE = re.compile("[\u2066-\u2069\u200e\u200f\u061c]")


def normalize(text):
    text = unicodedata.normalize("NFC", text)
    text = re.sub("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u200b\u00ad\u0640]", "", text)
    for a, b in (("“", '"'), ("”", '"'), ("«", '"'), ("»", '"'), ("–", "-"), ("—", "-")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip()


def sentences(source):
    out = []
    for line in source.split("\n"):
        line = line.strip()
        if not line or line.endswith(":"):
            continue
        for part in re.split(r"(?<=[.؟?!])\s+", line):
            part = normalize(part).rstrip(".؟?!")
            if len(part) >= 12:
                out.append(part)
    return out


def words(text):
    return [w for w in (w.strip(".,،؛:؟?!()[]\"'") for w in normalize(text).split()) if w]


def score(extracted, source):
    """(words recovered, words in the source, whole sentences recovered, sentences, controls)"""
    want = Counter(words(source))
    got = Counter(words(extracted))
    hit = sum(min(n, got[w]) for w, n in want.items())
    hay = normalize(extracted)
    wanted = sentences(source)
    whole = sum(1 for s in wanted if s in hay)
    return hit, sum(want.values()), whole, len(wanted), len(INVISIBLE.findall(extracted))


def english_source():
    """The English sample's prose as its author wrote it, without the inline markup."""
    brief = tomllib.loads(ENGLISH_BRIEF.read_text(encoding="utf-8"))
    parts = [brief["news"]["text"]]
    for point in brief["commentary"]["points"]:
        parts.append(point if isinstance(point, str) else point["text"])
    parts.append(brief["background"]["text"])
    parts += brief["questions"]["items"]
    text = "\n".join(parts)
    text = re.sub(r"\s*\[@[^\]]+\]", "", text)
    return text.replace("**", "").replace("*", "")


def node_path():
    paths = [p for p in os.environ.get("NODE_PATH", "").split(":") if p]
    return ":".join(paths + [str(ROOT / "target/npm/node_modules")])


def extract(engine, pdf):
    if engine == "pdfium":
        cmd = [sys.executable, str(TOOLS / "pdfium-text.py"), str(pdf)]
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [os.environ.get("PYTHONPATH"), str(ROOT / "target/py")])))
    elif engine == "poppler":
        cmd, env = ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], None
    else:
        cmd, env = ["node", str(TOOLS / "pdfjs-text.mjs"), str(pdf)], dict(os.environ, NODE_PATH=node_path())
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"{engine} could not read {pdf}:\n{done.stderr}")
    return done.stdout


def seed_paragraphs(tag):
    """The seed's paragraphs, each escaped and wrapped in `tag` (an opening tag's text)."""
    lines = [line for line in SEED_TEXT.read_text(encoding="utf-8").split("\n") if line.strip()]
    close = "</" + tag.split()[0] + ">"
    return "\n".join(f"<{tag}>{html.escape(line)}{close}" for line in lines)


def reference_page(folder):
    body = seed_paragraphs("p")
    page = folder / "seed.html"
    page.write_text(
        '<!DOCTYPE html>\n<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>seed</title>\n'
        "<style>body { font-family: Amiri; font-size: 12pt; }</style></head>\n"
        f"<body>\n{body}\n</body></html>\n",
        encoding="utf-8",
    )
    return page


def reference_env(folder):
    """The environment for a reference producer: fontconfig sees only mujaz's Amiri."""
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{html.escape(str(ROOT / 'fonts/amiri'))}</dir>\n"
        f"  <cachedir>{html.escape(str(folder / 'fontconfig-cache'))}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return dict(os.environ, FONTCONFIG_FILE=str(conf))


def reference_document(folder):
    """The seed as a flat ODT: right-to-left paragraphs in Amiri 12pt with pair kerning."""
    body = seed_paragraphs('text:p text:style-name="P1"')
    doc = folder / "seed-kerned.fodt"
    doc.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
        'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
        'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">\n'
        '<office:font-face-decls><style:font-face style:name="Amiri" svg:font-family="Amiri"/>'
        "</office:font-face-decls>\n"
        '<office:automatic-styles><style:style style:name="P1" style:family="paragraph">'
        '<style:paragraph-properties style:writing-mode="rl-tb"/>'
        '<style:text-properties style:font-name="Amiri" fo:font-size="12pt" '
        'style:font-name-complex="Amiri" style:font-size-complex="12pt" '
        'style:language-complex="ar" style:letter-kerning="true"/>'
        "</style:style></office:automatic-styles>\n"
        f"<office:body><office:text>\n{body}\n</office:text></office:body></office:document>\n",
        encoding="utf-8",
    )
    return doc


def chromium_reference(folder):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        return None, "chromium not found"
    pdf = folder / "chromium.pdf"
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", reference_page(folder).as_uri()],
        capture_output=True, check=True, env=reference_env(folder),
    )
    return pdf, None


def libreoffice(folder, source):
    soffice = shutil.which("soffice")
    if not soffice:
        return None, "soffice not found (Debian: libreoffice-writer-nogui)"
    out = folder / "libreoffice"
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
         "--convert-to", "pdf", "--outdir", str(out), str(source)],
        capture_output=True, check=True, env=reference_env(folder),
    )
    return out / (source.stem + ".pdf"), None


def libreoffice_reference(folder):
    return libreoffice(folder, reference_page(folder))


def libreoffice_kerned_reference(folder):
    return libreoffice(folder, reference_document(folder))


def mujaz_pdf(mujaz, brief, pdf):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1764547200")
    subprocess.run([mujaz, "build", "--force", str(brief), "-o", str(pdf)], check=True, capture_output=True, env=env)
    return pdf


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mujaz", help="the mujaz binary to measure (default: a release build)")
    parser.add_argument("--keep", help="write the PDFs into this folder instead of a temporary one")
    args = parser.parse_args()
    if args.mujaz:
        mujaz = args.mujaz
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from run import release_build

        mujaz = release_build()

    seed = SEED_TEXT.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        rows = [("mujaz, seed", mujaz_pdf(mujaz, SEED_BRIEF, folder / "seed.pdf"), None, seed)]
        references = (
            ("Chromium print-to-PDF, seed", chromium_reference),
            ("LibreOffice 7 from HTML (unkerned), seed", libreoffice_reference),
            ("LibreOffice 7 from ODT (kerned), seed", libreoffice_kerned_reference),
        )
        for name, make in references:
            pdf, why = make(folder)
            rows.append((name, pdf, why, seed))
        rows.append(("mujaz, English sample", mujaz_pdf(mujaz, ENGLISH_BRIEF, folder / "english.pdf"), None, english_source()))

        print("| PDF | " + " | ".join(ENGINE_NAMES[e] for e in ENGINES) + " |")
        print("| --- |" + " --- |" * len(ENGINES))
        for name, pdf, why, source in rows:
            if pdf is None:
                print(f"| {name} | skipped: {why} |")
                continue
            cells = []
            for engine in ENGINES:
                hit, total, whole, count, controls = score(extract(engine, pdf), source)
                cells.append(f"{100 * hit / total:.1f} % ({hit}/{total}), {whole}/{count} sentences, {controls} controls")
            print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
