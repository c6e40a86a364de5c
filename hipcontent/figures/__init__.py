"""Matplotlib drawings: anatomy diagrams, function curves, test positions, exercise
positions, palettes and the projector style. Each function returns a Figure."""
