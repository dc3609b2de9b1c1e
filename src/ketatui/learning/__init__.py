"""The learner's session and lesson progress: no Textual, one code path whether or not
progress is saved (see docs/architecture.md)."""
