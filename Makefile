# Two commands for a fresh machine with only Python 3.11+:
#   make run    set up everything and serve the site on SQLite, with the scheduler
#   make test   run the whole test suite
PYTHON ?= python3
PORT ?= 8000
# Generated press releases per language for `make bench`'s serving benchmark.
BENCH_RELEASES ?= 1000
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.DEFAULT_GOAL := help
.PHONY: help run worker test setup lint format check-migrations messages bench backup restore clean

help: ## Show this help
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

var:
	mkdir -p var

# Set-up reports through its commands' own output; its logs, such as a line for each URL that
# loading the demo purges, matter only when something goes wrong: warnings and errors.
setup: export LOG_LEVEL ?= WARNING
setup: $(VENV)/.installed | var ## Install, migrate and load the demo site (idempotent)
	$(MANAGE) migrate --no-input
	$(MANAGE) setup_site
	$(MANAGE) load_demo
	$(MANAGE) setup_mediacentre
	$(MANAGE) create_dev_superuser
	$(MANAGE) create_demo_users

# The Site record, admin e-mail links and ALLOWED_HOSTS follow SITE_URL: the address served.
run: export SITE_URL = http://127.0.0.1:$(PORT)
run: $(VENV)/.installed | var ## Set up quietly, then serve on http://127.0.0.1:$(PORT) with the scheduler
	@echo "Setting up the demo site (output in var/setup.log)..."
	@$(MAKE) --no-print-directory setup >var/setup.log 2>&1 \
		|| { tail -n 30 var/setup.log; echo "Set-up failed; the whole output is in var/setup.log."; exit 1; }
	@$(MANAGE) serve_dev

worker: $(VENV)/.installed ## Publish embargoed and withdraw expired pages on time (every minute)
	$(MANAGE) run_publisher

test: $(VENV)/.installed-dev ## Run the whole test suite
	$(BIN)/pytest

lint: $(VENV)/.installed-dev ## Check code style
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev ## Fix code style
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-migrations: $(VENV)/.installed ## Fail if models changed without a migration
	$(MANAGE) makemigrations --check --dry-run

messages: $(VENV)/.installed ## Update the ru/kk/ky catalogues and compile them (needs GNU gettext)
	cd pressreleases && ../$(BIN)/python ../manage.py makemessages -l ru -l kk -l ky --no-obsolete
	$(MANAGE) makemessages -l ru -l kk -l ky --no-obsolete --ignore 'pressreleases/*' \
		--ignore '.venv/*' --ignore 'tests/*' --ignore 'var/*'
	$(MANAGE) compilemessages --ignore '.venv/*'

bench: $(VENV)/.installed-dev ## Benchmarks: import_legacy, then serving under load (BENCH_RELEASES=1000)
	command -v wrk >/dev/null || (apt-get update -q && apt-get install -y -q wrk)
	$(BIN)/python bench/import_legacy_bench.py
	$(BIN)/python bench/site_bench.py --releases $(BENCH_RELEASES)

backup: $(VENV)/.installed | var ## Back up the database and media into var/backups/<UTC time>/
	$(MANAGE) backup_site

restore: $(VENV)/.installed ## Restore into an EMPTY database: make restore BACKUP=var/backups/<stamp>
	@test -n "$(BACKUP)" || { echo "Say which backup: make restore BACKUP=var/backups/<stamp>"; exit 2; }
	$(MANAGE) restore_site "$(BACKUP)"

clean: ## Remove the virtualenv and local data (var/)
	rm -rf $(VENV) var static
