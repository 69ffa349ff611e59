"""The README stays true: its Python example runs; its sessions use only commands and options that exist."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from actorgraph.cli import cli

README = Path(__file__).resolve().parents[1] / "README.md"


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


@pytest.mark.model
def test_python_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    (code,) = _blocks("python")
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "Turkey supports Azerbaijan None" in out
    assert "Russia pressures Turkey Idlib strikes" in out


def _command_lines() -> list[list[str]]:
    lines = []
    for block in _blocks("console") + _blocks("bash"):
        for line in block.splitlines():
            line = line.removeprefix("$ ").split("|")[0].split("#")[0].strip()
            if line.startswith("actorgraph "):
                lines.append(shlex.split(line)[1:])
    return lines


@pytest.mark.parametrize("args", _command_lines(), ids=lambda a: " ".join(a)[:60])
def test_readme_commands_use_real_options(args: list[str]) -> None:
    """Every option a README command uses is one the command accepts (checked by parsing, not running)."""
    command = cli.commands[args[0]]
    ctx = command.make_context(args[0], list(args[1:]), resilient_parsing=True)
    assert ctx is not None
    result = CliRunner().invoke(cli, [args[0], "--help"])
    assert result.exit_code == 0
    for token in args[1:]:
        if token.startswith("--"):
            assert token.split("=")[0] in result.output, token
