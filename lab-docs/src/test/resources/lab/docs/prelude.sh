# Sourced before every documented shell block the docs runner executes (from the repo root).
# It changes how two commands run, never what the block says:
#  - `./run MODULE MAIN ...` starts the main straight from target/classes (the exec line of
#    ./run, without its Maven step: the reactor has just built every module). A main the
#    block's `<!-- docs: server ... -->` marker already started is not started twice.
#  - `grpcurl ...` is replayed as the equivalent `buf curl` call (buf is the gRPC CLI that
#    .ci/run installs); the servers' reflection gives buf the schema, so -proto is dropped.
# `docs_server MODULE MAIN [flags] [listens=N]` (what a `<!-- docs: server -->` marker becomes)
# starts a main in the background and waits, bounded, until it logs where it listens.
# Then it is stopped (SIGTERM, bounded) when the block ends, and its log printed.
# A command that fails prints "DOCS-FAILED line N exit S" on stderr: the runner maps the
# line back to the markdown file and fails, unless the line's comment says it fails.
set -o pipefail
export PATH="$PWD/.ci/tools/node_modules/.bin:$PATH"
trap 'echo "DOCS-FAILED line $LINENO exit $?" >&2' ERR

DOCS_PIDS=()
DOCS_LOGS=()
_docs_java() {
  local module=${1%/} main=$2 class
  shift 2
  case "$main" in
    *.*) class=$main ;;
    *) local pkg=${module#examples-}; class="lab.${pkg#lab-}.$main" ;;
  esac
  exec java -Djava.util.logging.SimpleFormatter.format='%1$tT %4$s %3$s: %5$s%6$s%n' \
    -cp "$module/target/classes:$(cat "$module/target/classpath.txt")" "$class" "$@"
}

docs_server() {
  local args=("$@") listens=1 log pid
  case "${args[-1]}" in listens=*) listens=${args[-1]#listens=}; unset 'args[-1]' ;; esac
  log=$(mktemp)
  DOCS_LOGS+=("$log")
  # exec: the background job IS the JVM, so stopping it is one SIGTERM (a graceful shutdown).
  ( _docs_java "${args[@]}" ) >"$log" 2>&1 &
  pid=$!
  DOCS_PIDS+=("$pid")
  for _ in $(seq 600); do   # 60 s at most
    if [ "$(grep -cE '\bon 127\.0\.0\.1:[0-9]+' "$log")" -ge "$listens" ]; then return 0; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "DOCS-SERVER-FAILED: $1 $2 did not log where it listens (need $listens); its output:"
  cat "$log"
  exit 97
}

docs_stop() {
  [ ${#DOCS_LOGS[@]} -gt 0 ] || return 0
  local pid
  for pid in "${DOCS_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${DOCS_PIDS[@]}"; do
    for _ in $(seq 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  DOCS_PIDS=()
  echo "DOCS-SERVER-LOGS"
  for log in "${DOCS_LOGS[@]}"; do cat "$log"; rm -f "$log"; done
  DOCS_LOGS=()
}
trap docs_stop EXIT

./run() {
  case " ${DOCS_SERVERS:-} " in
    *" ${1%/}/$2 "*) echo "(docs runner: $2 is already running)"; return 0 ;;
  esac
  ( _docs_java "$@" )
}

grpcurl() {
  local args=(--protocol grpc) scheme=http addr='' method='' list=''
  while [ $# -gt 0 ]; do
    case "$1" in
      -plaintext|--plaintext) args+=(--http2-prior-knowledge) ;;
      -insecure|--insecure) args+=(-k); scheme=https ;;
      -H) args+=(-H "$2"); shift ;;
      -d) if [ "$2" = @ ]; then args+=(-d @-); else args+=(-d "$2"); fi; shift ;;
      -proto|--proto|-import-path) shift ;;
      -max-time) args+=(--timeout "${2}s"); shift ;;
      -v|-vv) args+=(-v) ;;
      list) list=1 ;;
      */*) method=$1 ;;
      *) addr=$1 ;;
    esac
    shift
  done
  if [ -n "$list" ]; then
    buf curl "${args[@]}" --list-services "$scheme://$addr"
  else
    buf curl "${args[@]}" "$scheme://$addr/$method"
  fi
}
