"""Opening a written file with the computer's own viewer (a local program on a local file:
nothing goes on the network from here)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def viewer_command(path: Path, platform: str = sys.platform) -> list[str] | None:
    """The command that opens ``path`` with the platform's default viewer, or None where no
    such program is installed (a locked-down machine may have none)."""
    if platform == "darwin":
        return ["open", str(path)]
    if platform.startswith("win"):
        return None  # os.startfile, see open_with_viewer
    opener = shutil.which("xdg-open")
    return [opener, str(path)] if opener else None


def open_with_viewer(path: Path) -> str | None:
    """Open ``path`` without waiting for the viewer; a one-paragraph problem, or None."""
    path = path.resolve()
    if not path.is_file():
        return f"{path}: the file is not there any more."
    try:
        if sys.platform.startswith("win"):
            os.startfile(path)  # type: ignore[attr-defined]  # (Windows only)
            return None
        command = viewer_command(path)
        if command is None:
            return (
                f"{path}: this computer has no program set to open files of this kind "
                "(xdg-open was not found). Open the file from your file manager."
            )
        subprocess.Popen(  # a fixed program on a local path, no shell
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # the viewer outlives the app and never reads its terminal
        )
    except OSError as error:
        return f"{path}: the viewer could not be started ({error.strerror or error})."
    return None
