# Mercantil HTTP server image (embedded profile by default; set DATABASE_URL / MERCANTIL_PROFILE=aws to scale out).
#
#   docker build -t mercantil .
#   docker run -p 3000:3000 -v mercantil-data:/data mercantil
#
# The build stage compiles TypeScript with tsc (esbuild-style transpilers drop the
# decorator metadata Nest's DI needs); the runtime stage holds production dependencies only.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
RUN npm run build

# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS production
WORKDIR /app

ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data \
    NPM_CONFIG_UPDATE_NOTIFIER=false

COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
    && npm cache clean --force

# Application code stays root-owned (read-only for the process); only /data is writable.
COPY --from=build /app/dist ./dist

RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]

USER node
EXPOSE 3000

# Slim images ship no curl: probe with node's built-in fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "dist/main.js"]
