"""How the benchmarks print their results: one aligned table of (measure, value, note) rows."""

from __future__ import annotations


def print_table(rows: list[tuple[str, str, str]]) -> None:
    width = max(len(row[0]) for row in rows)
    value_width = max(len(row[1]) for row in rows)
    print(f"{'measure'.ljust(width)}  {'value'.rjust(value_width)}  note")
    for label, value, note in rows:
        print(f"{label.ljust(width)}  {value.rjust(value_width)}  {note}")
