"""Every image the stack pulls is pinned by digest, or listed with its reason in
deploy/unpinned-images.yml until it can be (scripts/image_pins.py; README.md, "Image
digests")."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO_ROOT

DIGEST = "sha256:" + "0123456789abcdef" * 4


def load_script() -> ModuleType:
    path = REPO_ROOT / "scripts" / "image_pins.py"
    spec = importlib.util.spec_from_file_location("image_pins", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


pins = load_script()


def test_every_image_is_pinned_or_listed_and_the_list_is_not_stale(
    capsys: pytest.CaptureFixture[str],
) -> None:
    uses = pins.all_images()
    where = {use.where for use in uses}
    # The compose services that pull an image, and both Dockerfiles' bases.
    assert {"docker-compose.yml: postgres", "docker-compose.yml: nginx"} <= where
    assert {"docker-compose.yml: oauth2-proxy", "deploy/rasa.Dockerfile"} <= where
    assert "docker-compose.yml: rasa" not in where  # built here, not pulled
    assert pins.problems(uses, pins.unpinned_list()) == []
    assert pins.main([]) == 0
    # The check names every image that still has no digest.
    printed = capsys.readouterr().out
    for use in uses:
        assert use.image in printed
        assert ("NOT PINNED" in printed.split(use.image, 1)[1].splitlines()[0]) != use.pinned


@pytest.mark.parametrize(
    ("image", "pinned"),
    [
        (f"nginx:1.27@{DIGEST}", True),
        (f"quay.io/oauth2-proxy/oauth2-proxy:v7.15.2@{DIGEST}", True),
        (f"registry.example.se:5000/team/app:1.0@{DIGEST}", True),
        ("nginx:1.27", False),
        (f"nginx@{DIGEST}", False),  # a digest without its tag says nothing to a reader
        ("nginx:1.27@sha256:abc", False),
        (f"nginx:1.27@{DIGEST.upper()}", False),
        ("nginx", False),
    ],
)
def test_what_counts_as_pinned(image: str, pinned: bool) -> None:
    assert pins.ImageUse(image, "x").pinned is pinned


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_an_unlisted_unpinned_image_and_a_stale_entry_are_both_reported(tmp_path: Path) -> None:
    compose = write(
        tmp_path / "docker-compose.yml",
        "services:\n"
        "  db: {image: 'postgres:15'}\n"
        f"  web: {{image: 'nginx:1.27@{DIGEST}'}}\n"
        "  app: {build: ., image: 'local/app:dev'}\n",
    )
    dockerfile = write(
        tmp_path / "app.Dockerfile",
        "FROM --platform=linux/amd64 python:3.10-slim AS build\nFROM build\nFROM redis:7\n",
    )
    uses = pins.compose_images(compose) + pins.dockerfile_images([dockerfile])
    assert [use.image for use in uses] == [
        "postgres:15",
        f"nginx:1.27@{DIGEST}",
        "python:3.10-slim",
        "redis:7",
    ]
    listed = {"python:3.10-slim": "reason", "redis:7": "reason", "nginx:1.27": "reason"}
    assert pins.problems(uses, listed) == [
        "docker-compose.yml: db: postgres:15 is neither pinned by digest nor in "
        "unpinned-images.yml",
        "unpinned-images.yml: nginx:1.27 is pinned or no longer used; remove it",
    ]


def test_an_entry_without_a_reason_is_refused(tmp_path: Path) -> None:
    listing = write(tmp_path / "unpinned.yml", "unpinned:\n  - image: nginx:1.27\n")
    with pytest.raises(ValueError, match="reason"):
        pins.unpinned_list(listing)


def test_strict_fails_while_any_image_is_unpinned() -> None:
    unpinned = [use for use in pins.all_images() if not use.pinned]
    assert (pins.main(["--strict"]) == 1) == bool(unpinned)
