# syntax=docker/dockerfile:1

# dockyard's own image: the CLI (`dockyard synth`, `validate`, `commit`, ...) in a small Node.js image.
# Built and published by .github/workflows/dockyard-image.yml, which .projenrc.ts generates with
# dockyard's projen component (see docs/projen.md).

# ---------------------------------------------------------------------------
# deps: production dependencies only, from the lockfile. Install scripts are
# skipped (`prepare` would compile with the dev dependencies absent).
# ---------------------------------------------------------------------------
FROM node:20.20.2-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# ---------------------------------------------------------------------------
# build: all dependencies, the TypeScript compiler and esbuild; emits lib/ (the
# library API) and dist/cli/ (the bundled CLI that bin/dockyard.js runs).
# ---------------------------------------------------------------------------
FROM node:20.20.2-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY scripts/bundle-cli.mjs scripts/bundle-cli-lib.mjs ./scripts/
RUN npx tsc --build && node scripts/bundle-cli.mjs

# ---------------------------------------------------------------------------
# production: the published image. Runs as the unprivileged `node` user that
# the official image provides; `dockyard` is on the PATH and is the entrypoint.
# ---------------------------------------------------------------------------
FROM node:20.20.2-bookworm-slim AS production
ARG BUILD_VERSION=dev
ARG GIT_COMMIT=unknown
LABEL org.opencontainers.image.title="dockyard" \
      org.opencontainers.image.description="Turn one typed config into complete, validated container-image pipelines for GitHub Actions and GitLab CI." \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${BUILD_VERSION}" \
      org.opencontainers.image.revision="${GIT_COMMIT}"
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/lib ./lib
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY schema ./schema
COPY templates ./templates
RUN chmod 0755 bin/dockyard.js && ln -s /app/bin/dockyard.js /usr/local/bin/dockyard
USER node
WORKDIR /work
# A CLI, not a service: there is nothing to probe.
HEALTHCHECK NONE
ENTRYPOINT ["dockyard"]
CMD ["--help"]

# ---------------------------------------------------------------------------
# test: the production image, exercised. It must stay `FROM production`, so
# the checks run against exactly what gets published (CI may substitute the
# already-built candidate image for `production`).
# ---------------------------------------------------------------------------
FROM production AS test
RUN ["dockyard", "--version"]
RUN printf '%s\n' '{"ci":["github","gitlab"],"image":{"name":"acme/api"},"test":{"commands":["true"]}}' > /tmp/dockyard.config.json \
    && dockyard synth --dir /tmp --stdout > /tmp/synth.out \
    && grep -q 'docker/build-push-action' /tmp/synth.out
