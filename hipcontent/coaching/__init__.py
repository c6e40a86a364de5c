"""For coaches: a session plan built from the exercise library (session.py: its program, total
time and table) and the links that bring a class to the course (classroom.py)."""
