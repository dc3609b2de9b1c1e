"""Accessibility without Textual: the plain, linear reader (`ketatui read`), lesson text as
plain words, and read-aloud through the system's speech (see docs/accessibility.md)."""
