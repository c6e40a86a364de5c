"""Lesson 07's review widgets (placeholder while the front end is written)."""
from pathlib import Path
STATIC = Path(__file__).resolve().parent / "static"
