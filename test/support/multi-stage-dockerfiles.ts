/**
 * Realistic multi-stage Dockerfiles for the test-stage rule (stage graph, config check, init, doctor): the two
 * shapes met in real projects whose test stage does not derive from production, and two that do.
 */

/** Real-project shape 1: the Go test stage is built FROM the builder (toolchain) stage, not FROM production. */
export const GO_FROM_BUILDER = `# syntax=docker/dockerfile:1
FROM golang:1.23 AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

FROM gcr.io/distroless/static-debian12:nonroot AS production
COPY --from=builder /out/api /api
USER nonroot
ENTRYPOINT ["/api"]

FROM builder AS test
RUN go test ./...
`;

/** Real-project shape 2: the test stage starts again FROM golang and copies the candidate's binary in. */
export const GO_FROM_GOLANG = `FROM golang:1.23-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/svc .

FROM scratch AS production
COPY --from=build /out/svc /svc
ENTRYPOINT ["/svc"]

FROM golang:1.23 AS test
WORKDIR /src
COPY . .
COPY --from=production /svc /candidate/svc
RUN go test ./... && /candidate/svc -version
`;

/** Node: the test stage is FROM production (derived), with dev dependencies added. */
export const NODE_DERIVED = `FROM node:20.20.2-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

FROM node:20.20.2-bookworm-slim AS production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY src ./src
USER node
CMD ["node", "src/server.js"]

FROM production AS test
COPY --from=deps /app/node_modules ./node_modules
COPY test ./test
RUN node --test
`;

/** Python: test derives through an intermediate stage (production → app-debug → tests). */
export const PYTHON_TWO_HOPS = `FROM python:3.12-slim AS builder
RUN python -m venv /venv && /venv/bin/pip install flask

FROM python:3.12-slim AS Production
COPY --from=builder /venv /venv
USER 10001

FROM production AS app-debug
RUN /venv/bin/pip install debugpy

FROM app-debug AS tests
COPY tests ./tests
RUN /venv/bin/python -m pytest
`;
