# A list of Go commands; the logic lives in Go. CI runs `make check` (and,
# after it, only what needs tools a developer may not have: .ci/run).
GO ?= go

# The version lives in one place, the VERSION file. A build from a checkout
# also stamps `git describe`, so `greylint --version` names the revision even
# when GOFLAGS holds -buildvcs=false.
VERSION := $(shell cat VERSION)
REVISION := $(shell git describe --tags --always --dirty 2>/dev/null)
LDFLAGS := -X main.stampedVersion=$(VERSION) -X main.stampedRevision=$(REVISION)

.PHONY: build test lint bench bench-cli bench-hostile docs dogfood check dist playground release accuracy mutation

build:
	$(GO) build ./...
	$(GO) build -ldflags "$(LDFLAGS)" -o greylint ./cmd/greylint

# Release archives and SHA256SUMS in dist/, byte-identical across runs.
# Six platforms take minutes on a cold cache; one is enough to try an
# archive: make dist TARGETS=linux/amd64
dist:
	rm -rf dist
	$(GO) run ./internal/dist -out dist $(if $(TARGETS),-targets $(TARGETS))

# Cut the release VERSION names: every archive, then the tag v$(VERSION)
# that the install URLs, the Action's @v, pre-commit's rev and the schemas'
# $id name. Publishing (pushing the tag, uploading dist/) is left to a person.
release:
	@test -z "$$(git status --porcelain)" || { echo "release: commit or stash the changes first"; exit 1; }
	$(MAKE) dist TARGETS=
	git tag -a v$(VERSION) -m "greylint $(VERSION)"
	@echo "next: git push origin v$(VERSION), then publish dist/* as the GitHub release v$(VERSION)"

test:
	$(GO) test -race ./...

lint:
	@test -z "$$(gofmt -l .)" || (gofmt -l . && echo "gofmt: the files above need formatting" && exit 1)
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

docs:
	$(GO) test ./rules/catalogue -run 'TestDocs' -update

# The valid corpus and the shop example have no error or warning (the
# docs-examples corpus shows one info on purpose: a suspended job).
dogfood:
	$(GO) run ./cmd/greylint --fail-on warning testdata/valid examples/shop

check: lint test dogfood

# greylint on 1000 350-line configs beside actionlint on 1000 workflows.
bench-cli:
	scripts/bench-cli.sh

# Time and peak memory of greylint on every hostile shape of issue #10, at
# two sizes (SCALE multiplies them).
bench-hostile:
	$(GO) run ./internal/hostile/measure -scale $(or $(SCALE),1)

# The playground: a static site in $(PLAYGROUND) (the engine compiled to
# WebAssembly, Go's wasm_exec.js, the page), served by any static server.
PLAYGROUND ?= playground/dist
playground:
	rm -rf $(PLAYGROUND)
	mkdir -p $(PLAYGROUND)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -o $(PLAYGROUND)/greylint.wasm ./playground/wasm
	cp "$$($(GO) env GOROOT)/lib/wasm/wasm_exec.js" $(PLAYGROUND)/
	cp playground/web/index.html playground/web/playground.js playground/web/style.css $(PLAYGROUND)/

# Every syntax mutant and meaning-preserving transform of the valid corpus
# (issue #22), with the figures per operator and per transform.
accuracy:
	$(GO) test ./internal/accuracy -count=1 -run 'TestSyntaxMutations|TestTransforms' -v -args -all

# Mutation testing with gremlins (a tool in go.mod): each covered mutant of
# a package's code is run against that package's tests, and the run prints
# the mutants that lived, then efficacy (killed / (killed + lived)) and
# mutator coverage ((killed + lived) / all). One package at a time, one
# worker, one build at a time (-p=1): the machine is shared. The timeout of
# a mutant is 20x the package's own coverage run: that run reuses cached
# builds, a mutant rebuilds its package, and at gremlins' 3x (or 5x) a
# busy machine times out a third of config's mutants. Not in CI: lint, rules and cmd take hours; see
# CONTRIBUTING.md#mutation-testing. `make mutation PKG=./rules`;
# GREMLINS_FLAGS='-E quick' (exclude files by regexp), '--dry-run', or
# '--integration --coverpkg ./...' (every package's tests for each mutant).
MUTATION_PKGS := ./lint ./schema ./model ./rules ./config ./workspace ./lsp ./cmd/greylint
# A package main (./cmd/greylint) runs with scripts/mutation-main/go first
# on PATH: gremlins would test the module's root package for its mutants.
# gremlins runs as its binary (go tool -n), not through go tool, which puts
# GOROOT/bin first on PATH again.
# ONLY='doctor.go scalar.go' mutates only those files of PKG (every other
# file of the package is excluded); WORKERS=2 when nothing else runs.
WORKERS ?= 1
mutation:
	@for p in $(or $(PKG),$(MUTATION_PKGS)); do \
		echo "== $$p"; \
		ex=""; \
		if [ -n "$(ONLY)" ]; then \
			for f in $$(cd $$p && ls *.go | grep -v '_test\.go$$'); do \
				case " $(ONLY) " in *" $$f "*) ;; *) ex="$$ex -E (^|/)$$f\$$";; esac; \
			done; \
		fi; \
		main=""; \
		if [ "$$($(GO) list -f '{{.Name}}' $$p)" = main ]; then \
			main="PATH=$(CURDIR)/scripts/mutation-main:$$PATH GREYLINT_GO=$$(command -v $(GO)) GREYLINT_MUTATION_MODULE=$$($(GO) list -m) GREYLINT_MUTATION_MAIN=$$($(GO) list $$p)"; \
		fi; \
		gremlins=$$($(GO) tool -n gremlins) || exit 1; \
		env $$main GREYLINT_MUTATION=1 GOFLAGS=-p=1 $$gremlins unleash --workers $(WORKERS) --timeout-coefficient 20 -S lt $$ex $(GREMLINS_FLAGS) $$p || exit 1; \
	done
