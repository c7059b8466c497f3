# The two commands a new reader needs: `make book` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard book/*.ipynb))
JB_BUILD := $(BIN)/jupyter-book build . --warningiserror --keep-going
# One BLAS thread: faster for the book's small matrices, and the same floating-point summation
# order on every machine, so stored outputs re-execute byte for byte whatever the core count.
export OPENBLAS_NUM_THREADS := 1
export OMP_NUM_THREADS := 1
export MKL_NUM_THREADS := 1

.PHONY: help setup book test unit nbval build-strict notebooks check-reproducible lab check-site benchmark clean

help:
	@echo "make book                HTML book in _build/html (sets up .venv first)"
	@echo "make test                every test: unit, exercises, nbval on every notebook, strict build"
	@echo "make notebooks           re-execute every notebook in place (byte-reproducible)"
	@echo "make check-reproducible  fail if re-executing a notebook would change it"
	@echo "make lab                 JupyterLab on the book's notebooks"
	@echo "make check-site          open every built page in headless Chromium and check it"
	@echo "make benchmark           mlp_lib vs scikit-learn training time"

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed, found " + sys.version.split()[0]'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

book: $(STAMP)
	$(JB_BUILD)
	@echo "Book built: open $(CURDIR)/_build/html/index.html"

test: unit nbval build-strict

unit: $(STAMP)
	$(BIN)/python -m pytest

nbval: $(STAMP)
	$(BIN)/python -m pytest --nbval --nbval-current-env \
		-p no:cacheprovider -o filterwarnings= -o testpaths= book

build-strict: $(STAMP)
	rm -rf _build/html _build/.doctrees
	$(JB_BUILD)

notebooks: $(STAMP)
	$(BIN)/python scripts/execute_notebooks.py

check-reproducible: $(STAMP)
	$(BIN)/python scripts/execute_notebooks.py --check

# Jupyter refuses to run as root unless told to (root is common in containers).
lab: $(STAMP)
	$(BIN)/jupyter lab book $(if $(filter 0,$(shell id -u)),--allow-root)

check-site: $(STAMP)
	test -f _build/html/index.html || $(JB_BUILD)
	$(BIN)/python scripts/check_site.py _build/html

benchmark: $(STAMP)
	$(BIN)/python scripts/benchmark.py

clean:
	rm -rf _build
