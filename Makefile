# Tandem's two set-up commands: `make demo` and `make test`. Both need only Python 3.11+,
# make and the package registries; `make test` also uses Node.js/npm for axe-core and
# Debian's Chromium for the browser tests (.ci/run installs both).
PYTHON ?= python3
VENV := .venv
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.9
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: demo test install lint format serve clean

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

install: $(UV)
	$(UV) sync --locked --quiet

node_modules/.package-lock.json: package.json package-lock.json
	scripts/ensure-test-tools.sh
	npm ci --no-audit --no-fund --loglevel=error

demo: install
	TANDEM_DEBUG=1 $(VENV)/bin/tandem demo

test: install node_modules/.package-lock.json
	$(VENV)/bin/pytest -n 2

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache
