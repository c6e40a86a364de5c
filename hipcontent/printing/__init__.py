"""Printable output: exercise cards as HTML and as A4 PDF pages, and the safe PDF writer."""
