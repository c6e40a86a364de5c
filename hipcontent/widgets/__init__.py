"""Interactive widgets shown in lessons: timers and other controls."""
