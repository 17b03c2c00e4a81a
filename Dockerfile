# One image for every service of the operator credit graph; docker-compose.yml picks the entry point.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY shared ./shared
COPY gateway ./gateway
COPY launch ./launch
COPY subgraphs ./subgraphs
COPY deploy ./deploy
RUN npx tsc -p tsconfig.json && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/gateway/supergraph.graphql ./gateway/supergraph.graphql
COPY operations/manifest.json ./operations/manifest.json
RUN mkdir -p /app/data/keys /app/data/audit && chown -R node:node /app/data
USER node
CMD ["node", "dist/launch/start-all.js"]
