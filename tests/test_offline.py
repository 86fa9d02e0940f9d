"""Nothing opens a network connection: the CLI and a full TUI walk-through run with every
internet socket refused (local socket pairs, which asyncio uses internally, stay allowed)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from aicharter.cli import main
from aicharter.files import storage
from aicharter.files.paths import demo_assessment
from aicharter.tui.app import AICharterApp
from helpers import charter

NETWORK = {socket.AF_INET, socket.AF_INET6}


class Blocked(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []
    real_socket = socket.socket

    class GuardedSocket(real_socket):  # type: ignore[misc, valid-type]
        def __init__(self, family=-1, *args, **kwargs):  # type: ignore[no-untyped-def]
            if family in NETWORK or family == -1:
                attempts.append(f"socket({family})")
                raise Blocked("network socket refused")
            super().__init__(family, *args, **kwargs)

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        attempts.append(f"connect{args[:1]}")
        raise Blocked("network refused")

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_cli_commands_offline(no_network, tmp_path: Path, capsys):
    copy = tmp_path / "demo.toml"
    copy.write_bytes(demo_assessment().read_bytes())
    assert main(["validate"]) == 0
    assert main(["summary", str(copy), "--json"]) == 0
    for fmt in ("html", "md", "json"):
        assert main(["report", str(copy), "--format", fmt]) == 0
    assert no_network == []


async def test_tui_walk_through_offline(no_network, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("AICHARTER_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "a.toml"
    app = AICharterApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Cam", "ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        for key in [
            "y",
            "n",
            "n",
            "g",
            "n",
            "n",
            "n",
            "w",
            "escape",
            "escape",
            "p",
            "space",
            "escape",
            "o",  # the organisation's walk-through opens in its name's text box
            *"Northgate",
            "escape",
            "escape",
            "e",
            "ctrl+s",
        ]:
            await pilot.press(key)
            await pilot.pause()
    assert storage.read(path, charter()).systems[0].answers["infers"].value == "yes"
    assert (tmp_path / "a-report.html").exists()
    assert no_network == []


def test_the_guard_catches_a_connection(no_network):
    import urllib.request

    with pytest.raises(Exception):  # noqa: B017 - any failure will do, as long as it is logged
        urllib.request.urlopen("http://192.0.2.1/", timeout=1)
    assert no_network
