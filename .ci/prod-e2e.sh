#!/usr/bin/env bash
# Starts the production deployment as `npm run start:prod` does (each service its own process on PostgreSQL, Redis
# and NATS JetStream; fresh databases, keys and event stream per run), runs the end-to-end files that make sense
# against a shared seeded stack through its URLs, then stops it with Ctrl-C and expects every process to exit.
set -euo pipefail
cd "$(dirname "$0")/.."
run="ci$(date +%s)"
data=$(mktemp -d)
export START_PROD_DATA_DIR="$data" START_PROD_DATABASE_PREFIX="ocg_${run}_" \
  EVENTS_STREAM="OCG_${run}" EVENTS_SUBJECT_PREFIX="$run" EVENTS_CONSUMER_PREFIX="$run" \
  PORT=15000 MARKET_REGULATION_PORT=15001 COMMERCE_PORT=15002 CUSTOMS_PORT=15003 FINANCE_PORT=15004 POSTAL_PORT=15005 \
  SEED_OPERATORS=120 LOG_LEVEL=warn
setsid npm run start:prod > .ci/out/start-prod.log 2>&1 &
pid=$!
drop_databases() {
  for db in $(psql -h 127.0.0.1 -U postgres -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'ocg_${run}_%'"); do
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" || true
  done
}
drop_stream() {
  node -e '
    const { connect } = require("@nats-io/transport-node");
    const { jetstreamManager } = require("@nats-io/jetstream");
    connect({ servers: "nats://127.0.0.1:4222" })
      .then(async (nc) => { await (await jetstreamManager(nc)).streams.delete(process.argv[1]).catch(() => {}); await nc.close(); })
      .catch(() => {});
  ' "$EVENTS_STREAM" || true
}
cleanup() { kill -KILL -- "-$pid" 2>/dev/null || true; drop_databases; drop_stream; rm -rf "$data"; }
trap cleanup EXIT
for _ in $(seq 1 300); do
  grep -q '"msg":"ready: ' .ci/out/start-prod.log && break
  kill -0 "$pid" 2>/dev/null || { echo "start:prod stopped"; cat .ci/out/start-prod.log; exit 1; }
  sleep 1
done
grep -q '"msg":"ready: ' .ci/out/start-prod.log || { echo "start:prod not ready"; cat .ci/out/start-prod.log; exit 1; }
OCG_E2E_TARGET=http://127.0.0.1:15000 npx jest test/e2e/authorization-flows.test.ts test/e2e/referrals.test.ts test/e2e/example-client.test.ts \
  --runInBand --json --outputFile=.ci/out/prod-e2e.json || { tail -n 50 .ci/out/start-prod.log; exit 1; }
kill -INT -- "-$pid"
for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$pid" 2>/dev/null; then echo "start:prod did not stop on Ctrl-C"; exit 1; fi
if pgrep -f "$PWD/dist/(subgraphs/[a-z-]+|gateway)/main.js" > /dev/null; then echo "a service outlived start:prod"; exit 1; fi
