"""Documents drawn from an assessment: the questionnaire to a system's provider and drafts of
what the duties ask for (notices, information to workers, the FRIA notification, the
AI-literacy plan, the Art. 6(4) record). One model (:mod:`.model`), two renderers
(:mod:`.render`: Markdown and self-contained, printable HTML)."""
