# Sourced before every documented shell block the docs runner executes (from the repo root).
# It changes how two commands run, never what the block says:
#  - `./run MODULE MAIN ...` starts the main straight from target/classes (the exec line of
#    ./run, without its Maven step: the reactor has just built every module). A main the
#    block's `<!-- docs: server ... -->` marker already started is not started twice.
#  - `grpcurl ...` is replayed as the equivalent `buf curl` call (buf is the gRPC CLI that
#    .ci/run installs); the servers' reflection gives buf the schema, so -proto is dropped.
# A command that fails prints "DOCS-FAILED line N exit S" on stderr: the runner maps the
# line back to the markdown file and fails, unless the line's comment says it fails.
set -o pipefail
export PATH="$PWD/.ci/tools/node_modules/.bin:$PATH"
trap 'echo "DOCS-FAILED line $LINENO exit $?" >&2' ERR

./run() {
  local module=${1%/} main=$2 class
  shift 2
  case " ${DOCS_SERVERS:-} " in
    *" $module/$main "*) echo "(docs runner: $main is already running)"; return 0 ;;
  esac
  case "$main" in
    *.*) class=$main ;;
    *) local pkg=${module#examples-}; class="lab.${pkg#lab-}.$main" ;;
  esac
  java -Djava.util.logging.SimpleFormatter.format='%1$tT %4$s %3$s: %5$s%6$s%n' \
    -cp "$module/target/classes:$(cat "$module/target/classpath.txt")" "$class" "$@"
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
