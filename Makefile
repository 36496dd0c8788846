# Quick start: `make site` builds site/, `make test` runs every test. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: site serve check test lint types bench properdocs goldens zip audit clean

NODE_STAMP := node_modules/.installed

# Test-only browser tools from npm (axe-core, @apache-annotator/dom), the audit's checkers (vnu-jar, lighthouse) and
# the map data's source, pinned by package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# The pinned requirements, then the engine itself as an editable install (code changes need no reinstall).
$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# Where PYTHONDONTWRITEBYTECODE is set (as on our machines), Python would compile the engine from source on every run;
# pip byte-compiles installed packages, and this does the same for ours. Only changed modules are recompiled.
BYTECODE := $(BIN)/python -m compileall -q scripts/annotated_reading

## site: build site/ (strict); a failed build leaves the previous site/ untouched
site: $(STAMP)
	@$(BYTECODE)
	rm -rf site.new
	$(BIN)/mkdocs build --strict --quiet -d site.new || { rm -rf site.new; exit 1; }
	rm -rf site.old && { [ ! -d site ] || mv site site.old; } && mv site.new site && rm -rf site.old
	@echo "Built site/ — open site/index.html"

## serve: live preview at http://127.0.0.1:8000, rebuilt when articles, annotations or schemas change
serve: $(STAMP)
	@$(BYTECODE)
	$(BIN)/mkdocs serve --livereload

## check: validate articles and annotations, listing every problem
check: $(STAMP)
	@$(BYTECODE)
	@$(BIN)/python -m annotated_reading check

## lint: ruff's checks and formatting; zizmor on the GitHub workflows (offline; policy in .github/zizmor.yml)
lint: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/zizmor --offline --quiet .github/workflows

## types: mypy in strict mode (pyproject.toml)
types: $(STAMP)
	$(BIN)/mypy

## test: lint, types, then every test (unit, golden, property, build, browser)
test: lint types $(NODE_STAMP)
	$(BIN)/python -m pytest

## goldens: regenerate golden files after an intended change (review the diff!)
goldens: $(STAMP)
	$(BIN)/python -m pytest tests/test_golden.py tests/site/test_stable_ids.py --update-goldens -q

## bench: the engine (pyperf), whole builds (hyperfine), serve rebuilds, page weight; writes benchmarks/latest.*
bench: $(STAMP)
	@command -v hyperfine >/dev/null || { echo "make bench needs hyperfine: apt-get install hyperfine"; exit 1; }
	$(BIN)/python scripts/bench/run_bench.py --readme README.md

## properdocs: build the same site with ProperDocs (the maintained MkDocs 1.x) in its own venv, and check it ran
PROPERDOCS := .venv-properdocs
properdocs: $(STAMP)
	$(PYTHON) -m venv $(PROPERDOCS)
	$(PROPERDOCS)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt properdocs==1.6.7
	$(PROPERDOCS)/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
	rm -rf site-properdocs
	$(PROPERDOCS)/bin/properdocs build --strict --quiet -d site-properdocs
	grep -q '<meta name="generator" content="mkdocs-ProperDocs ' site-properdocs/articles/west-africa-alliance.html
	@echo "ProperDocs built site-properdocs/ with the same mkdocs.yml and plugin"

## zip: the built site as one archive for offline reading (sorted entries, times from SOURCE_DATE_EPOCH)
zip: site
	$(BIN)/python scripts/tools/make_zip.py site annotated-reading.zip

## audit: the Nu HTML Checker on every page of site/ (fails on any error), then Lighthouse on the article, served
## gzipped (fails under its budgets; writes benchmarks/audit.md). Needs Java (17 here) and Chromium; run
## `make site` first. Not part of `make test`.
JAVA ?= java
CHROME_PATH ?= $(or $(CHROMIUM_PATH),/usr/bin/chromium)
audit: $(STAMP) $(NODE_STAMP)
	@[ -f site/index.html ] || { echo "make audit checks site/: run make site first"; exit 1; }
	$(JAVA) -jar node_modules/vnu-jar/build/dist/vnu.jar --skip-non-html --format gnu site
	@echo "Nu HTML Checker: no error in site/"
	CHROME_PATH=$(CHROME_PATH) $(BIN)/python scripts/tools/lighthouse_audit.py site

clean:
	rm -rf site site.new site.old site-properdocs $(VENV) $(PROPERDOCS) node_modules .cache .pytest_cache .ruff_cache .mypy_cache
