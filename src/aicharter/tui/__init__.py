"""The Textual front end. It renders the core and sends answers to it; no rule logic here."""
