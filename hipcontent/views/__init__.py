"""How course content shows in a notebook: display.py (escaped HTML blocks, figures with alt
text), and the cards and tables of anatomy, evidence, lessons, quizzes, model numbers and timer programs."""
