#!/usr/bin/env bash
# Creates AeroSink connectors from the REST-shaped configs in config/ ({"name": ..., "config": {...}}), after
# substituting the values that differ per deployment. Re-running replaces connectors that already exist.
#
#   register-connectors.sh [CONFIG_FILE...]    (default: every config/aerospike-sink-*.json)
#
# Environment:
#   CONNECT_URL          worker REST address (default http://localhost:8083)
#   CONFIG_DIR           where the default configs are (default: config/ beside this script's directory)
#   AEROSPIKE_HOSTS      replaces "aerospike.hosts" when set
#   SCHEMA_REGISTRY_URL  replaces "value.converter.schema.registry.url" when set
#   WAIT_SECONDS         how long to wait for the worker (default 180)
set -euo pipefail

CONNECT_URL=${CONNECT_URL:-http://localhost:8083}
CONFIG_DIR=${CONFIG_DIR:-$(cd "$(dirname "$0")/.." && pwd)/config}
WAIT_SECONDS=${WAIT_SECONDS:-180}
CONNECTOR_CLASS=io.aerosink.connect.AerospikeSinkConnector

log() { echo "register-connectors: $*" >&2; }

wait_for_worker() {
  local deadline=$((SECONDS + WAIT_SECONDS))
  until curl -fsS "$CONNECT_URL/connector-plugins" -o /dev/null 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      log "Connect REST at $CONNECT_URL did not answer within ${WAIT_SECONDS}s"
      exit 1
    fi
    sleep 2
  done
  if ! curl -fsS "$CONNECT_URL/connector-plugins" | grep -q "$CONNECTOR_CLASS"; then
    log "the worker at $CONNECT_URL has no $CONNECTOR_CLASS: is the plugin built (mvn package) and on plugin.path?"
    exit 1
  fi
}

# Replaces the string value of one top-level config key; the files keep one "key": "value" pair per line.
set_value() {
  local key=$1 value=$2
  value=${value//\\/\\\\}
  value=${value//&/\\&}
  value=${value//#/\\#}
  sed -E "s#(\"${key//./\\.}\"[[:space:]]*:[[:space:]]*\")[^\"]*\"#\1${value}\"#"
}

render() {
  local content
  content=$(cat "$1")
  if [[ -n ${AEROSPIKE_HOSTS:-} ]]; then
    content=$(set_value aerospike.hosts "$AEROSPIKE_HOSTS" <<<"$content")
  fi
  if [[ -n ${SCHEMA_REGISTRY_URL:-} ]]; then
    content=$(set_value value.converter.schema.registry.url "$SCHEMA_REGISTRY_URL" <<<"$content")
  fi
  printf '%s\n' "$content"
}

connector_name() {
  sed -nE 's/^[[:space:]]*"name"[[:space:]]*:[[:space:]]*"([^"]+)".*/\1/p' "$1" | head -n 1
}

# POST answers 409 while the worker group rebalances (as it does right after a delete): retry for a while.
create() {
  local body=$1 response code attempt
  for attempt in $(seq 1 30); do
    response=$(curl -sS -X POST -H 'Content-Type: application/json' --data "$body" -w '\n%{http_code}' \
      "$CONNECT_URL/connectors")
    code=${response##*$'\n'}
    case $code in
      201) return 0 ;;
      409) sleep 2 ;;
      *) log "creating failed with HTTP $code: ${response%$'\n'*}"; return 1 ;;
    esac
  done
  log "creating still conflicted after $attempt tries: ${response%$'\n'*}"
  return 1
}

register() {
  local file=$1 name
  name=$(connector_name "$file")
  if [[ $(curl -sS -o /dev/null -w '%{http_code}' "$CONNECT_URL/connectors/$name") == 200 ]]; then
    log "replacing existing connector $name"
    curl -fsS -X DELETE "$CONNECT_URL/connectors/$name" -o /dev/null
  fi
  create "$(render "$file")"
  log "created $name from $(basename "$file")"
}

main() {
  local files=("$@")
  if ((${#files[@]} == 0)); then
    files=("$CONFIG_DIR"/aerospike-sink-*.json)
  fi
  wait_for_worker
  for file in "${files[@]}"; do
    register "$file"
  done
  sleep 5
  for file in "${files[@]}"; do
    log "$(curl -fsS "$CONNECT_URL/connectors/$(connector_name "$file")/status" || true)"
  done
}

main "$@"
