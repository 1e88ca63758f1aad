# netlink developer commands. `make demo` and `make test` set everything up on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test lint format bench bench-full sample lock lab clean

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "netlink needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

setup: $(STAMP)  ## create .venv with the pinned environment and netlink in it

demo: $(STAMP)  ## analyse the bundled sample: case file and briefing in demo-output/
	$(BIN)/netlink demo --out demo-output

test: $(STAMP) lint  ## the whole test suite, as CI runs it
	$(BIN)/python -m pytest -n 2 --dist loadgroup

lint: $(STAMP)  ## formatting and lint checks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/ruff check src tests benchmarks

format: $(STAMP)  ## apply the formatter and safe lint fixes
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench: $(STAMP)  ## every benchmark at smoke size
	$(BIN)/python -m benchmarks --smoke

bench-full: $(STAMP)  ## every benchmark at full size (long; see benchmarks/README.md)
	$(BIN)/python -m benchmarks

lab: $(STAMP)  ## JupyterLab on notebooks/, localhost only, with a token
	$(BIN)/netlink lab

sample: $(STAMP)  ## regenerate data/sample from the synthetic-world generator
	$(BIN)/netlink sample data/sample

lock:  ## re-pin requirements.lock from pyproject.toml (needs uv)
	uv pip compile pyproject.toml --extra dev --python-version 3.11 \
		--python-platform x86_64-manylinux_2_28 --no-header -o requirements.lock

clean:
	rm -rf $(VENV) demo-output .pytest_cache .ruff_cache .hypothesis build src/*.egg-info
