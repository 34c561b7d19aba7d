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

.PHONY: run build test vet fmt-check staticcheck bench package e2e setup clean

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

# The end-to-end run alone (it is part of `make test` too): the real binary
# under Xvfb, driven with xdotool; screenshots land in e2e-artifacts/.
e2e: setup
	$(GO) test -tags $(TEST_TAGS) -run '^TestEndToEnd$$' -count=1 -v .

# Every Go benchmark with -benchmem, then a table of the key figures against
# the issues' targets (internal/benchreport). -p 1: one package at a time, so
# that no compile runs beside a benchmark on this 2-core machine. Then the
# command-line parser is fuzzed for FUZZTIME (its seeds alone run in `make
# test`; a failing input is kept in internal/cli/testdata/fuzz/).
FUZZTIME ?= 20s
bench: setup
	@set -euo pipefail; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(GO) build -o "$$tmp/benchreport" ./internal/benchreport/cmd; \
	$(GO) test -tags $(TEST_TAGS) -run '^$$' -bench . -benchmem -p 1 -timeout 30m ./... 2>&1 | "$$tmp/benchreport"
	$(GO) test -tags $(TEST_TAGS) -run '^$$' -fuzz '^FuzzCommandLine$$' -fuzztime $(FUZZTIME) ./internal/cli

# Linux package: the Fyne packaging tool (fyne.io/tools, pinned; installed
# when missing) builds a release binary carrying FyneApp.toml's metadata and
# wraps it with the icon, a .desktop entry and a Makefile (`make user-install`
# puts Chairside in the user's menu) into dist/chairside-VERSION-linux-ARCH.tar.xz.
# The tool bumps Build in FyneApp.toml after each run; that is put back, so a
# package build leaves the working tree clean (raise Build by hand on release).
FYNE_TOOLS_VERSION := v1.7.4

package: setup
	@set -euo pipefail; \
	gobin=$$($(GO) env GOBIN); fyne="$${gobin:-$$($(GO) env GOPATH | cut -d: -f1)/bin}/fyne"; \
	have=$$("$$fyne" version 2>/dev/null || true); \
	grep -q 'cli version: $(FYNE_TOOLS_VERSION)$$' <<<"$$have" || { \
		echo "Installing the Fyne packaging tool $(FYNE_TOOLS_VERSION)"; \
		$(GO) install fyne.io/tools/cmd/fyne@$(FYNE_TOOLS_VERSION); }; \
	toml() { sed -n "s/^$$1 *= *\"\(.*\)\"/\1/p" FyneApp.toml; }; \
	icon=$$(toml Icon); id=$$(toml ID); version=$$(toml Version); \
	test -f "$$icon" || { echo "The app icon $$icon that FyneApp.toml names is missing."; exit 1; }; \
	rm -f Chairside.tar.xz; \
	keep=$$(mktemp); cp FyneApp.toml "$$keep"; \
	trap 'cp "$$keep" FyneApp.toml; rm -f "$$keep"' EXIT; \
	echo "$$fyne package -os linux -tags $(TAGS) --release"; \
	"$$fyne" package -os linux -tags $(TAGS) --release; \
	mkdir -p dist; out="dist/$(BIN)-$$version-linux-$$($(GO) env GOARCH).tar.xz"; \
	mv Chairside.tar.xz "$$out"; \
	list=$$(tar -tJf "$$out"); \
	for f in Makefile usr/local/bin/$(BIN) usr/local/share/applications/$$id.desktop usr/local/share/pixmaps/$$id.png; do \
		grep -qx "$(BIN)/$$f" <<<"$$list" || { echo "$$out lacks $(BIN)/$$f"; exit 1; }; \
	done; \
	check=$$(mktemp -d); tar -xJf "$$out" -C "$$check" $(BIN)/usr/local/bin/$(BIN); \
	n=$$("$$check/$(BIN)/usr/local/bin/$(BIN)" structures | wc -l); rm -rf "$$check"; \
	[ "$$n" -gt 100 ] || { echo "the packaged binary does not run: 'chairside structures' printed $$n lines"; exit 1; }; \
	echo "Made $$out (its chairside lists $$n structures). To install:"; \
	echo "  tar -xJf $$out && make -C $(BIN) user-install"

clean:
	rm -f $(BIN)
