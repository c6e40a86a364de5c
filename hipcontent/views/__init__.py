"""How course objects show in a notebook: escaped HTML blocks and figures with alt text
and captions."""
