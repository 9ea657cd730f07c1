#!/usr/bin/env bash
# Projen drift check: re-synthesise the project files from .projenrc.ts and fail if any file projen
# manages (listed in .projen/files.json, plus package.json) differs from what is committed. Hand edits to
# generated files therefore fail `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."
npx projen --no-post >/dev/null
mapfile -t files < <(node -e 'const f=require("./.projen/files.json").files; console.log([...f, "package.json", ".projen/files.json"].join("\n"))')
if ! git diff --exit-code --stat -- "${files[@]}"; then
  echo "projen drift: the files above differ from what .projenrc.ts generates." >&2
  echo "Edit .projenrc.ts (not the generated files), run 'npx projen', and commit the result." >&2
  exit 1
fi
untracked=$(git ls-files --others --exclude-standard -- "${files[@]}")
if [ -n "$untracked" ]; then
  echo "projen drift: generated files are not committed: $untracked" >&2
  exit 1
fi
echo "projen drift check: ok (${#files[@]} generated files match .projenrc.ts)"
