# Quick start: `make site` builds site/, `make test` runs every test. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: site serve check test bench lint fmt goldens zip clean

NODE_STAMP := node_modules/.installed

# Test-only browser tools from npm (axe-core, @apache-annotator/dom), pinned by package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# The pinned requirements, then the engine itself as an editable install (code changes need no reinstall).
$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# Where PYTHONDONTWRITEBYTECODE is set (as on our machines), Python would compile the engine from source on every run
# (about 35 ms of each build); pip byte-compiles installed packages, and this does the same for ours.
# Only changed modules are recompiled; __pycache__/ is ignored by git.
BYTECODE := $(BIN)/python -m compileall -q scripts/annotated_reading

## site: build site/ (strict); a failed build leaves the previous site/ untouched
site: $(STAMP)
	@$(BYTECODE)
	rm -rf site.new
	$(BIN)/mkdocs build --strict --quiet -d site.new || { rm -rf site.new; exit 1; }
	rm -rf site.old && { [ ! -d site ] || mv site site.old; } && mv site.new site && rm -rf site.old
	@echo "Built site/ — open site/index.html"

## serve: live preview at http://127.0.0.1:8000, rebuilt when annotations change
serve: $(STAMP)
	@$(BYTECODE)
	$(BIN)/mkdocs serve --livereload

## check: validate articles and annotations, listing every problem
check: $(STAMP)
	@$(BYTECODE)
	@$(BIN)/python -m annotated_reading check

## test: lint, then every test (unit, golden, property, build, browser)
test: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/python -m pytest

## goldens: regenerate golden files after an intended change (review the diff!)
goldens: $(STAMP)
	$(BIN)/python -m pytest tests/test_golden.py --update-goldens -q

## bench: measure engine, build, serve and page-weight figures; prints a table, writes benchmarks/latest.*
bench: $(STAMP)
	$(BIN)/python scripts/bench.py --readme README.md

lint: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

## zip: the built site as one archive for offline reading (sorted entries, times from SOURCE_DATE_EPOCH)
zip: site
	$(BIN)/python scripts/tools/make_zip.py site annotated-reading.zip

clean:
	rm -rf site site.new site.old $(VENV) node_modules .pytest_cache .ruff_cache
