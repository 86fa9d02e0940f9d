"""Regenerate screenshots/*.svg from the real app: `.venv/bin/python scripts/screenshots.py`.

The same scenarios as the snapshot tests (tests/scenarios.py): the bundled demo, a fixed date,
the dark theme, at 80x24 (what a workshop projector shows) and 120x40.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from scenarios import SCENARIOS, SIZES, prepare  # noqa: E402


async def shoot(name: str, size: str, out: Path) -> None:
    make, run_before = SCENARIOS[name]
    app = make()
    async with app.run_test(size=SIZES[size]) as pilot:
        await run_before(pilot)
        await pilot.pause()
        svg = app.export_screenshot(title=f"aicharter: {name}")
    (out / f"{name}-{size}.svg").write_text(svg, encoding="utf-8")


def main() -> None:
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name in SCENARIOS:
            for size in SIZES:
                prepare(Path(tmp) / f"{name}-{size}")
                os.environ["AICHARTER_DATA_DIR"] = str(Path(tmp) / f"{name}-{size}")
                os.environ["AICHARTER_CONFIG_DIR"] = str(Path(tmp) / "config")
                asyncio.run(shoot(name, size, out))
                print(f"screenshots/{name}-{size}.svg")


if __name__ == "__main__":
    main()
