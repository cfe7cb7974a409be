# deckgen: `make deck` builds the City Deals deck, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help deck excerpts watch test test-fast bench pdf preview template clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q generator  # bytecode on disk even where PYTHONDONTWRITEBYTECODE is set
	@touch $(STAMP)

deck: $(STAMP)  ## build output/<title>.pptx from content/
	$(BIN)/deckgen build --content content

excerpts: $(STAMP)  ## build output/excerpts/<deal-id>.pptx for every deal
	$(BIN)/deckgen excerpts --content content --out-dir output/excerpts

watch: $(STAMP)  ## rebuild the deck on every save under content/ or templates/
	$(BIN)/deckgen watch --content content

bench: $(STAMP)  ## measure rebuild, cold build, scale and excerpts against pandoc; writes docs/benchmarks.md
	@command -v pandoc >/dev/null || echo "pandoc is not installed (apt-get install pandoc): measuring without the peer"
	$(BIN)/python bench/run.py

test: $(STAMP)  ## run every test, the slow ones (LibreOffice) included
	$(BIN)/pytest -q

test-fast: $(STAMP)  ## the tests without the slow ones
	$(BIN)/pytest -q -m "not slow"

pdf: deck  ## convert the full deck to PDF (EXCERPTS=1: the excerpts too) with LibreOffice
	$(BIN)/deckgen pdf output/*.pptx
	$(if $(EXCERPTS),$(MAKE) excerpts && $(BIN)/deckgen pdf output/excerpts/*.pptx)

preview: deck  ## PNG thumbnails of every slide and a contact sheet in output/preview/
	$(BIN)/deckgen preview output/*.pptx --out-dir output/preview

template: $(STAMP)  ## remake the brands' template.pptx from their brand.yaml
	$(BIN)/deckgen template templates/aef
	$(BIN)/deckgen template generator/default_brand

clean:  ## remove build products
	rm -rf output .cache
