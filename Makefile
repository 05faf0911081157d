# Assistant SREI — one command runs it (make run), one tests it (make test).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
STAMP := $(VENV)/.installed
MODEL := models/srei.tar.gz
KB := var/knowledge.sqlite3
NLU_GENERATED := data/nlu/lookups_generated.yml
TRAIN_INPUTS := bot/config.yml $(wildcard bot/domain/*.yml) $(wildcard data/*.yml) $(wildcard data/nlu/*.yml) $(NLU_GENERATED)
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONPATH := $(CURDIR)
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
# When this make started: `make run` ends with the total time, set-up steps included.
export MAKE_STARTED := $(shell date +%s)

.PHONY: help venv knowledge train run serve test test-long eval lint lock clean bench shell report purge erase

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

venv: $(STAMP) ## Create .venv with Python 3.10 and install requirements.lock

$(STAMP): requirements.lock
	@PY310=$$(scripts/find_python.sh) || exit 1; \
	  [ -x $(PY) ] || "$$PY310" -m venv $(VENV)
	@scripts/step.sh install "Installation des dépendances (requirements.lock, quelques minutes la première fois)" \
	  sh -c '$(PY) -m pip install --disable-pip-version-check --no-deps -r requirements.lock && $(PY) -m pip check'
	@touch $@

knowledge: $(STAMP) ## Validate and build the knowledge base (atomic swap)
	$(PY) -m knowledge build

$(KB): $(STAMP) $(wildcard knowledge/content/*.yml) $(wildcard knowledge/content/pages/*.txt) $(wildcard knowledge/*.py)
	@scripts/step.sh knowledge "Construction de la base de connaissances" $(PY) -m knowledge build

# Entity names and synonyms generated from the knowledge content; rewritten only when they change.
$(NLU_GENERATED): $(STAMP) $(wildcard knowledge/content/*.yml) knowledge/nlu_export.py knowledge/passages.py \
    $(filter-out $(NLU_GENERATED),$(wildcard data/nlu/*.yml))
	@scripts/step.sh export-nlu "Noms des entités pour la compréhension" $(PY) -m knowledge export-nlu

train: $(MODEL) ## Train the Rasa model if its data or configuration changed

$(MODEL): $(STAMP) $(TRAIN_INPUTS)
	@scripts/step.sh train "Entraînement du modèle (4 à 8 min sur 2 cœurs)" \
	  $(RASA) train --config bot/config.yml --domain bot/domain --data data --out models \
	  --fixed-model-name srei --quiet
	@touch $@

run: $(STAMP) $(KB) $(MODEL) ## Set up if needed, then start actions + Rasa on 127.0.0.1 (Ctrl-C stops)
	@$(PY) -m bot.tools.stack

serve: $(STAMP) $(KB) $(MODEL) ## Production profile: only the widget and /health (needs WIDGET_SECRET; see README)
	@$(PY) -m bot.tools.stack --profile public

test: $(STAMP) $(KB) $(MODEL) ## Set up if needed, then run the test suite (long tests: make test-long)
	@scripts/system_packages.sh
	@scripts/step.sh validate "Vérification des données d'entraînement (rasa data validate)" \
	  $(RASA) data validate --config bot/config.yml --domain bot/domain --data data --quiet
	@# One pytest for every tier (start-up paid once); it ends with the time of each (tests/conftest.py).
	@$(PY) -m pytest -m "not slow"

test-long: $(STAMP) $(KB) $(MODEL) ## Long tests: faults, load, scale-out, nginx (real PostgreSQL and Redis)
	@scripts/system_packages.sh
	$(PY) -m pytest -m slow -raP  # -P: print the measured load figures

shell: $(STAMP) $(KB) $(MODEL) ## Chat in the terminal with the local assistant (starts it if needed)
	$(PY) -m bot.tools.shell

report: $(STAMP) ## Write var/report.html: activity, top intents, unanswered questions, ratings
	$(PY) -m bot.tools.report

purge: $(STAMP) ## Delete conversations older than RETENTION_DAYS (default 90); run daily
	$(PY) -m bot.tools.retention purge

erase: $(STAMP) ## Erase one conversation: make erase CODE=<conversation code>
	@[ -n "$(CODE)" ] || { echo "Usage : make erase CODE=<code de la conversation>"; exit 2; }
	$(PY) -m bot.tools.retention erase "$(CODE)"

bench: $(STAMP) $(KB) $(MODEL) ## Benchmark side by side with stock Rasa; writes var/bench/report.md (~10 min)
	$(PY) -m tests.perf.bench

eval: $(STAMP) $(KB) $(MODEL) ## Measure quality: NLU cross-validation + held-out conversations (var/eval/)
	$(PY) -m tests.evaluation.evaluate

lint: $(STAMP) ## Static checks (ruff)
	$(VENV)/bin/ruff check .

lock: ## Re-resolve the dependencies of pyproject.toml into requirements.lock
	@PY310=$$(scripts/find_python.sh) || exit 1; rm -rf /tmp/srei-lock && "$$PY310" -m venv /tmp/srei-lock && \
	  /tmp/srei-lock/bin/pip install --quiet . '.[dev]' && \
	  { echo "# Exact versions installed by 'make venv' (pip install --no-deps -r requirements.lock)."; \
	    echo "# Regenerate with 'make lock' after changing the dependencies in pyproject.toml."; \
	    /tmp/srei-lock/bin/pip freeze --all --exclude srei-assistant | grep -v '^pip=='; } > requirements.lock

clean: ## Remove generated files (models, var/), keep the environment
	rm -rf models var .rasa
