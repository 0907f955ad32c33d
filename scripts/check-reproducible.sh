#!/usr/bin/env bash
# Shows that the published jars are reproducible: builds the committed tree (HEAD) twice, each time from its own
# fresh copy in its own directory (so its own target dirs), and compares the sha256 of every published jar
# (main, sources, Javadoc) and of the BOM's POM. Exit 0 when all are byte-identical.
# Not run by CI (two builds of about a minute each). Usage: scripts/check-reproducible.sh
# MVN overrides the Maven command, e.g. MVN="flock /tmp/desknotify-build.lock mvn".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mvn_cmd=${MVN:-mvn}
modules=(notify-api notify-core notify-transport-http notify-testkit notify-spring-boot-starter)
work=$(mktemp -d "${TMPDIR:-/tmp}/desknotify-reproducible.XXXXXX")
trap 'rm -rf "$work"' EXIT

commit=$(git -C "$root" rev-parse HEAD)
echo "commit $commit"
for n in 1 2; do
  mkdir -p "$work/build-$n"
  git -C "$root" archive "$commit" | tar -x -C "$work/build-$n"
  start=$(date +%s)
  # -pl: the published modules; -am builds the parent first. Tests were run by `mvn verify` already.
  (cd "$work/build-$n" && $mvn_cmd -B -q -Dstyle.color=never -DskipTests \
      -pl "$(IFS=,; echo "${modules[*]}"),desknotify-bom" -am package)
  echo "build $n in $work/build-$n: $(( $(date +%s) - start )) s"
done

(
  cd "$work/build-1"
  for m in "${modules[@]}"; do
    ls "$m"/target/"$m"-*.jar
  done
  echo desknotify-bom/pom.xml
) > "$work/published.txt"

status=0
count=0
while read -r file; do
  a=$(sha256sum "$work/build-1/$file" | cut -d' ' -f1)
  if [[ ! -f "$work/build-2/$file" ]]; then
    echo "MISSING in build 2: $file"; status=1; continue
  fi
  b=$(sha256sum "$work/build-2/$file" | cut -d' ' -f1)
  count=$((count + 1))
  if [[ "$a" == "$b" ]]; then
    echo "same      $a  $file"
  else
    echo "DIFFERENT $a $b  $file"; status=1
    # which entries differ, to find the cause
    python3 - "$work/build-1/$file" "$work/build-2/$file" <<'PY' || true
import sys, zipfile
a, b = (zipfile.ZipFile(p) for p in sys.argv[1:3])
for info in a.infolist():
    other = b.getinfo(info.filename) if info.filename in b.namelist() else None
    if other is None or a.read(info) != b.read(other) or info.date_time != other.date_time:
        print("  differs:", info.filename, info.date_time, other and other.date_time)
PY
  fi
done < "$work/published.txt"

expected=$(( ${#modules[@]} * 3 + 1 ))
if (( count != expected )); then
  echo "compared $count files, expected $expected (main, sources and javadoc jar of each module, and the BOM)"
  status=1
fi
if (( status == 0 )); then
  echo "REPRODUCIBLE: $count published files byte-identical in two clean builds"
else
  echo "NOT REPRODUCIBLE"
fi
exit $status
