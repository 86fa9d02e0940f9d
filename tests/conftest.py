import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(autouse=True)
def _own_cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test reads or writes the user's real cache of parsed assessments."""
    monkeypatch.setenv("AICHARTER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
