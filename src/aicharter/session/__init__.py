"""An open assessment: every change goes through a :class:`Session`, is saved at once and is
announced to the front end (``change``: what a change is about; ``saving``: the file)."""

from aicharter.session.change import EVERYTHING, ORGANISATION, Change, Owner, Scope
from aicharter.session.saving import SavedFile, SaveState
from aicharter.session.session import STATUSES, Session

__all__ = [
    "EVERYTHING",
    "ORGANISATION",
    "STATUSES",
    "Change",
    "Owner",
    "SaveState",
    "SavedFile",
    "Scope",
    "Session",
]
