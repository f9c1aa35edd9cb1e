"""factcheck: a terminal timeline and fact-check explorer."""

__version__ = "0.1.0"
