# deckgen: `make deck` builds the City Deals deck, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BYTECODE := $(VENV)/.compiled
SOURCES := $(wildcard generator/*.py generator/*/*.py)

.PHONY: help deck excerpts watch test test-fast bench pdf preview template clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	@$(BIN)/pip uninstall --quiet --yes deckgen 2>/dev/null || true  # the distribution's former name
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $(STAMP)

# bytecode on disk, renewed when a source changes, even where PYTHONDONTWRITEBYTECODE is set:
# every deckgen start then skips compiling the package
$(BYTECODE): $(STAMP) $(SOURCES)
	@$(BIN)/python -m compileall -q generator
	@touch $(BYTECODE)

deck: $(BYTECODE)  ## build output/<title>.pptx from content/
	$(BIN)/deckgen build --content content

excerpts: $(BYTECODE)  ## build output/excerpts/<deal-id>.pptx for every deal
	$(BIN)/deckgen excerpts --content content --out-dir output/excerpts

watch: $(BYTECODE)  ## rebuild the deck on every save under content/ or templates/
	$(BIN)/deckgen watch --content content

bench: $(BYTECODE)  ## measure rebuild, cold build, scale and excerpts against pandoc; writes docs/benchmarks.md
	@command -v pandoc >/dev/null || echo "pandoc is not installed (apt-get install pandoc): measuring without the peer"
	$(BIN)/python bench/run.py

test: $(BYTECODE)  ## run every test, the slow ones (LibreOffice) included
	$(BIN)/pytest -q

test-fast: $(BYTECODE)  ## the tests without the slow ones
	$(BIN)/pytest -q -m "not slow"

pdf: deck  ## convert the full deck to PDF (EXCERPTS=1: the excerpts too) with LibreOffice
	$(BIN)/deckgen pdf output/*.pptx
	$(if $(EXCERPTS),$(MAKE) excerpts && $(BIN)/deckgen pdf output/excerpts/*.pptx)

preview: deck  ## PNG thumbnails of every slide and a contact sheet in output/preview/
	$(BIN)/deckgen preview output/*.pptx --out-dir output/preview

template: $(BYTECODE)  ## remake the brands' template.pptx from their brand.yaml
	$(BIN)/deckgen template templates/aef
	$(BIN)/deckgen template generator/default_brand

clean:  ## remove build products
	rm -rf output .cache
