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

# The templates djLint lints: the shared layout and each app's own.
TEMPLATES := templates tandem

# The same checks as .pre-commit-config.yaml, without changing any file, plus types,
# the apps' dependency order (import-linter) and the import-cycle check.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint $(TEMPLATES) --lint
	find . -name '*.py' -not -path './.venv/*' -not -path './node_modules/*' -print0 \
		| xargs -0 $(VENV)/bin/django-upgrade --target-version 5.2 --check
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	$(VENV)/bin/python scripts/check_import_cycles.py

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache
