"""Spaced review, mastery levels and knowledge gain: plain Python, no Textual.

`schedule` is the one module that imports the `fsrs` scheduler (an import-linter contract
keeps it so); `mastery` is the mastery rule; `gain` the knowledge-gain figures.
"""
