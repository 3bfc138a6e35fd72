# A list of Go commands; the logic lives in Go. CI runs `make check` (and,
# after it, only what needs tools a developer may not have: .ci/run).
GO ?= go

.PHONY: build test lint bench bench-cli docs dogfood check

build:
	$(GO) build ./...

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
