# A list of Go commands; the logic lives in Go.
GO ?= go

.PHONY: build test lint bench docs check

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

check: lint test
	$(GO) run ./cmd/greylint testdata/valid
