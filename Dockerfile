# syntax=docker/dockerfile:1
# Hookflow image: one image for every role (ROLE=all | api | worker).
#   docker build -t hookflow .
#   docker run -p 3000:3000 -v hookflow-data:/app/data hookflow        # embedded mode (PGlite)
#   docker compose up                                                  # server mode, see docker-compose.yml

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- deps: every workspace's dependencies, dev ones included (needed to build) ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY backend/package.json backend/
COPY frontend/package.json frontend/
RUN npm ci --no-audit --no-fund

# ---- build: shared (tsc), frontend (vite), backend (tsc) ----
FROM deps AS build
# .dockerignore keeps node_modules, dist, data and .git out of the context.
COPY . .
RUN npm run build

# ---- runtime: production dependencies and the three build outputs only ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    SCARF_ANALYTICS=false \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY backend/package.json backend/
COPY frontend/package.json frontend/
# The frontend's dependencies are bundled into frontend/dist, so only the root (ioredis), shared
# and backend get production installs.
RUN npm ci --omit=dev --no-audit --no-fund \
        --workspace=shared --workspace=backend --include-workspace-root \
    && npm cache clean --force \
    && mkdir -p /app/data && chown node:node /app/data
COPY --from=build /app/shared/dist shared/dist
COPY --from=build /app/backend/dist backend/dist
COPY --from=build /app/frontend/dist frontend/dist

# Application files stay root-owned (read-only to the process); only DATA_DIR is writable.
USER node
EXPOSE 3000
# Liveness: every role (all, api, worker) listens on PORT and answers /healthz.
# Slim images have no curl: Node's fetch does the check. docker-compose.yml checks /readyz instead.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "backend/dist/main.js"]
