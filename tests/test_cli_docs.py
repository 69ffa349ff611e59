"""Every command documents itself with an example; the README mentions every command (sqlite-utils idea)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from actorgraph.cli import cli

COMMANDS = sorted(cli.commands)


def test_top_level_help_has_example() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_help_has_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    assert f"actorgraph {name}" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_readme_mentions_every_command(name: str, repo_root: Path) -> None:
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    assert f"actorgraph {name}" in readme


def test_usage_error_exits_2() -> None:
    result = CliRunner().invoke(cli, ["no-such-command"])
    assert result.exit_code == 2


def test_commands_are_click_commands() -> None:
    assert all(isinstance(cmd, click.Command) for cmd in cli.commands.values())
