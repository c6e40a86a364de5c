"""Timer programs (the Phase list), the drift-free timer engine and its program builders,
and the cue sounds."""
