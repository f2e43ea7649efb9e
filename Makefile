# Two commands: `make run` (everything up) and `make test` (the whole suite against a real Neo4j).
SHELL := /bin/bash
VENV  := .venv
BIN   := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha256sum pyproject.toml | cut -c1-12)
BENCH_STAMP := $(VENV)/.bench-$(shell sha256sum pyproject.toml | cut -c1-12)

.PHONY: install run test schema lint neo4j-start neo4j-stop bench clean graphiql

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $@

## node_modules: graphql-http (the HTTP conformance test), playwright-core (the browser test) and
## the GraphiQL build that `make graphiql` vendors. Pinned by package-lock.json.
NPM_STAMP := node_modules/.installed-$(shell sha256sum package-lock.json | cut -c1-12)
$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@rm -f node_modules/.installed-* && touch $@

install: $(STAMP) $(NPM_STAMP)

## Copies GraphiQL and React from node_modules into service/static/graphiql/ (committed, so the
## service serves GraphiQL without node or a CDN). Run after changing their versions in package.json.
GRAPHIQL_FILES := node_modules/graphiql/graphiql.min.js node_modules/graphiql/graphiql.min.css \
	node_modules/react/umd/react.production.min.js node_modules/react-dom/umd/react-dom.production.min.js
graphiql: $(NPM_STAMP)
	cp $(GRAPHIQL_FILES) service/static/graphiql/

## Starts the local Neo4j (unless NEO4J_URI is set), migrates, serves http://127.0.0.1:8000/graphql.
run: $(STAMP)
	$(BIN)/ties serve

## The whole suite; starts and stops its own Neo4j unless NEO4J_URI is set.
test: install
	$(BIN)/pytest $(PYTEST_ARGS)

## Regenerates schema.graphql from the code (a test fails when they differ).
schema: install
	$(BIN)/strawberry export-schema service.api.schema:schema --output schema.graphql

## The benchmark (not part of `make test`): bench/README.md. BENCH_ARGS="--quick" for a smoke run.
bench: $(BENCH_STAMP) bench/peer/node_modules/.installed
	$(BIN)/python -m bench $(BENCH_ARGS)

$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install -q -e '.[dev,bench]'
	@rm -f $(VENV)/.bench-* && touch $@

bench/peer/node_modules/.installed: bench/peer/package-lock.json
	@command -v npm >/dev/null || { echo "the benchmark's peer needs Node.js 20+ and npm"; exit 1; }
	cd bench/peer && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

lint: install
	$(BIN)/ruff check service tests bench
	$(BIN)/mypy

neo4j-start: install
	$(BIN)/ties neo4j start

neo4j-stop: install
	$(BIN)/ties neo4j stop

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
