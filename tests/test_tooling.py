"""Contributor tooling: schema lines for editors, the GitHub workflows, pre-commit and the pull-request template."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from annotated_reading.model.kinds import KINDS

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/{name}.schema.json"


def _annotation_files() -> list[Path]:
    return sorted(p for p in (ROOT / "annotations").glob("*/*") if p.suffix in (".yml", ".yaml"))


@pytest.mark.parametrize(
    "path",
    [*_annotation_files(), *sorted((ROOT / "articles").glob("*/article.yml"))],
    ids=lambda p: p.relative_to(ROOT).as_posix(),
)
def test_file_names_its_schema_for_editors(path: Path) -> None:
    """Every annotation file (and article.yml) starts with the yaml-language-server line for its kind's schema."""
    name = "article" if path.name == "article.yml" else path.parent.name
    expected = SCHEMA_LINE.format(name=name)
    first = path.read_text(encoding="utf-8-sig").split("\n", 1)[0].rstrip("\r")
    assert first == expected, f"{path.relative_to(ROOT)}: the first line must be\n{expected}"
    assert (path.parent / expected.split("=", 1)[1]).resolve().is_file()


def test_there_are_annotation_files() -> None:
    assert len(_annotation_files()) > 10


def _workflow(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{name} is not a mapping"
    # YAML 1.1 (PyYAML) reads the key `on` as the boolean true; GitHub reads it as the string.
    data["on"] = data.pop(True, data.get("on"))
    return data


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _uses(workflow: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {step["uses"].split("@")[0]: step for step in _steps(workflow) if "uses" in step}


def _runs(workflow: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in _steps(workflow))


def _make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z0-9-]*):", text, re.MULTILINE))


@pytest.mark.parametrize("name", ["pr.yml", "main.yml"])
def test_workflow_is_well_formed(name: str) -> None:
    """Each workflow parses; every job has steps on a runner; actions follow the pinning policy.

    The policy (.github/zizmor.yml): GitHub's own actions on a major version tag, any other on a commit.
    """
    workflow = _workflow(name)
    assert workflow["name"]
    assert workflow["on"]
    assert workflow["jobs"]
    for job_name, job in workflow["jobs"].items():
        assert job.get("runs-on"), f"{name}: job {job_name} has no runner"
        assert job.get("steps"), f"{name}: job {job_name} has no steps"
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), f"{name}: a step needs exactly one of uses/run: {step}"
            if "uses" in step:
                pin = r"actions/[\w.-]+@v\d+|[\w.-]+/[\w.-]+(/[\w.-]+)*@[0-9a-f]{40}"
                assert re.fullmatch(pin, step["uses"]), step["uses"]
    targets = _make_targets()
    for target in re.findall(r"\bmake ([a-z][a-z0-9-]*)", _runs(workflow)):
        assert target in targets, f"{name} runs `make {target}`, which the Makefile does not define"


def test_pull_request_workflow_checks_builds_and_tests() -> None:
    """On every pull request: Python 3.11, Chromium, then make check, make zip (site/ and the zip), make test."""
    workflow = _workflow("pr.yml")
    assert "pull_request" in workflow["on"]
    uses = _uses(workflow)
    assert "actions/checkout" in uses
    assert str(uses["actions/setup-python"]["with"]["python-version"]) == "3.11"
    runs = _runs(workflow)
    assert "apt-get install" in runs
    assert "chromium" in runs
    order = [runs.index(f"make {target}") for target in ("check", "zip", "test")]
    assert order == sorted(order)


