# Chairside: `make run` to start the app, `make test` to check everything.
SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin:$(HOME)/go/bin
export LANG := en_US.UTF-8
export CGO_ENABLED := 1

GO        ?= go
# migrated_fynedo: FyneApp.toml's [Migrations] fyneDo = true. no_emoji: Fyne's
# bundled emoji font (4 MB, read twice at every start) is left out; emoji in
# a name or a note are drawn from the computer's own fonts (README,
# "Patients and handouts").
TAGS      := migrated_fynedo,no_emoji
TEST_TAGS := ci,$(TAGS)
BIN       := chairside
STATICCHECK_VERSION := v0.8.2

.PHONY: third-party-test run build test vet fmt-check staticcheck windows-check bench package package-windows e2e e2e-run setup clean

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

# The Windows build, checked on every run (Chairside's clinics mostly run
# Windows): go vet for GOOS=windows, with the app's tags (the files that
# are built) and the tests' (ci: Fyne's test driver), so a Unix-only call
# fails here, then the Windows binary is cross-compiled with MinGW-w64 and
# linked. Fyne's
# OpenGL and SQLite are C, hence cgo and the cross compiler. It takes
# minutes cold; the Go build cache keeps it quick after that. The .exe
# cannot be started here (this image's Wine lacks what Go's runtime needs).
WINDOWS_CC  := x86_64-w64-mingw32-gcc
WINDOWS_ENV := CC=$(WINDOWS_CC) GOOS=windows GOARCH=amd64 CGO_ENABLED=1

windows-check: setup
	@set -euo pipefail; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	echo "go vet for Windows (GOOS=windows, CC=$(WINDOWS_CC))"; \
	$(WINDOWS_ENV) $(GO) vet -tags $(TAGS) ./...; \
	$(WINDOWS_ENV) $(GO) vet -tags $(TEST_TAGS) ./...; \
	echo "Cross-building the Windows binary"; \
	$(WINDOWS_ENV) $(GO) build -tags $(TAGS) -o "$$tmp/$(BIN).exe" .; \
	echo "The Windows build compiles, links and vets."

# The package tests, then the end-to-end run as its own step: it sits
# behind the e2e build tag so that `go test ./...` never starts an X server.
# scripts/pg-test-cluster runs the package tests beside a throw-away
# PostgreSQL cluster of its own (CHAIRSIDE_TEST_POSTGRES), so the store's
# tests also run on PostgreSQL; without PostgreSQL those runs skip, saying
# why, and the cluster is removed even when a test fails.
test: setup fmt-check vet staticcheck windows-check
	scripts/pg-test-cluster $(GO) test -race -tags $(TEST_TAGS) -timeout 30m ./...
	$(MAKE) --no-print-directory third-party-test
	$(MAKE) --no-print-directory e2e-run

