#!/usr/bin/env bash
# Installs the pinned Claude Code CLI that the end-to-end test drives, once per machine (cached under
# ~/.cache/claude-code-proxy), and prints the path of its executable on the last line.
set -euo pipefail

VERSION="${CLAUDE_CODE_VERSION:-2.1.331}"
CACHE="${CLAUDE_CODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/claude-code-proxy/claude-code-$VERSION}"
BIN="$CACHE/node_modules/.bin/claude"

if [ ! -x "$BIN" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "install-claude-code: npm (Node.js 18 or newer) is needed to install @anthropic-ai/claude-code" >&2
    exit 1
  fi
  mkdir -p "$CACHE"
  # install into a temporary folder first, so that an interrupted install never looks like a finished one
  STAGING="$(mktemp -d "$CACHE.partial.XXXXXX")"
  trap 'rm -rf "$STAGING"' EXIT
  echo '{"name":"claude-code-e2e","private":true}' > "$STAGING/package.json"
  echo "install-claude-code: installing @anthropic-ai/claude-code@$VERSION into $CACHE" >&2
  npm install --prefix "$STAGING" --no-audit --no-fund --loglevel=error \
      "@anthropic-ai/claude-code@$VERSION" >&2
  rm -rf "$CACHE"
  mv "$STAGING" "$CACHE"
  trap - EXIT
fi

echo "$BIN"