def test_main_workflow_publishes_site_and_zip() -> None:
    """On pushes to main: build the site and zip, deploy site/ to Pages, keep the zip as artifact and release asset."""
    workflow = _workflow("main.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    uses = _uses({"jobs": {name: workflow["jobs"][name] for name in ("build", "deploy")}})
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "site"
    assert "actions/deploy-pages" in uses
    assert uses["actions/upload-artifact"]["with"]["path"] == "annotated-reading.zip"
    runs = _runs(workflow)
    assert "make zip" in runs  # which builds site/ first
    assert "gh release create latest annotated-reading.zip" in runs
    steps = workflow["jobs"]["build"]["steps"]
    pages = next(i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/configure-pages@"))
    build = next(i for i, step in enumerate(steps) if "make zip" in step.get("run", ""))
    assert pages < build  # the site's address is known before the build that needs it
    assert steps[build]["env"]["SITE_URL"] == f"${{{{ steps.{steps[pages]['id']}.outputs.base_url }}}}/"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert workflow["jobs"]["release"]["permissions"] == {"contents": "write"}
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}


@pytest.mark.parametrize("name", ["pr.yml", "main.yml"])
def test_workflow_grants_least_privilege(name: str) -> None:
    """No permission by default, each job its own, write access only to deploy and release.

    No checkout leaves the job's token in .git/config, where a later step or an uploaded artifact could read it.
    """
    workflow = _workflow(name)
    assert workflow["permissions"] == {}
    for job_name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{name}: job {job_name} does not say which permissions it needs"
        if job_name not in ("deploy", "release"):
            assert set(job["permissions"].values()) == {"read"}, f"{name}: job {job_name} may write"
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, f"{name}: job {job_name} keeps the token"


@pytest.mark.parametrize("name", ["pr.yml", "main.yml"])
def test_workflow_audits_the_built_site(name: str) -> None:
    """Each workflow has a job that builds the site, then runs `make audit` with Java, Node and Chromium at hand."""
    job = _workflow(name)["jobs"]["audit"]
    runs = [step.get("run", "") for step in job["steps"]]
    site = next(i for i, run in enumerate(runs) if run.strip() == "make site")
    assert runs.index("make audit") > site
    uses = _uses({"jobs": {"audit": job}})
    assert {"actions/setup-java", "actions/setup-node", "actions/setup-python"} <= set(uses)
    assert any("chromium" in run for run in runs)
    assert "audit" not in str(_workflow(name)["jobs"].get("deploy", {}).get("needs", ""))  # publishing goes ahead


def test_pre_commit_runs_make_check_on_inputs() -> None:
    """The pre-commit hook runs `make check` when annotations, articles or schemas change, and only then."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    check = hooks["make-check"]
    assert check["entry"] == "make check"
    assert check["language"] == "system"
    assert check["pass_filenames"] is False
    files = re.compile(check["files"])
    for path in ("annotations/glossary/sahel.yml", "articles/west-africa-alliance/article.txt", "schemas/x.json"):
        assert files.search(path), path
    for path in ("scripts/annotated_reading/load.py", "docs/index.md", "README.md"):
        assert not files.search(path), path
    assert "check" in _make_targets()


def test_pull_request_template_has_the_checklist() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    assert len(boxes) >= 5
    for needed in ("One entity per file", "sources", "make check", "screenshots"):
        assert any(needed in box for box in boxes), needed


def test_contributing_explains_editor_support_and_pre_commit() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "yaml-language-server" in text
    assert "pre-commit install" in text


ISSUE_FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"


def _form_fields(name: str) -> dict[str, dict[str, Any]]:
    form = yaml.safe_load((ISSUE_FORMS / name).read_text(encoding="utf-8"))
    assert form["name"]
    assert form["description"]
    assert form["body"]
    fields = [item for item in form["body"] if item["type"] != "markdown"]
    ids = [item.get("id") for item in fields]
    assert all(isinstance(i, str) and re.fullmatch(r"[a-z][a-z0-9_-]*", i) for i in ids), f"{name}: ids {ids}"
    assert len(set(ids)) == len(ids), f"{name}: an id twice"
    for item in fields:
        assert item["attributes"]["label"], f"{name}: {item['id']} has no label"
    return {item["id"]: item for item in fields}


def test_correction_form_takes_entry_and_page_from_links() -> None:
    """The ids the site's "Report a problem" links prefill exist, as text inputs, next to a required description."""
    fields = _form_fields("correction.yml")
    assert fields["entry"]["type"] == fields["page"]["type"] == "input"
    assert fields["problem"]["validations"]["required"] is True
    assert fields["source"]["type"] == "input"


def test_suggestion_form_offers_every_kind() -> None:
    """A suggestion names the phrase, one of the engine's kinds, what it should say, and a required source."""
    fields = _form_fields("suggestion.yml")
    options = fields["kind"]["attributes"]["options"]
    assert [option.split(" ", 1)[0] for option in options] == list(KINDS)
    for required in ("phrase", "kind", "text", "source"):
        assert fields[required]["validations"]["required"] is True, required


def test_contributing_documents_the_prefill_parameters() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for form in ("correction.yml", "suggestion.yml"):
        for field in _form_fields(form):
            assert f"`{field}`" in text, f"CONTRIBUTING.md does not document the parameter {field} of {form}"
    assert "?template=correction.yml&entry=groups/jnim&page=" in text
