# Set-up and everyday commands. `make run` and `make test` create the
# virtual environment and install everything on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install run test bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "CliniQueue needs Python 3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(BIN)/.installed

run: install
	$(BIN)/cliniqueue run

test: install
	$(BIN)/python -m pytest

clean:
	rm -rf var .pytest_cache

bench: install
	$(BIN)/cliniqueue bench
