"""Matplotlib drawings, each returned as a Figure (never pyplot): anatomy views, function curves,
test and exercise positions, the session timeline, with palettes, text helpers and the projector style."""
