"""roadmap-publisher: publish a curated road map as feeds, a changelog and emails.

Data flows one way: import -> load -> model -> diff -> render -> write / send. ARCHITECTURE.md
(at the repository root) names each module's job in one line.
"""

__version__ = "0.1.0"
