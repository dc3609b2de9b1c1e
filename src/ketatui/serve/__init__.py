"""`ketatui serve`: the learner app or the kiosk in a browser, via textual-serve.

Imported only by `ketatui serve` (and only with the `serve` extra installed), so the
terminal app never loads aiohttp. Each browser connection gets its own app process.
"""
