"""The rules: the engine (facts, obligations, notices), the evaluation of an assessment, the
plan, the dates, and the checklist's validation (which explores answers with the engine)."""
