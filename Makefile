# Chairside: `make run` to start the app, `make test` to check everything.
SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin:$(HOME)/go/bin
export LANG := en_US.UTF-8
export CGO_ENABLED := 1

GO        ?= go
TAGS      := migrated_fynedo
TEST_TAGS := ci,migrated_fynedo
BIN       := chairside
STATICCHECK_VERSION := v0.8.2

.PHONY: run build test vet fmt-check staticcheck bench setup clean

setup: ## install the missing system packages (apt-get, sudo when not root)
	@.ci/install-deps

build: setup
	$(GO) build -tags $(TAGS) -o $(BIN) .

run: build
	./$(BIN)

fmt-check:
	@bad=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$bad" ]; then echo "gofmt needed on:"; echo "$$bad"; exit 1; fi

vet:
	$(GO) vet -tags $(TEST_TAGS) ./...

staticcheck:
	@command -v staticcheck >/dev/null || $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	staticcheck -tags $(TEST_TAGS) ./...

test: setup fmt-check vet staticcheck
	$(GO) test -race -tags $(TEST_TAGS) -timeout 30m ./...

# Every Go benchmark with -benchmem, then a table of the key figures against
# the issues' targets (internal/benchreport). -p 1: one package at a time, so
# that no compile runs beside a benchmark on this 2-core machine.
bench: setup
	@set -euo pipefail; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(GO) build -o "$$tmp/benchreport" ./internal/benchreport/cmd; \
	$(GO) test -tags $(TEST_TAGS) -run '^$$' -bench . -benchmem -p 1 -timeout 30m ./... 2>&1 | "$$tmp/benchreport"

clean:
	rm -f $(BIN)
