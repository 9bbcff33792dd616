# nahbar: one image for the API, the workers and the one-off commands (setup, migrations).
# Built by its users (`docker build -t nahbar .`); the project's CI cannot run Docker, so every
# command below is an npm script that CI does run (see docs/operations.md, "Containers").

# --- build: dev dependencies, TypeScript compile ---
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY migrations ./migrations
COPY bench ./bench
RUN npm run build

# --- runtime: production dependencies and the compiled code only ---
FROM node:22-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: no dependency runs an install script in the image (none is needed at run time).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY deploy ./deploy
# The postal-code CSV is not part of the project; mount it and pass --postal-codes to setup.
USER node
EXPOSE 3000
# The API by default; workers run `npm run start:worker` with WORKER_HEALTH_PORT set.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["npm", "run", "--silent", "health:check"]
CMD ["npm", "start"]
