// Prints the text PDF.js (Firefox's PDF engine) extracts from a PDF: each page's
// getTextContent() items joined in the order PDF.js returns them, a line break where PDF.js
// marks the end of a line. Used by tests/fidelity.rs and bench/fidelity.py.
//
// usage: node pdfjs-text.mjs FILE.pdf   (needs pdfjs-dist, found through NODE_PATH)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const entry = require.resolve("pdfjs-dist/legacy/build/pdf.mjs", {
  paths: (process.env.NODE_PATH || "").split(":").filter(Boolean),
});
const pdfjs = await import(pathToFileURL(entry).href);

const data = new Uint8Array(readFileSync(process.argv[2]));
const doc = await pdfjs.getDocument({ data, disableFontFace: true, verbosity: 0 }).promise;
let out = "";
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const content = await page.getTextContent();
  for (const item of content.items) {
    if (item.str !== undefined) out += item.str + (item.hasEOL ? "\n" : "");
  }
  out += "\n";
}
process.stdout.write(out);
