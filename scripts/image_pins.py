"""Which container images are not pinned by digest (docker-compose.yml, deploy/*.Dockerfile).

A tag (nginx:1.27, rasa/rasa:3.6.21-full) can be moved to another image at any time; only
`name:tag@sha256:<digest>` names one image for good. Every image the stack pulls must be
pinned so, or be listed, with the reason, in deploy/unpinned-images.yml until it is.

    python scripts/image_pins.py            # lists them; exit 1 on an image neither pinned
                                            # nor listed, or a listed one no longer needed
    python scripts/image_pins.py --strict   # exit 1 while any image is unpinned (CI, later)

How to find a digest where a registry can be reached is in README.md, "Image digests".
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = REPO_ROOT / "docker-compose.yml"
DOCKERFILES = sorted((REPO_ROOT / "deploy").glob("*.Dockerfile"))
UNPINNED_LIST = REPO_ROOT / "deploy" / "unpinned-images.yml"
# name:tag@sha256:<64 hex>; a name may start with a registry and its port (host:5000/…).
PINNED = re.compile(r"[^\s@:]+(?::\d+/[^\s@:]+)?:\w[\w.-]*@sha256:[0-9a-f]{64}")


@dataclass(frozen=True)
class ImageUse:
    image: str  # as written: name:tag or name:tag@sha256:…
    where: str  # "docker-compose.yml: nginx", "deploy/rasa.Dockerfile"

    @property
    def pinned(self) -> bool:
        return PINNED.fullmatch(self.image) is not None

    @property
    def tag(self) -> str:
        return self.image.split("@", 1)[0]


def compose_images(path: Path = COMPOSE_FILE) -> list[ImageUse]:
    """Images compose pulls: those of services that are not built here."""
    services = yaml.safe_load(path.read_text(encoding="utf-8")).get("services") or {}
    return [
        ImageUse(str(service["image"]), f"{path.name}: {name}")
        for name, service in services.items()
        if service.get("image") and not service.get("build")
    ]


def dockerfile_images(paths: Sequence[Path] = DOCKERFILES) -> list[ImageUse]:
    """The base image of every FROM line (not a stage named earlier in the same file)."""
    uses = []
    for path in paths:
        stages: set[str] = set()
        for line in path.read_text(encoding="utf-8").splitlines():
            words = line.split()
            if len(words) < 2 or words[0].upper() != "FROM":
                continue
            image = next(w for w in words[1:] if not w.startswith("--"))
            if image not in stages:
                uses.append(ImageUse(image, f"deploy/{path.name}"))
            if len(words) >= 4 and words[-2].upper() == "AS":
                stages.add(words[-1])
    return uses


def all_images() -> list[ImageUse]:
    return compose_images() + dockerfile_images()


def unpinned_list(path: Path = UNPINNED_LIST) -> dict[str, str]:
    """image (name:tag) -> why it has no digest yet; an entry without a reason is refused."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    listed: dict[str, str] = {}
    for entry in data.get("unpinned") or []:
        image, reason = str(entry.get("image", "")), str(entry.get("reason") or "").strip()
        if not image or not reason:
            raise ValueError(f"{path.name}: every entry needs an image and a reason: {entry}")
        listed[image] = reason
    return listed


def problems(uses: Sequence[ImageUse], listed: dict[str, str]) -> list[str]:
    """What the list and the files disagree on: unlisted unpinned images, stale entries."""
    found = [
        f"{use.where}: {use.image} is neither pinned by digest nor in {UNPINNED_LIST.name}"
        for use in uses
        if not use.pinned and use.tag not in listed
    ]
    unpinned_tags = {use.tag for use in uses if not use.pinned}
    found += [
        f"{UNPINNED_LIST.name}: {image} is pinned or no longer used; remove it"
        for image in listed
        if image not in unpinned_tags
    ]
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="fail while any is unpinned")
    args = parser.parse_args(argv)
    uses, listed = all_images(), unpinned_list()
    for use in uses:
        state = "pinned" if use.pinned else f"NOT PINNED ({listed.get(use.tag, 'not listed')})"
        print(f"{use.where}: {use.image}: {state}")
    found = problems(uses, listed)
    for problem in found:
        print(problem, file=sys.stderr)
    unpinned = [use for use in uses if not use.pinned]
    if args.strict and unpinned:
        print(f"{len(unpinned)} image(s) not pinned by digest.", file=sys.stderr)
        return 1
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
