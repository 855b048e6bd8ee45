#!/usr/bin/env bash
# One network scenario of examples-network, built by hand so you can watch it (and read every
# ip / nft command it runs): hosts are network namespaces on a bridge, the fault is an nftables
# rule. Needs root, iproute2, nftables (and dnsmasq for `dns`), and the lab built once
# (./mvnw -q -DskipTests package). Everything is removed when it ends or on Ctrl-C.
#   sudo examples-network/scenario.sh blackhole   # a cut link: keepalive vs a deadline
#   sudo examples-network/scenario.sh middlebox   # a router that forgets idle connections
#   sudo examples-network/scenario.sh backoff     # reconnect attempts, SYN by SYN
#   sudo examples-network/scenario.sh dns         # round_robin over a name; a backend leaves DNS
# The tests run the same scenarios with assertions: examples-network/src/test/java/lab/network.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:-}
P=labdemo # namespace names: labdemo-client, labdemo-server, ... and labdemo-sw (the bridges)
PORT=50090
cp_file=examples-network/target/classpath.txt
[ -f "$cp_file" ] || { echo "build the lab first: ./mvnw -q -DskipTests package"; exit 1; }
[ "$(id -u)" = 0 ] || { echo "network namespaces need root: sudo $0 $scenario"; exit 1; }
CP="examples-network/target/classes:$(cat "$cp_file")"
work=$(mktemp -d)

remove_hosts() {
  for ns in $(ip netns list | awk '{print $1}' | grep "^$P-" || true); do
    ip netns pids "$ns" | xargs -r kill -9 2>/dev/null || true
    ip netns delete "$ns"
    rm -rf "/etc/netns/$ns"
  done
}
trap 'disown -a 2>/dev/null; remove_hosts; rm -rf "$work"' EXIT
remove_hosts # left by a previous run cut short

say() { echo "[$(date +%T)] $*"; }
in_ns() { local h=$1; shift; ip netns exec "$P-$h" "$@"; }
java_in() { local h=$1 main=$2; shift 2; in_ns "$h" java -cp "$CP" "lab.network.$main" "$@"; }

# host NAME SEGMENT N [DEV]: a namespace with DEV (eth0) on bridge brSEGMENT at 10.77.SEG.N
host() {
  local name=$1 seg=$2 n=$3 dev=${4:-eth0}
  ip netns list | grep -q "^$P-$name\b" || { ip netns add "$P-$name"; ip -n "$P-$name" link set lo up; }
  ip -n "$P-sw" link show "br$seg" >/dev/null 2>&1 \
    || { ip -n "$P-sw" link add "br$seg" type bridge; ip -n "$P-sw" link set "br$seg" up; }
  ip -n "$P-sw" link add "$name-$seg" type veth peer name "$dev" netns "$P-$name"
  ip -n "$P-sw" link set "$name-$seg" master "br$seg" up
  ip -n "$P-$name" addr add "10.77.$seg.$n/24" dev "$dev"
  ip -n "$P-$name" addr add "fd77:$seg::$n/64" dev "$dev" nodad
  ip -n "$P-$name" link set "$dev" up
}

# server HOST [flags]: NetworkServer on every address of HOST, in the background
server() {
  local h=$1; shift
  java_in "$h" NetworkServer --bind :: --name "$h" "$@" >"$work/$h.log" 2>&1 &
  for _ in $(seq 300); do grep -q "Listening on" "$work/$h.log" && return 0; sleep 0.1; done
  echo "$h did not start:"; cat "$work/$h.log"; exit 1
}

ip netns add "$P-sw"
case "$scenario" in
  blackhole)
    host client 0 1; host server 0 2; server server
    say "two clients follow a stream of beats; in 3 s the link is cut (packets dropped on the bridge)"
    java_in client NetworkClient --target 10.77.0.2:$PORT --keepalive-ms 10000 \
      --keepalive-timeout-ms 2000 | sed -u 's/^/  [keepalive 10+2 s] /' &
    java_in client NetworkClient --target 10.77.0.2:$PORT --deadline-ms 25000 \
      | sed -u 's/^/  [deadline 25 s]    /' &
    sleep 3
    say "cut: nft add table bridge faults ... drop (both ways)"
    in_ns sw nft -f - <<EOF
