"""The outcome of the system in view, always visible and updated as answers change."""

from __future__ import annotations

from textual.widgets import Static

from aicharter.content.conditions import UNDETERMINED
from aicharter.outputs.vocabulary import TIERS, Progress, decisive_line, fria_label, tier_label
from aicharter.rules.engine import Outcome
from aicharter.tui.text import plain

TIER_CLASSES = tuple(f"-tier-{t}" for t in TIERS)


class OutcomeBar(Static):
    """Tier, role, FRIA, safeguards, what needs review and what is left; below, the basis of
    the verdict and the system's headline warning, and after a change what it moved. It
    looks the same on every screen that shows it: its colour says the tier."""

    DEFAULT_CSS = """
    OutcomeBar {
        height: auto;
        padding: 0 1;
        background: $boost;
        text-style: bold;
    }
    OutcomeBar.-tier-prohibited {
        background: $error;
        color: $text;
    }
    OutcomeBar.-tier-high {
        background: $warning 40%;
    }
    OutcomeBar.-tier-transparency {
        background: $accent 30%;
    }
    OutcomeBar.-tier-minimal, OutcomeBar.-tier-not_ai, OutcomeBar.-tier-out_of_scope {
        background: $success 25%;
    }
    """

    _line = ""

    def show_outcome(self, outcome: Outcome, progress: Progress) -> None:
        parts = [tier_label(outcome.tier, short=True)]
        if outcome.use_case_tier not in (outcome.tier, "undetermined"):
            parts[0] += f" (use case: {tier_label(outcome.use_case_tier, short=True)})"
        if outcome.ai_system is not False and outcome.tier != "prohibited":
            parts.append(
                " + ".join(outcome.roles)
                or ("role ?" if outcome.role == UNDETERMINED else "no role")
            )
            parts.append(fria_label(outcome.fria, short=True))
            if outcome.safeguards:
                n = len(outcome.safeguards)
                parts.append(f"{n} safeguard{'s' if n > 1 else ''}")
        if outcome.needs_review:
            parts.append(f"⚑ {len(outcome.needs_review)} review")
        parts.append(progress.short())
        self._line = " · ".join(parts)
        decisive = decisive_line(outcome)
        if decisive:  # the decisive point first: what the verdict rests on, what to beware of
            self._line += "\n" + decisive
        self.update(plain(self._line))
        self.remove_class(*TIER_CLASSES)
        self.add_class(f"-tier-{outcome.tier}")

    def show_text(self, text: str) -> None:
        self._line = text
        self.update(plain(text))
        self.remove_class(*TIER_CLASSES)

    def show_note(self, note: str) -> None:
        """Add ``note`` (what the last change did to the verdict) under the bar's line, until
        the bar is drawn again for the next change."""
        self.update(plain(f"{self._line}\n→ {note}"))
