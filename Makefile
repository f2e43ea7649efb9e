# Two commands: `make run` (everything up) and `make test` (the whole suite against a real Neo4j).
SHELL := /bin/bash
VENV  := .venv
BIN   := $(VENV)/bin
## Every install comes from a lock (exact versions, every file's hash): locks/dev.txt for the venv,
## locks/service.txt (no dev or bench tools) for the image. `make lock` regenerates them.
LOCK  := locks/dev.txt
STAMP := $(VENV)/.installed-$(shell cat $(LOCK) pyproject.toml | sha256sum | cut -c1-12)
UV_VERSION := 0.13.9
LOCK_FLAGS := --universal --python-version 3.11 --generate-hashes --quiet --custom-compile-command "make lock" \
	$(if $(UPGRADE),--upgrade)

.PHONY: install run test test-fast schema lint neo4j-start neo4j-stop bench clean graphiql lock

$(STAMP): $(LOCK) pyproject.toml locks/build.in
	@[ "$$(python3 locks/digest.py)" = "$$(sed -n 's/^# inputs: //p' $(LOCK))" ] || \
	  { echo "pyproject.toml's dependencies changed since $(LOCK) was made: run \`make lock\`"; exit 1; }
	@test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/pip install -q --require-hashes -r $(LOCK)
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-* && touch $@

## Regenerates both locks from pyproject.toml and locks/build.in, keeping every pin it can;
## `make lock UPGRADE=1` moves every package to its newest release allowed by pyproject.toml.
lock:
	@test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/pip install -q uv==$(UV_VERSION)
	$(BIN)/uv pip compile pyproject.toml locks/build.in --all-extras $(LOCK_FLAGS) -o locks/dev.txt
	$(BIN)/uv pip compile pyproject.toml locks/build.in $(LOCK_FLAGS) -c locks/dev.txt -o locks/service.txt
	@for f in locks/dev.txt locks/service.txt; do echo "# inputs: $$(python3 locks/digest.py)" >> $$f; done

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

## The fast tier: every test that needs no database (pure logic: privacy's table, pair changes, live
## delivery, pages, settings, the map, the Cypher loader ...), in seconds; no Neo4j is started.
test-fast: install
	$(BIN)/pytest -m "not db and not slow and not browser" $(PYTEST_ARGS)

## Regenerates schema.graphql from the code (a test fails when they differ).
schema: install
	$(BIN)/strawberry export-schema service.api.schema:schema --output schema.graphql

## The benchmark (not part of `make test`): bench/README.md. BENCH_ARGS="--quick" for a smoke run.
bench: $(STAMP) bench/peer/node_modules/.installed
	$(BIN)/python -m bench $(BENCH_ARGS)

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
