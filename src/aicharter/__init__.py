"""aicharter: the CoESS Charter on the ethical and responsible use of AI, read against the EU AI
Act, as an offline terminal walk-through."""

__version__ = "0.1.0"
