"""ketatui: learn about depression, ketamine and esketamine therapy, in the terminal."""

__version__ = "0.1.0"
