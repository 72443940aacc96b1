"""The lock files pin, with hashes, every dependency pyproject.toml declares.

A dependency added to pyproject.toml without running ``requirements/lock.sh`` would
install unpinned (or, under pip's hash checking, not at all): these tests catch it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

LOCKS = ROOT / "requirements"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def _pins(path: Path) -> dict[str, str]:
    """Package name (canonical) -> pinned version, checking that each pin has a hash."""
    pins: dict[str, str] = {}
    text = path.read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    for block in blocks:
        match = PIN.match(block)
        if match is None:
            continue
        name = canonicalize_name(match.group(1))
        assert "--hash=sha256:" in block, f"{path.name}: {name} is pinned without a hash"
        pins[name] = match.group(2)
    assert pins, f"{path.name}: no pins"
    return pins


def _declared(*extras: str) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [Requirement(spec) for spec in project["dependencies"]]
    for extra in extras:
        declared += [Requirement(spec) for spec in project["optional-dependencies"][extra]]
    return declared


@pytest.mark.parametrize(
    ("lock", "extras"),
    [
        ("all.txt", ("local", "dev", "ray")),
        ("dev.txt", ("dev",)),
        ("local.txt", ("local",)),
    ],
)
def test_every_declared_dependency_is_pinned_within_its_range(
    lock: str, extras: tuple[str, ...]
) -> None:
    pins = _pins(LOCKS / lock)
    for requirement in _declared(*extras):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{lock}: {name} is declared but not locked; run requirements/lock.sh"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{lock}: {name}=={pins[name]} is outside {requirement.specifier}; "
            "run requirements/lock.sh"
        )


@pytest.mark.parametrize("lock", ["dev.txt", "local.txt"])
def test_a_package_has_one_version_in_every_lock(lock: str) -> None:
    everything = _pins(LOCKS / "all.txt")
    for name, version in _pins(LOCKS / lock).items():
        assert everything.get(name) == version, f"{lock}: {name}=={version} differs from all.txt"


@pytest.mark.parametrize("lock", ["dev.txt", "local.txt"])
def test_ray_stays_out_of_the_default_and_test_installs(lock: str) -> None:
    assert "ray" not in _pins(LOCKS / lock), f"{lock}: ray belongs to the ray extra (all.txt) only"
