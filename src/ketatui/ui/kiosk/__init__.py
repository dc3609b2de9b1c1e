"""Kiosk mode: the lessons for patients on a shared, unattended screen.

`KioskApp` (app.py) runs welcome -> topics -> lessons with touch-sized targets, starts over
after an idle countdown, and only closes for staff with the PIN. The Textual-free policy
(PIN, idle clock, statistics, error log) lives in `ketatui.kioskcore`.
"""

from ketatui.ui.kiosk.app import KIOSK_CLASS, STAFF_KEY, KioskApp

__all__ = ["KIOSK_CLASS", "STAFF_KEY", "KioskApp"]
