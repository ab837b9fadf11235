# The two commands: `make run` and `make test`. Each sets up what it needs from a fresh clone.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= out
HOST   ?= 127.0.0.1
PORT   ?= 8000
SAMPLE := examples/liveblog-sample.txt
DB     ?= $(OUT)/geoevents.db

export GEOEVENTS_CACHE_DIR ?= $(CURDIR)/.cache/geoevents

.PHONY: setup system-deps run sample test test-fast screenshot clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

setup: $(STAMP)

# System packages the browser and PostGIS tests need (Debian; installs only what is missing).
system-deps:
	@bash scripts/system-deps.sh

# Ingest the sample liveblog, write a styled GeoPackage and a map, then serve the API.
run: sample
	@echo "Map: $(OUT)/map.html   GeoPackage: $(OUT)/events.gpkg   API: http://$(HOST):$(PORT)/"
	$(BIN)/geoevents serve --db $(DB) --host $(HOST) --port $(PORT)

sample: setup
	@mkdir -p $(OUT)
	$(BIN)/geoevents ingest $(SAMPLE) --db $(DB)
	$(BIN)/geoevents export $(OUT)/events.gpkg --db $(DB)
	$(BIN)/geoevents map --db $(DB) --out $(OUT)/map.html --offline --title "geoevents sample liveblog"

# A PNG of the sample map, drawn in headless Chromium.
screenshot: sample system-deps
	$(BIN)/python -m maps.screenshot $(OUT)/map.html $(OUT)/map.png
	@echo "Screenshot: $(OUT)/map.png"

test: setup system-deps
	$(BIN)/python -m pytest -q

test-fast: setup
	$(BIN)/python -m pytest -q -m "not slow and not browser and not postgis"

clean:
	rm -rf $(VENV) $(OUT) .cache .pytest_cache
