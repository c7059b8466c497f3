# The two commands a new reader needs: `make book` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard book/*.ipynb))
# The book, then the whole course as one zip inside it (the landing page links to it).
JB_BUILD := $(BIN)/jupyter-book build . --warningiserror --keep-going \
	&& $(BIN)/python scripts/course_zip.py _build/html/mlp-course.zip
# Tests and notebooks run in parallel, one worker (and kernel) per CPU; JOBS=N overrides,
# JOBS=1 runs everything one at a time, in-process (pytest-xdist's -n 0).
JOBS ?=
XDIST := -n $(if $(filter 1,$(JOBS)),0,$(or $(JOBS),auto))
EXECUTE := $(BIN)/python scripts/execute_notebooks.py $(if $(JOBS),--jobs $(JOBS))
# One BLAS thread: faster for the book's small matrices, and the same floating-point summation
# order on every machine, so stored outputs re-execute byte for byte whatever the core count.
export OPENBLAS_NUM_THREADS := 1
export OMP_NUM_THREADS := 1
export MKL_NUM_THREADS := 1

.PHONY: help setup book test lint unit nbval build-strict notebooks check-reproducible ci \
	ci-stages lab notebook check-lab check-site benchmark clean

help:
	@echo "make book                HTML book in _build/html (sets up .venv first)"
	@echo "make test                every test: lint, unit, nbval on every notebook, strict build"
	@echo "make lint                ruff check and ruff format --check (code and notebooks)"
	@echo "make unit                the unit tests (tests/), in parallel"
	@echo "make nbval               re-run every notebook, compare with its stored outputs"
	@echo "make build-strict        build the book from scratch; any warning fails"
	@echo "make notebooks           re-execute every notebook in place (byte-reproducible)"
	@echo "make check-reproducible  fail if re-executing a notebook would change it"
	@echo "make ci                  what .ci/run runs: test, check-reproducible, check-site"
	@echo "make lab                 JupyterLab on the book's notebooks"
	@echo "make notebook            Jupyter Notebook 7 (the classic-style interface) on them"
	@echo "make check-lab           run every chapter in JupyterLab in headless Chromium"
	@echo "make check-site          open every built page in headless Chromium and check it"
	@echo "make benchmark           mlp_lib vs scikit-learn training time"
	@echo "JOBS=N (e.g. make test JOBS=1): tests and notebooks N at a time (default: per CPU)"

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml vendor/jupyter/jupyter_config.json
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed, found " + sys.version.split()[0]'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	mkdir -p $(VENV)/etc/jupyter
	cp vendor/jupyter/jupyter_config.json $(VENV)/etc/jupyter/
	touch $(STAMP)

book: $(STAMP)
	$(JB_BUILD)
	@echo "Book built: open $(CURDIR)/_build/html/index.html"

# lint first: style problems show in seconds, before the minutes of notebooks.
test: lint unit nbval build-strict

# Both ruff commands run, so that one go shows every problem.
lint: $(STAMP)
	$(BIN)/ruff check . || status=1; $(BIN)/ruff format --check . || status=1; exit $${status:-0}

# --dist loadfile: a test file's module-scoped fixtures (the site check's browser) are set
# up once, not once per worker.
unit: $(STAMP)
	$(BIN)/python -m pytest $(XDIST) --dist loadfile

# --dist loadfile: all cells of a notebook go to one worker, in order, in one kernel.
nbval: $(STAMP)
	$(BIN)/python -m pytest --nbval --nbval-current-env $(XDIST) --dist loadfile \
		-p no:cacheprovider -o filterwarnings= -o testpaths= book

build-strict: $(STAMP)
	rm -rf _build/html _build/.doctrees
	$(JB_BUILD)

notebooks: $(STAMP)
	$(EXECUTE)

check-reproducible: $(STAMP)
	$(EXECUTE) --check

# CI: the stages of `make test`, then check-reproducible (every notebook re-executed and
# compared byte for byte, PNGs and widget state included, which nbval does not compare)
# and the site. .ci/run runs them one by one (ci-stages) to time each.
CI_STAGES := lint unit nbval build-strict check-reproducible check-site check-lab
ci: $(CI_STAGES)

ci-stages:
	@echo $(CI_STAGES)

# Jupyter refuses to run as root unless told to (root is common in containers).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
lab: $(STAMP)
	$(BIN)/jupyter lab book $(ALLOW_ROOT)

notebook: $(STAMP)
	$(BIN)/jupyter notebook book $(ALLOW_ROOT)

# Every chapter in a real JupyterLab (on a copy of book/), driven by headless Chromium:
# Run All, no error, MyST rendered, sliders redraw, solutions hidden, an exercise answered.
check-lab: $(STAMP)
	$(BIN)/python scripts/check_lab.py

check-site: $(STAMP)
	test -f _build/html/index.html || $(JB_BUILD)
	$(BIN)/python scripts/check_site.py _build/html

benchmark: $(STAMP)
	$(BIN)/python scripts/benchmark.py

clean:
	rm -rf _build
