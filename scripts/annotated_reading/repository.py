"""Where the project's files are kept online, for the pages' "Edit this entry" and "Report a problem" links.

Configured once, from the environment: `REPO_URL` (and `REPO_BRANCH`) if set; on GitHub's runners, the repository
the workflow runs for; else the git remote `origin` when it is an https address. Unknown: the links are left out.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlencode

import msgspec

_HOSTED = re.compile(r"^(https://[^/\s]+/[^/\s]+/[^/\s]+?)(?:\.git)?/?$")


class Repository(msgspec.Struct, frozen=True):
    """A hosted repository (GitHub's address forms) and the branch the site is built from."""

    url: str
    """https://host/owner/name, without a trailing slash."""
    branch: str = "main"

    def edit(self, path: str) -> str:
        """The host's editor for a file of the project (`annotations/groups/jnim.yml`)."""
        return f"{self.url}/edit/{self.branch}/{path}"

    def report(self, ref: str, label: str, page: str) -> str:
        """A new issue from the correction form, naming the entry and the page it was reported from."""
        query = {"template": "correction.yml", "title": f"Correction: {label}", "entry": ref, "page": page}
        return f"{self.url}/issues/new?{urlencode(query)}"


def find_repository(root: Path, env: Mapping[str, str]) -> Repository | None:
    """The project's repository, from `REPO_URL`, GitHub's runner environment or the `origin` remote; or None."""
    branch = env.get("REPO_BRANCH") or env.get("GITHUB_BASE_REF") or env.get("GITHUB_REF_NAME") or "main"
    for candidate in (
        env.get("REPO_URL", ""),
        f"{env['GITHUB_SERVER_URL']}/{env['GITHUB_REPOSITORY']}"
        if env.get("GITHUB_SERVER_URL") and env.get("GITHUB_REPOSITORY")
        else "",
    ):
        match = _HOSTED.match(candidate.strip())
        if match:
            return Repository(match.group(1), branch)
    try:
        remote = subprocess.run(
            ["git", "remote", "get-url", "origin"], cwd=root, capture_output=True, text=True, check=False, timeout=10
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = _HOSTED.match(remote)
    return Repository(match.group(1), branch) if match else None
