# syntax=docker/dockerfile:1

# ---- build: compile TypeScript with the dev dependencies ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# ---- runtime: production dependencies, compiled code, catalog and intents ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/var/lib/minzheng \
    CATALOG_DIR=/app/data \
    INTENTS_DIR=/app/intents \
    SCOPE_MODEL_FILE=/app/data/scope-model.json \
    HTTP_PORT=8080
WORKDIR /app
# The printed checklist (PDF) embeds a CJK font: Debian's WenQuanYi Micro Hei (CJK_FONT_FILE to use another).
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-wqy-microhei \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY data ./data
COPY intents ./intents
COPY web ./web
RUN mkdir -p /var/lib/minzheng && chown node:node /var/lib/minzheng
USER node
VOLUME ["/var/lib/minzheng"]
EXPOSE 8080
# The bot answers /healthz (200 once fully started, 503 while starting) in polling and webhook mode alike.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The command-line tools run compiled too (the image has neither tsx nor src), e.g.
#   docker exec minzheng npm run --silent reminders:prod -- run --dry-run
#   docker exec minzheng npm run --silent report:prod -- --period 上月
CMD ["node", "dist/src/main.js"]
