"""deckgen: turn an evaluation's findings and survey scores into a branded PowerPoint deck."""

__version__ = "0.2.0"
