"""The checklist's schema and its declarative conditions: the content a person edits."""
