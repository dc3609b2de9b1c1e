"""Kiosk mode without the UI: its `kiosk.toml` config, PIN hashing and back-off, the idle
clock, anonymous statistics, the error log and signal guards. Nothing here imports Textual
(the kiosk UI is `ui.kiosk`).
"""