# The libraries copied into third_party/ (fpdf, go-i18n, go-qr; each
# CHAIRSIDE.md says what was changed and why) are modules of their own, so
# `go test ./...` above does not reach them: their tests, which hold
# Chairside's changes to upstream's answers, run here.
third-party-test:
	@set -e; for m in third_party/*/; do \
		echo "go test -race $$m"; (cd "$$m" && $(GO) test -race -count=1 ./...); \
	done

# The end-to-end run alone: the real binary under Xvfb, driven with xdotool;
# screenshots land in e2e-artifacts/. It reports start-up and idle memory
# (-v shows them) without checking them: make bench does. It runs beside a
# throw-away PostgreSQL cluster too, for the walk of two windows on one
# clinic server (TestEndToEndServer; it skips, saying why, without one).
E2E_TAGS := e2e,$(TEST_TAGS)
e2e: setup e2e-run
e2e-run:
	$(GO) vet -tags $(E2E_TAGS) .
	@command -v staticcheck >/dev/null || $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	staticcheck -tags $(E2E_TAGS) .
	scripts/pg-test-cluster $(GO) test -tags $(E2E_TAGS) -run '^TestEndToEnd' -count=1 -timeout 20m -v .

# Every Go benchmark with -benchmem, then the budget (BenchmarkBudget, behind
# the e2e tag: Chairside's idle memory and start-up against a minimal Fyne +
# SQLite program it builds, three runs each under Xvfb at 1728x972), then a
# table of the key figures against the issues' targets (internal/benchreport);
# the package benchmarks run beside a throw-away PostgreSQL server
# (scripts/pg-test-cluster) for the server's rows. -p 1: one package at a time, so
# that no compile runs beside a benchmark on this 2-core machine. Then the
# command-line parser is fuzzed for FUZZTIME (its seeds alone run in `make
# test`; a failing input is kept in internal/cli/testdata/fuzz/).
FUZZTIME ?= 20s
bench: setup
	@set -euo pipefail; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(GO) build -o "$$tmp/benchreport" ./internal/benchreport/cmd; \
	{ scripts/pg-test-cluster $(GO) test -tags $(TEST_TAGS) -run '^$$' -bench . -benchmem -p 1 -timeout 30m ./...; \
	  $(GO) test -tags $(E2E_TAGS) -run '^$$' -bench '^BenchmarkBudget$$' -benchtime 9x -timeout 20m .; \
	} 2>&1 | "$$tmp/benchreport"
	$(GO) test -tags $(TEST_TAGS) -run '^$$' -fuzz '^FuzzCommandLine$$' -fuzztime $(FUZZTIME) ./internal/cli

# Linux package: the Fyne packaging tool (fyne.io/tools, pinned; installed
# when missing) builds a release binary carrying FyneApp.toml's metadata and
# wraps it with the icon, a .desktop entry and a Makefile (`make user-install`
# puts Chairside in the user's menu) into dist/chairside-VERSION-linux-ARCH.tar.xz.
# The tool bumps Build in FyneApp.toml after each run; that is put back, so a
# package build leaves the working tree clean (raise Build by hand on release).
FYNE_TOOLS_VERSION := v1.7.4

# FIND_FYNE sets $fyne to the packaging tool, installing it when missing.
FIND_FYNE = gobin=$$($(GO) env GOBIN); fyne="$${gobin:-$$($(GO) env GOPATH | cut -d: -f1)/bin}/fyne"; \
	have=$$("$$fyne" version 2>/dev/null || true); \
	grep -q 'cli version: $(FYNE_TOOLS_VERSION)$$' <<<"$$have" || { \
		echo "Installing the Fyne packaging tool $(FYNE_TOOLS_VERSION)"; \
		$(GO) install fyne.io/tools/cmd/fyne@$(FYNE_TOOLS_VERSION); }

package: setup
	@set -euo pipefail; \
	$(FIND_FYNE); \
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

# Windows package, cross-built here with MinGW-w64 through the same tool:
# Chairside.exe (a GUI program, with the icon, version and name from
# FyneApp.toml embedded) and a plain-text read-me (how to start it, where
# the data lives, why a network share is refused), zipped into
# dist/chairside-VERSION-windows-amd64.zip. The Build bump is put back, as
# for make package. The .exe cannot be started here (this image's Wine
# lacks what Go's runtime needs), so the check is that it is a 64-bit
# Windows GUI program and that the zip holds both files. The tool's
# working files (fyne.syso, the icon and version resource, FyneApp.ico, the
# manifest, the .exe) are removed even on failure: a fyne.syso left in the
# source folder would go into every later build.
WINDOWS_README := assets/packaging/windows-readme.txt

package-windows: setup
	@set -euo pipefail; \
	$(FIND_FYNE); \
	toml() { sed -n "s/^$$1 *= *\"\(.*\)\"/\1/p" FyneApp.toml; }; \
	icon=$$(toml Icon); name=$$(toml Name); version=$$(toml Version); \
	test -f "$$icon" || { echo "The app icon $$icon that FyneApp.toml names is missing."; exit 1; }; \
	test -f $(WINDOWS_README) || { echo "The read-me $(WINDOWS_README) is missing."; exit 1; }; \
	rm -f "$$name.exe"; \
	keep=$$(mktemp); cp FyneApp.toml "$$keep"; stage=$$(mktemp -d); \
	trap 'cp "$$keep" FyneApp.toml; rm -f "$$keep" "$$name.exe" $(BIN).exe $(BIN).exe.manifest FyneApp.ico fyne.syso; rm -rf "$$stage"' EXIT; \
	echo "$(WINDOWS_ENV) $$fyne package -os windows -tags $(TAGS) --release"; \
	$(WINDOWS_ENV) "$$fyne" package -os windows -tags $(TAGS) --release; \
	kind=$$(file -b "$$name.exe"); \
	{ grep -q '^PE32+ executable' <<<"$$kind" && grep -q '(GUI)' <<<"$$kind" && grep -q 'x86-64' <<<"$$kind"; } || { echo "$$name.exe is not a 64-bit Windows GUI program: $$kind"; exit 1; }; \
	mv "$$name.exe" "$$stage/"; \
	sed -e "s/@VERSION@/$$version/" -e 's/$$/\r/' $(WINDOWS_README) >"$$stage/README.txt"; \
	mkdir -p dist; out="dist/$(BIN)-$$version-windows-amd64.zip"; rm -f "$$out"; \
	(cd "$$stage" && zip -q -X -9 "$(CURDIR)/$$out" "$$name.exe" README.txt); \
	list=$$(unzip -Z1 "$$out"); \
	for f in "$$name.exe" README.txt; do \
		grep -qx "$$f" <<<"$$list" || { echo "$$out lacks $$f"; exit 1; }; \
	done; \
	echo "Made $$out ($$(du -h "$$out" | cut -f1)): $$(tr '\n' ' ' <<<"$$list")"; \
	echo "$$name.exe: $$kind"

clean:
	rm -f $(BIN)
