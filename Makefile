# Set-up and the two everyday commands. `make pdf` builds the paper, `make test`
# runs the tests; both first install what is missing (system libraries, then
# the locked Python environment in .venv). After that, `snakemake -c all`
# inside the environment (source .venv/bin/activate) is the everyday command.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.8
VENV := .venv
TOOLS := .tools

export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_COMPILE_BYTECODE := 1
export UV_PYTHON_DOWNLOADS := never

.PHONY: pdf test env system lint bench bench-tests clean check-data contact-sheet fuzz new-paper

pdf: env
	@bash tools/unlock-if-stale
	$(VENV)/bin/snakemake -c all

test: env
	$(VENV)/bin/pytest

# The fuzzer of tests/test_fuzz.py, longer than in `make test`: FUZZ examples a property.
FUZZ ?= 2000
fuzz: env
	DPAPER_FUZZ=$(FUZZ) $(VENV)/bin/pytest tests/test_fuzz.py -q

lint: env
	$(VENV)/bin/ruff check src scripts tests tools figures tables
	$(VENV)/bin/snakemake --lint

check-data: env
	$(VENV)/bin/snakemake check_data -c all --keep-going --quiet rules

# every figure of the PDF at print size, one PNG each, in build/contact-sheet/ (index.html shows them all),
# and every page at 60 dpi as the book's spreads in build/contact-sheet/pages/
contact-sheet: pdf
	$(VENV)/bin/python tools/contact_sheet.py

bench: env
	$(VENV)/bin/python tools/benchmark.py

bench-tests: env
	$(VENV)/bin/python tools/test_time.py

env: system $(VENV)/.synced

system:
	@bash tools/check-system

$(TOOLS)/bin/uv:
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# A new paper in a folder of its own, from the engine's minimal template (dpaper.new): make new-paper DIR=papers/x
new-paper: env
	@test -n "$(DIR)" || { echo "error: make new-paper: expected DIR=<the new paper's folder>, found none"; exit 2; }
	$(VENV)/bin/python -m dpaper new "$(DIR)"

# The environment is exactly uv.lock: same libraries on every machine, every year.
$(VENV)/.synced: uv.lock pyproject.toml | $(TOOLS)/bin/uv
	$(TOOLS)/bin/uv sync --frozen --python $(PYTHON)
	@touch $@

# Every edition's output folder lies in build/ (the workflow refuses any other paths.output), so this
# removes every generated file and nothing an editor wrote.
clean:
	rm -rf build .snakemake
