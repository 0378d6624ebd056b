# Two commands a fresh machine needs: `make run` (the app on the sample ledger), `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready

.PHONY: run test lint format sample bench clean

$(READY): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(READY)

run: $(READY)
	$(BIN)/streamlit run app.py

lint: $(READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest

format: $(READY)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

sample: $(READY)
	$(BIN)/python sample_data/make_sample.py

bench: $(READY)
	$(BIN)/python benchmarks/bench_ledger.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
