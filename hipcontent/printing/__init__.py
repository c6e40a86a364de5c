"""Paper and files: exercise cards (cards.py), session handouts (handout.py), the A4 page flow
(layout.py), the one PDF writer (pdf.py), the stand-alone timer player (player.py); every file is
written through files.replacing, so a failure never destroys what was there."""
