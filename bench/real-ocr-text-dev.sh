#!/usr/bin/env bash
# Real OCR text the project did not make: native `tesseract -l vie` of the real dev pages (rendered by
# `npm run bench -- --only ocr-real` into bench/work/real), read by `vnocr restore` with no mode given, each
# scored against its transcription. Dev pages only; needs tesseract-ocr-vie. Usage: bench/real-ocr-text-dev.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=bench/work/real-ocr-text; mkdir -p "$work"
vnocr() { node --import tsx test/helpers/cli-entry.ts "$@"; }
for truth in fixtures/real/dev/*.p[0-9]*.txt; do
  page=$(basename "$truth" .txt); png=bench/work/real/$page.png
  [ -f "$png" ] || continue
  [ -s "$work/$page.native.txt" ] || tesseract "$png" - -l vie 2>/dev/null > "$work/$page.native.txt"
  vnocr restore "$work/$page.native.txt" > "$work/$page.restored.txt"
  echo "$page native   $(vnocr eval "$truth" "$work/$page.native.txt")"
  echo "$page restored $(vnocr eval "$truth" "$work/$page.restored.txt")"
done
