# syntax=docker/dockerfile:1
# region-lock-bot, built with exactly the README's production install (section "Production install"):
#   npm ci && npm run build && npm prune --omit=dev, then `node bin/region-lock-bot.js train`.
# There is no Docker engine on the machines this project is developed and tested on: this file mirrors
# those tested steps; it has not been built here.

# --- build: compilers for better-sqlite3, dev dependencies for TypeScript ---------------------------
FROM node:22-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN npm ci && npm run build && npm prune --omit=dev \
 && node bin/region-lock-bot.js train

# --- run: no compiler, no TypeScript, not root ---------------------------------------------------
FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=build --chown=root:root /app /app
# The trained model is read from /app/.cache; the embedded store (no REDIS_URL) writes to /data.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "bin/region-lock-bot.js", "start"]
