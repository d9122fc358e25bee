# Assistansguiden. `make run` sets everything up and starts the assistant;
# `make test` sets everything up and runs every test. See README.md.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      := .venv
PY        := $(VENV)/bin/python
RASA      := $(VENV)/bin/rasa
STAMP     := $(VENV)/.installed
SPACY_DIR := .data/spacy-sv
MODEL     := models/assistansguiden.tar.gz
RASA_ARGS := --config bot/config.yml --domain bot/domain
RASA_PORT ?= 5005
ACTIONS_PORT ?= 5055
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2
# Third-party deprecation noise (TensorFlow, jax, Sanic, SQLAlchemy's 2.0 hints) would
# bury the test output; the project's own warnings are not deprecations and still show.
export PYTHONWARNINGS := ignore::DeprecationWarning,ignore::FutureWarning,ignore::PendingDeprecationWarning

# Rasa 3.6 runs on Python 3.10 only: the first candidate that really runs 3.10 (a pyenv shim
# on PATH may exist without that version being active, so each candidate is tried).
PYTHON310 := $(shell for c in $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.10.*/bin/python 2>/dev/null) $$(command -v python3.10); do \
  $$c -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null && { echo $$c; break; }; done)

TRAINING_INPUTS := bot/config.yml $(wildcard bot/domain/*.yml) $(wildcard data/nlu/*.yml) \
                   $(wildcard data/rules/*.yml) $(wildcard data/stories/*.yml)

.PHONY: help setup browser train run shell web prod-local purge-conversations insights compose-checker nginx-checker audit test test-unit test-rasa test-e2e lint format bench bench-profile clean

help:
	@echo "make run    set up, train when needed, start action server + Rasa (REST on :$(RASA_PORT))"
	@echo "make shell  set up, train when needed, chat in the terminal"
	@echo "make web    the website chat on http://localhost:8080 (needs make run's Rasa)"
	@echo "make test   set up, train when needed, run every test"
	@echo "make bench  accuracy, training time, model size, start-up time, latency"
	@echo "make bench-profile  where one turn's milliseconds go (py-spy)"
	@echo "make lint   ruff, ruff format --check, yamllint, mypy --strict (make format fixes)"
	@echo "make audit  known vulnerabilities in constraints.txt (pip-audit, audit/allowlist.yml)"
	@echo "make prod-local  production configuration without Docker (2 servers, PostgreSQL, Redis)"
	@echo "make insights    what people asked and what was answered, last DAYS=30 days"

$(STAMP): pyproject.toml constraints.txt
	@if [ -z "$(PYTHON310)" ]; then \
	  echo "Python 3.10 saknas: installera python3.10 (t.ex. 'pyenv install 3.10.13') och försök igen." >&2; \
	  echo "Python 3.10 is missing: install python3.10 (e.g. 'pyenv install 3.10.13') and retry." >&2; \
	  exit 1; fi
	@[ -x $(PY) ] || $(PYTHON310) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip==24.0"
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	@touch $@

$(SPACY_DIR)/meta.json: scripts/build_spacy_model.py | $(STAMP)
	$(PY) scripts/build_spacy_model.py $(SPACY_DIR)

setup: $(STAMP) $(SPACY_DIR)/meta.json

# Browser tests drive Debian's Chromium (Playwright's own browser download cannot work here).
browser:
	@[ -x /usr/bin/chromium ] || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# Make retrains only when the config, domain or training data changed (a new dependency in
# pyproject.toml reinstalls, but does not retrain).
$(MODEL): $(SPACY_DIR)/meta.json $(TRAINING_INPUTS) | $(STAMP)
	$(RASA) train $(RASA_ARGS) --data data --out models --fixed-model-name assistansguiden

train: $(MODEL)

run: train
	@$(PY) -m assistansguiden.cli provider 559901-0013 >/dev/null  # first run: creates the registry with its sample
	@[ -n "$$RASA_AUTH_TOKEN" ] || [ -s .data/rasa-token ] || \
	  $(PY) -c 'import secrets; print(secrets.token_urlsafe(24))' > .data/rasa-token
	@echo "Rasa's HTTP API needs ?token=… (RASA_AUTH_TOKEN, or the one in .data/rasa-token)."
	@trap 'kill 0' EXIT; \
	$(RASA) run actions --actions actions --port $(ACTIONS_PORT) & \
	$(PY) -m web.server --port 8080 --rasa-url http://localhost:$(RASA_PORT) & \
	$(RASA) run --model $(MODEL) --enable-api \
	  --auth-token "$${RASA_AUTH_TOKEN:-$$(cat .data/rasa-token)}" \
	  --cors http://localhost:8080 http://127.0.0.1:8080 \
	  --endpoints bot/endpoints.yml --credentials bot/credentials.yml --port $(RASA_PORT)

shell: train
	@trap 'kill 0' EXIT; \
	$(RASA) run actions --actions actions --port $(ACTIONS_PORT) >/dev/null 2>&1 & \
	$(RASA) shell --model $(MODEL) --endpoints bot/endpoints.yml

# The production configuration without Docker: 2 Rasa servers + action server against the
# local PostgreSQL (trackers, registry) and Redis (locks).
prod-local: train
	$(PY) -m deploy.prod_local --servers 2

# Delete conversations older than DAYS days: those `make run` keeps in .data/conversations.sqlite,
# or production's (DB_* variables), or ASSISTANS_TRACKER_DB_URL's.
purge-conversations: setup
	$(PY) -m assistansguiden.privacy.purge --older-than-days $(or $(DAYS),90)

# What people asked, what was answered and where they left, over the last DAYS days
# (the same conversations as purge-conversations; `assistans insights --json` for JSON).
insights: setup
	$(PY) -m assistansguiden.cli insights --days $(or $(DAYS),30)

web: setup
	$(PY) -m web.server --port 8080 --rasa-url http://localhost:$(RASA_PORT)

test: train
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-unit
	$(MAKE) --no-print-directory test-rasa
	$(MAKE) --no-print-directory test-e2e

PY_SOURCES := assistansguiden actions bot web deploy tests scripts bench

# ruff (lint and format), yamllint over every YAML file, mypy --strict over the domain.
# The same checks run from .pre-commit-config.yaml; `make format` fixes what can be fixed.
lint: $(STAMP)
	$(VENV)/bin/ruff check $(PY_SOURCES)
	$(VENV)/bin/ruff format --check $(PY_SOURCES)
	$(VENV)/bin/yamllint --strict -c .yamllint.yml .
	$(VENV)/bin/mypy --strict assistansguiden

format: $(STAMP)
	$(VENV)/bin/ruff check --fix $(PY_SOURCES)
	$(VENV)/bin/ruff format $(PY_SOURCES)

# `docker compose config` checks docker-compose.yml (no Docker engine needed).
compose-checker:
	@bash deploy/install_compose_checker.sh

# tests/deploy/test_nginx.py sends hostile requests through a real nginx (Debian's) running
# deploy/nginx.conf on loopback.
nginx-checker:
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || \
	  { apt-get update -qq && apt-get install -y -qq nginx-light >/dev/null; }

test-unit: setup compose-checker nginx-checker
	$(PY) -m pytest -m "not e2e" -q

test-rasa: train
	$(RASA) data validate $(RASA_ARGS) --data data --fail-on-warnings
	$(PY) scripts/rasa_tests.py --model $(MODEL)

test-e2e: train browser
	$(PY) -m pytest -m e2e -q

# Known vulnerabilities in constraints.txt (pip-audit, in its own venv: it cannot share
# .venv with Rasa's pins, see audit/constraints.txt), judged against audit/allowlist.yml.
# Says "AUDIT NOT DONE" and exits 0 when the vulnerability service cannot be reached;
# AUDIT_STRICT=1 (CI) makes that an error.
AUDIT_VENV := .venv-audit
$(AUDIT_VENV)/.installed: audit/constraints.txt
	@[ -n "$(PYTHON310)" ] || { echo "Python 3.10 is missing." >&2; exit 1; }
	@[ -x $(AUDIT_VENV)/bin/python ] || $(PYTHON310) -m venv $(AUDIT_VENV)
	$(AUDIT_VENV)/bin/python -m pip install --quiet "pip==24.0"
	$(AUDIT_VENV)/bin/python -m pip install --quiet -c audit/constraints.txt pip-audit
	@touch $@

audit: $(STAMP) $(AUDIT_VENV)/.installed
	$(PY) scripts/audit.py --pip-audit $(AUDIT_VENV)/bin/pip-audit $(if $(AUDIT_STRICT),--strict)

bench: train
	$(PY) scripts/nlu_scores.py --model $(MODEL) tests/test_nlu.yml tests/nlu_real_style.yml \
	  --json results/nlu_scores.json
	$(PY) -m pytest -q -s -p no:cacheprovider tests/e2e/test_dialogues.py | tail -n 3
	$(PY) bench/rasa_bench.py --model $(MODEL) --skip-training  # bare_compare times training
	$(PY) bench/registry_bench.py
	$(PY) bench/load_bench.py --users 20 --seconds 60
	$(PY) bench/bare_compare.py --turns 100 --users 20 --seconds 30 --train-time

# Where one turn's milliseconds go, in the Rasa server and the action server (py-spy).
bench-profile: train
	$(PY) bench/profile_turn.py --turns 60 --bare

clean:
	rm -rf $(VENV) $(AUDIT_VENV) models .data results
