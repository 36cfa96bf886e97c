"""roadmap-publisher: publish a curated road map as feeds, a changelog and emails."""

__version__ = "0.1.0"
