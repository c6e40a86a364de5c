"""What a lesson lets you click, drag and answer: timers (timer.py kernel-side, clock.py
browser-side), the self-check quiz and the session form."""
