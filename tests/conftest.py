import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(autouse=True)
def _own_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test reads or writes the user's real folders: the cache of parsed assessments, the
    recent-files list and the demo copy, the key map. (monkeypatch undoes it after each test,
    so nothing leaks from one test to the next.)"""
    monkeypatch.setenv("AICHARTER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("AICHARTER_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.setenv("AICHARTER_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