table bridge faults {
  chain cut {
    type filter hook forward priority 0;
    ip saddr 10.77.0.1 ip daddr 10.77.0.2 drop
    ip saddr 10.77.0.2 ip daddr 10.77.0.1 drop
  }
}
EOF
    wait ;;
  middlebox)
    host client 0 1; host server 1 1; host box 0 254; host box 1 254 eth1
    in_ns client ip route add default via 10.77.0.254
    in_ns server ip route add default via 10.77.1.254
    in_ns box sysctl -q -w net.ipv4.ip_forward=1
    in_ns box nft -f - <<EOF
table inet box {
  chain forward {
    type filter hook forward priority 0; policy drop;
    ct state established,related accept
    tcp flags & (syn | ack) == syn ct state new accept
  }
}
EOF
    in_ns box sysctl -q -w net.netfilter.nf_conntrack_tcp_timeout_established=15 \
      net.netfilter.nf_conntrack_tcp_loose=0
    server server --permit-keepalive-ms 5000 --permit-without-calls
    say "the box forgets a connection after 15 s without a packet; both clients sit idle 20 s"
    java_in client NetworkClient --target 10.77.1.1:$PORT --mode idle --idle-ms 20000 \
      --deadline-ms 3000 | sed -u 's/^/  [no keepalive]   /' &
    java_in client NetworkClient --target 10.77.1.1:$PORT --mode idle --idle-ms 20000 \
      --deadline-ms 3000 --keepalive-ms 10000 --keepalive-without-calls \
      | sed -u 's/^/  [keepalive 10 s] /' &
    wait ;;
  backoff)
    host client 0 1; host server 0 2; server server
    in_ns sw nft -f - <<EOF
table bridge wire {
  chain syns {
    type filter hook forward priority 0;
    ip saddr 10.77.0.1 ip daddr 10.77.0.2 tcp flags & (syn | ack) == syn meta nftrace set 1
  }
}
EOF
    in_ns server nft add table inet refuse
    in_ns server nft "add chain inet refuse in { type filter hook input priority 0; }"
    in_ns server nft add rule inet refuse in tcp dport $PORT reject with tcp reset
    say "the server's host refuses connections for 15 s; every SYN on the wire is printed"
    in_ns sw stdbuf -oL nft monitor trace | grep --line-buffered ' packet: ' \
      | while read -r _; do say "  SYN on the wire"; done &
    java_in client NetworkClient --target 10.77.0.2:$PORT --mode ready --interval-ms 2000 \
      | sed -u 's/^/  [client] /' &
    client=$!
    sleep 15
    say "the host accepts again: nft delete table inet refuse"
    in_ns server nft delete table inet refuse
    wait $client ;;
  dns)
    command -v dnsmasq >/dev/null || { echo "dnsmasq not found: apt-get install -y dnsmasq"; exit 1; }
    host dns 0 1; host client 0 2; host backend1 0 3; host backend2 0 4; host backend3 0 5
    printf '10.77.0.3 video.lab\n10.77.0.4 video.lab\n10.77.0.5 video.lab\n' >"$work/hosts"
    in_ns dns dnsmasq --no-daemon --user=root --no-resolv --no-hosts --bind-interfaces \
      --listen-address=10.77.0.1 --local-ttl=0 --addn-hosts="$work/hosts" 2>"$work/dns.log" &
    mkdir -p "/etc/netns/$P-client"; echo "nameserver 10.77.0.1" >"/etc/netns/$P-client/resolv.conf"
    server backend1; server backend2; server backend3 --max-connection-age-ms 3000
    say "round_robin over dns:///video.lab:$PORT; in 3 s backend3 leaves DNS (it keeps running)"
    # no DNS caching in the client: grpc-java's (networkaddress.cache.ttl) nor the JVM's
    JAVA_TOOL_OPTIONS="-Dnetworkaddress.cache.ttl=0 -Dsun.net.inetaddr.ttl=0" \
      java_in client NetworkClient --target "dns:///video.lab:$PORT" --mode calls \
      --policy round_robin --calls 200 --interval-ms 50 >"$work/calls.log" 2>&1 &
    client=$!
    sleep 3
    printf '10.77.0.3 video.lab\n10.77.0.4 video.lab\n' >"$work/hosts"
    in_ns dns pkill -HUP dnsmasq
    say "backend3 removed from DNS; calls per backend, per second:"
    for _ in $(seq 8); do
      sleep 1
      tail -n 20 "$work/calls.log" | grep -o 'from backend[0-9]' | sort | uniq -c | tr '\n' ' '
      echo
    done
    wait $client ;;
  *)
    sed -n '2,10p' "$0"; exit 2 ;;
esac
