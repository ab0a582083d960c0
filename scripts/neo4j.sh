#!/bin/sh
# Runs a real Neo4j 5 (Community, embedded by tools/neo4j-server) on
# loopback for the tests and for development. Needs Java 17+ and Maven.
#
#   scripts/neo4j.sh build         build the launcher (once; reused after)
#   scripts/neo4j.sh start         start it in the background; prints
#                                  `export NEO4J_URI=bolt://127.0.0.1:PORT`,
#                                  so: eval "$(scripts/neo4j.sh start)"
#   scripts/neo4j.sh stop          stop what `start` started
#   scripts/neo4j.sh status        print the URI if it is running
#   scripts/neo4j.sh run [ARGS]    run it in the foreground (exec; tests use
#                                  this for a server of their own). ARGS go to
#                                  the launcher: --port N --data DIR
#                                  --page-cache-mb N --stop-on-stdin-eof
#   scripts/neo4j.sh admin ARGS    neo4j-admin on the same jars, for the
#                                  launcher directory NEO4J_HOME (e.g.
#                                  `admin database import full …`: a
#                                  stopped server's --data DIR)
#
# Environment: NEO4J_PORT (start; default 0 = any free port), NEO4J_DATA
# (start; default a temporary directory removed at stop), NEO4J_HEAP
# (default 1g), NEO4J_START_TIMEOUT (seconds, default 300), NEO4J_RUN_DIR
# (pid and log; default ${TMPDIR:-/tmp}/reportgraph-neo4j).
#
# Build output and progress go to stderr; stdout carries only the export
# line, so `eval` is safe.
set -eu

root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root/tools/neo4j-server"
target="$src/target"
run_dir="${NEO4J_RUN_DIR:-${TMPDIR:-/tmp}/reportgraph-neo4j}"
pid_file="$run_dir/neo4j.pid"
log_file="$run_dir/neo4j.log"
uri_file="$run_dir/neo4j.uri"

say() { printf 'neo4j.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

need_tools() {
	for tool in java mvn; do
		command -v "$tool" >/dev/null 2>&1 ||
			die "$tool not found: the Neo4j launcher needs Java 17+ and Maven (apt-get install openjdk-17-jdk-headless maven)"
	done
}

# build compiles the launcher and copies its jars into target/lib, unless a
# previous build is newer than every source file.
build() {
	need_tools
	stamp="$target/.built"
	if [ -f "$stamp" ] && [ -z "$(find "$src/pom.xml" "$src/src" -newer "$stamp" 2>/dev/null | head -n 1)" ]; then
		return 0
	fi
	mkdir -p "$target"
	# Parallel test packages may build at once: one builds, the others wait.
	exec 9>"$target/.lock"
	if command -v flock >/dev/null 2>&1; then
		flock 9
		if [ -f "$stamp" ] && [ -z "$(find "$src/pom.xml" "$src/src" -newer "$stamp" 2>/dev/null | head -n 1)" ]; then
			exec 9>&-
			return 0
		fi
	fi
	say "building tools/neo4j-server (the first build downloads about 170 MB from Maven Central)"
	# Maven's output goes to a file, shown only when the build fails.
	if ! (cd "$src" && mvn -B -q package) >"$target/build.log" 2>&1; then
		tail -n 60 "$target/build.log" >&2
		die "mvn package in tools/neo4j-server failed (log: $target/build.log)"
	fi
	touch "$stamp"
	exec 9>&-
}

# launch execs the JVM in the place of this shell, so signals reach it.
launch() {
	# The --add-opens and netty flags are the ones Neo4j's own start script
	# passes; the heap and page cache are bounded so tests fit beside CI.
	exec java "-Xmx${NEO4J_HEAP:-1g}" -Xss1m \
		-XX:+UseG1GC -XX:-OmitStackTraceInFastThrow \
		--add-opens=java.base/java.nio=ALL-UNNAMED \
		--add-opens=java.base/java.io=ALL-UNNAMED \
		--add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
		-Dio.netty.tryReflectionSetAccessible=true \
		-Dlog4j2.disable.jmx=true \
		-cp "$target/classes:$target/lib/*" reportgraph.neo4jserver.Main "$@"
}

running_pid() {
	[ -f "$pid_file" ] || return 1
	pid="$(cat "$pid_file")"
	kill -0 "$pid" 2>/dev/null || return 1
	echo "$pid"
}

start() {
	if running_pid >/dev/null; then
		echo "export NEO4J_URI=$(cat "$uri_file")"
		return 0
	fi
	build
	mkdir -p "$run_dir"
	rm -f "$uri_file"
	set -- --port "${NEO4J_PORT:-0}"
	[ -n "${NEO4J_DATA:-}" ] && set -- "$@" --data "$NEO4J_DATA"
	# Its own log file and no stdin: a background child must never hold the
	# caller's (CI's) stdout or stderr open.
	(launch "$@") </dev/null >"$log_file" 2>&1 &
	echo $! >"$pid_file"
	timeout="${NEO4J_START_TIMEOUT:-300}"
	began="$(date +%s)"
	say "starting Neo4j (log: $log_file)"
	while :; do
		waited=$(($(date +%s) - began))
		uri="$(sed -n 's/^READY \(bolt:.*\)$/\1/p' "$log_file" | head -n 1)"
		if [ -n "$uri" ]; then
			echo "$uri" >"$uri_file"
			say "ready at $uri after about ${waited}s"
			echo "export NEO4J_URI=$uri"
			return 0
		fi
		if ! running_pid >/dev/null; then
			tail -n 40 "$log_file" >&2
			die "Neo4j exited before it was ready (log: $log_file)"
		fi
		if [ "$waited" -ge "$timeout" ]; then
			tail -n 40 "$log_file" >&2
			stop
			die "Neo4j not ready after ${timeout}s (log: $log_file)"
		fi
		sleep 0.2
	done
}

stop() {
	pid="$(running_pid)" || { rm -f "$pid_file" "$uri_file"; return 0; }
	kill -TERM "$pid" 2>/dev/null || true
	began="$(date +%s)"
	waited=0
	while kill -0 "$pid" 2>/dev/null; do
		if [ "$waited" -ge 60 ]; then
			say "Neo4j (pid $pid) did not stop in 60s: killing it"
			kill -KILL "$pid" 2>/dev/null || true
			break
		fi
		sleep 0.2
		waited=$(($(date +%s) - began))
	done
	rm -f "$pid_file" "$uri_file"
}

case "${1:-}" in
build) build ;;
start) start ;;
stop) stop ;;
status)
	running_pid >/dev/null || die "not running"
	cat "$uri_file"
	;;
run)
	shift
	build
	launch "$@"
	;;
admin)
	shift
	[ -n "${NEO4J_HOME:-}" ] || die "admin: set NEO4J_HOME to the launcher's --data directory"
	mkdir -p "$NEO4J_HOME"
	build
	exec java "-Xmx${NEO4J_HEAP:-1g}" -cp "$target/classes:$target/lib/*" org.neo4j.cli.AdminTool "$@"
	;;
*)
	echo "usage: scripts/neo4j.sh build|start|stop|status|run [ARGS]|admin ARGS" >&2
	exit 2
	;;
esac
