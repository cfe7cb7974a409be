# deckgen: `make deck` builds the City Deals deck, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help deck test test-fast pdf preview template clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $(STAMP)

deck: $(STAMP)  ## build output/<title>.pptx from content/
	$(BIN)/deckgen build --content content

test: $(STAMP)  ## run every test, the slow ones (LibreOffice) included
	$(BIN)/pytest -q

test-fast: $(STAMP)  ## the tests without the slow ones
	$(BIN)/pytest -q -m "not slow"

pdf: deck  ## convert the full deck to PDF with LibreOffice
	@command -v soffice >/dev/null || { echo "LibreOffice is missing: sudo apt-get install libreoffice-impress"; exit 1; }
	soffice -env:UserInstallation=file://$(CURDIR)/.cache/lo-profile --headless --convert-to pdf --outdir output output/*.pptx

template: $(STAMP)  ## remake the brands' template.pptx from their brand.yaml
	$(BIN)/deckgen template templates/aef
	$(BIN)/deckgen template generator/default_brand

clean:  ## remove build products
	rm -rf output .cache
