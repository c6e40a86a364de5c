"""For coaches: session plans (timeline, timer, handout, builder form) and class links."""
