#!/usr/bin/env bash
# Proves the README's claim that its test command passes on a fresh machine: clones the committed HEAD into
# a temporary folder with ../shared beside it (a link to this repository's ../shared), points npm at an empty
# cache, takes every Chromium off PATH, then runs `npm ci && npm test` there with CI=true and exits with its
# status.
#
#   scripts/fresh-clone-test.sh [--chromium-via env|path] [--keep]
#
# Chromium: when this machine has one, it is offered only from an unusual place, a link in the temporary
# folder, named by CHROMIUM_PATH (--chromium-via env, the default) or found as `chromium` in a directory
# added to PATH (--chromium-via path); nothing is uninstalled. When the machine has none, CHROMIUM_PATH is
# unset and the test command has to bring one itself (as root on Debian it installs the chromium package).
# --keep leaves the temporary folder (clone, cache, log) in place; otherwise it is removed at the end.
set -euo pipefail

via=env
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --chromium-via) via="${2:?--chromium-via needs env or path}"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: scripts/fresh-clone-test.sh [--chromium-via env|path] [--keep]" >&2; exit 2 ;;
  esac
done
case "$via" in env | path) ;; *) echo "error: --chromium-via must be env or path (got $via)" >&2; exit 2 ;; esac

repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -d "$repo/../shared" ]; then
  echo "error: $repo/../shared is missing; this script links the clone's ../shared to it" >&2
  exit 1
fi
shared="$(cd "$repo/../shared" && pwd)"

work="$(mktemp -d "${TMPDIR:-/tmp}/yuno-fresh-clone-XXXXXX")"
# Readable by all, as a clone usually is: run as root, a test runs the CLI as another user (nobody).
chmod 755 "$work"
cleanup() { if [ "$keep" = 0 ]; then rm -rf "$work"; else echo "fresh-clone: kept $work"; fi; }
trap cleanup EXIT

say() { echo "fresh-clone: $*"; }

# The browser this machine has, if any (found before PATH is narrowed).
existing="$(CHROMIUM_MODULE="$repo/scripts/chromium.mjs" node --input-type=module -e "
  const { locateChromium } = await import(process.env.CHROMIUM_MODULE);
  process.stdout.write(locateChromium()?.path ?? '');
")"

git clone --quiet --no-local "$repo" "$work/main"
ln -s "$shared" "$work/shared"
mkdir "$work/npm-cache"

# PATH without any Chromium: one directory of links to every command on PATH except the browsers' names.
mkdir "$work/bin"
IFS=':' read -r -a dirs <<<"$PATH"
for dir in "${dirs[@]}"; do
  [ -d "$dir" ] || continue
  for cmd in "$dir"/*; do
    name="${cmd##*/}"
    case "$name" in chromium | chromium-browser | google-chrome | google-chrome-stable | chrome) continue ;; esac
    if [ -x "$cmd" ] && [ ! -e "$work/bin/$name" ]; then ln -s "$cmd" "$work/bin/$name"; fi
  done
done
path="$work/bin"

chromium_env=()
if [ -n "$existing" ]; then
  mkdir "$work/elsewhere"
  if [ "$via" = env ]; then
    ln -s "$existing" "$work/elsewhere/browser-under-test"
    chromium_env=("CHROMIUM_PATH=$work/elsewhere/browser-under-test")
    say "this machine's Chromium ($existing) is offered only as CHROMIUM_PATH=$work/elsewhere/browser-under-test"
  else
    ln -s "$existing" "$work/elsewhere/chromium"
    path="$path:$work/elsewhere"
    say "this machine's Chromium ($existing) is offered only as $work/elsewhere/chromium, on PATH"
  fi
else
  say "this machine has no Chromium: the test command has to bring one"
fi

say "clone of $(git -C "$work/main" rev-parse --short HEAD) in $work/main, ../shared -> $shared"
say "npm cache: $work/npm-cache ($(find "$work/npm-cache" -mindepth 1 | wc -l) entries)"
say "running: npm ci && npm test"

set +e
(
  cd "$work/main" &&
    env -u CHROMIUM_PATH -u npm_config_cache -u NPM_CONFIG_CACHE \
      PATH="$path" CI=true npm_config_cache="$work/npm-cache" "${chromium_env[@]}" \
      bash -c 'npm ci && npm test'
) 2>&1 | tee "$work/log"
status=${PIPESTATUS[0]}
set -e

say "npm ci printed $(grep -c EBADENGINE "$work/log") EBADENGINE lines"
if [ "$status" = 0 ]; then say "PASSED: npm ci && npm test exited 0"; else say "FAILED: npm ci && npm test exited $status"; fi
exit "$status"
