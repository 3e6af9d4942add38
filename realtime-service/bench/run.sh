#!/usr/bin/env bash
# Side-by-side benchmark: the Java engine (BenchServer, test classes) vs the Node socket.io 4.x
# reference server, both driven by the same load client (node/load.js). See README.md.
#
# Needs (from the repository root, once):
#   mvn -B -pl realtime-service/engine test-compile
# Scale with: CLIENTS_MEMORY=10000 CLIENTS=1000 RATE=2000 SECONDS=10 FANOUTS=50 SERVERS=java,node
# (and SETTLE_MS=3000, WARMUP_SECONDS=20; PHASE_SECONDS is the same as SECONDS).
# Also: JAVA_OPTS (JVM flags of the Java server) and OUT (where the logs and JSON lines go;
# default realtime-service/target/bench).
env_seconds=$SECONDS # first line on purpose: bash imports SECONDS from the environment, then counts up
set -euo pipefail

CLIENTS_MEMORY=${CLIENTS_MEMORY:-10000}
CLIENTS=${CLIENTS:-1000}
RATE=${RATE:-2000}
PHASE_SECONDS=${PHASE_SECONDS:-$((env_seconds > 0 ? env_seconds : 10))}
FANOUTS=${FANOUTS:-50}
SERVERS=${SERVERS:-java,node}
SETTLE_MS=${SETTLE_MS:-3000}
WARMUP_SECONDS=${WARMUP_SECONDS:-20}
# SerialGC with a small initial heap: the heap grows with the live set, so the RSS follows what the
# connections need (G1 with its default sizing touches more eden and keeps more card-table/remembered
# set memory; see README "JVM flags"). Override to compare, e.g. JAVA_OPTS=-XX:+UseG1GC.
# A 64 MB young generation: acks allocate, and with a tiny one minor collections every few hundred
# milliseconds showed up as the ack p99 (3.7 ms with -Xms16m against 1.4 ms with this, same machine).
# Netty's leak detector samples buffers and records a stack trace for each sample (perf showed it on
# the ack path); it is off in the service's flags too (terraform/modules/realtime) and on in tests.
JAVA_OPTS=${JAVA_OPTS:--XX:+UseSerialGC -Xms96m -Xmn64m -Xmx512m -Dio.netty.leakDetection.level=disabled}
# One event loop: the load client occupies the other core of a 2-core machine, and the Node reference
# is one thread too. The engine's default is one loop per core (2 on a 2-vCPU instance); IO_THREADS=2
# measures that (on this machine: more CPU per ack, from the two loops' wake-ups).
IO_THREADS=${IO_THREADS:-1}
MVN_ARGS=${MVN_ARGS:-}

bench=$(cd "$(dirname "$0")" && pwd)
service=$(dirname "$bench")
repo=$(dirname "$service")
OUT=${OUT:-$service/target/bench}
mkdir -p "$OUT"

# Each client is one file descriptor in the load client and one in the server.
need=$((CLIENTS_MEMORY + CLIENTS + 500))
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$need" ]; then
  echo "open files limit $(ulimit -n) < $need: raise the hard limit (ulimit -Hn) or lower CLIENTS_MEMORY" >&2
  exit 1
fi

# --- the Java server: the engine module's compiled test classes + its test classpath ---
engine="$service/engine"
if [ ! -f "$engine/target/test-classes/com/utalk/realtime/socketio/BenchServer.class" ] || [ ! -s "$engine/target/test-classpath.txt" ]; then
  echo "BenchServer is not compiled: run (from $repo)" >&2
  echo "  mvn -B -pl realtime-service/engine test-compile" >&2
  exit 1
fi
classpath="$engine/target/test-classes:$engine/target/classes:$(cat "$engine/target/test-classpath.txt")"

# --- the Node side: socket.io (server) and socket.io-client (load), from the committed lock file ---
if [ ! -f "$bench/node/node_modules/.package-lock.json" ] || [ "$bench/node/package-lock.json" -nt "$bench/node/node_modules/.package-lock.json" ]; then
  (cd "$bench/node" && npm ci --no-audit --no-fund)
fi

server_pid=
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  server_pid=
}
trap stop_server EXIT

run_one() { # $1 = java | node
  local name=$1 log="$OUT/$1-server.log" gc port=
  case $name in
    java) java $JAVA_OPTS -Dbench.ioThreads="$IO_THREADS" -cp "$classpath" com.utalk.realtime.socketio.BenchServer 0 >"$log" 2>&1 &
          gc=java ;;
    node) node --expose-gc "$bench/node/reference-server.js" 0 >"$log" 2>&1 &
          gc=node ;;
    *) echo "unknown server $name" >&2; exit 1 ;;
  esac
  server_pid=$! # the java / node process itself (no wrapper), so its RSS is the server's
  for _ in $(seq 300); do
    port=$(sed -n 's/^listening on //p' "$log")
    [ -n "$port" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$port" ] || { echo "$name server did not start" >&2; cat "$log" >&2; exit 1; }
  echo "== $name server: port $port, pid $server_pid" >&2
  # The load client holds every connection: give it room (10,000 socket.io clients need ~1 GB).
  node --max-old-space-size=4096 "$bench/node/load.js" --url "http://127.0.0.1:$port" --pid "$server_pid" --gc "$gc" \
    --clients-memory "$CLIENTS_MEMORY" --clients "$CLIENTS" --rate "$RATE" --seconds "$PHASE_SECONDS" \
    --fanouts "$FANOUTS" --settle-ms "$SETTLE_MS" --warmup-seconds "$WARMUP_SECONDS" | tee "$OUT/$name.jsonl"
  stop_server
  sleep 2 # let the closed connections drain before the next server
}

echo "clients(memory)=$CLIENTS_MEMORY clients=$CLIENTS rate=$RATE/s seconds=$PHASE_SECONDS fanouts=$FANOUTS" \
  "servers=$SERVERS java_opts='$JAVA_OPTS' io_threads=$IO_THREADS cores=$(nproc)" | tee "$OUT/settings.txt" >&2
for server in ${SERVERS//,/ }; do
  run_one "$server"
done
node "$bench/node/table.js" "$OUT" ${SERVERS//,/ } | tee "$OUT/table.md"
