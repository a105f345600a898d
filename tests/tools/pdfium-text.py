"""Prints the text pdfium (Chrome's PDF engine) extracts from a PDF, page by page, as a reader
copying all of it would get. Used by tests/fidelity.rs and bench/fidelity.py.

usage: python3 pdfium-text.py FILE.pdf   (needs pypdfium2, found through PYTHONPATH)
"""
import sys

import pypdfium2 as pdfium

document = pdfium.PdfDocument(sys.argv[1])
sys.stdout.write("\n".join(document[i].get_textpage().get_text_range() for i in range(len(document))))
