#!/usr/bin/env bash
# Builds fuzz/corpus/<target>/ from the fixtures (and ../shared's real samples when present).
# Run from the repository root: fuzz/seed.sh
set -euo pipefail
cargo build --quiet
bin=target/debug/tul2studio
out=fuzz/corpus
rm -rf "$out"
mkdir -p "$out"/{zip,cabinet,manifest,view,xsd,xpath,pipeline}
for dir in fixtures/*/; do
  name=$(basename "$dir")
  "$bin" pack "$dir" -o "$out/zip/$name.zip"
  # pipeline: the package's files as NUL-separated `name\ncontent` records (src/fuzzing.rs).
  python3 - "$dir" "$out/pipeline/$name" <<'PY'
import os, sys
root, records = sys.argv[1], []
for base, _, files in sorted(os.walk(root)):
    for f in sorted(files):
        data = open(os.path.join(base, f), 'rb').read()
        if b'\0' not in data:
            records.append(os.path.relpath(os.path.join(base, f), root).encode() + b'\n' + data)
open(sys.argv[2], 'wb').write(b'\0'.join(records))
PY
  # The cabinets pack_dir made, taken back out of the zip.
  python3 - "$out/zip/$name.zip" "$out/cabinet" "$name" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for i, n in enumerate(z.namelist()):
    if n.lower().endswith('.xsn'):
        open(f"{sys.argv[2]}/{sys.argv[3]}-{i}.xsn", 'wb').write(z.read(n))
PY
  if [ -f "$dir/translations/1044.xml" ]; then
    { cat "$dir/manifest.xml"; printf '\0'; cat "$dir/translations/1044.xml"; } > "$out/manifest/$name"
  fi
  find "$dir" -name 'view*.xsl' | while read -r f; do cp "$f" "$out/view/$name-$(basename "$f")"; done
  find "$dir" -name '*.xsd' | while read -r f; do cp "$f" "$out/xsd/$name-$(echo "$f" | md5sum | cut -c1-8).xsd"; done
done
if [ -d ../shared/samples/real ]; then
  find ../shared/samples/real -name '*.xsn' | head -50 | while read -r f; do cp "$f" "$out/cabinet/real-$(echo "$f" | md5sum | cut -c1-8).xsn"; done
  find ../shared/samples/real -name '*.xsd' | head -50 | while read -r f; do cp "$f" "$out/xsd/real-$(echo "$f" | md5sum | cut -c1-8).xsd"; done
fi
i=0
for x in '../my:Belop * 2' 'sum(my:Rad/my:Belop) > 1000' 'not(my:Navn = "")' \
  'concat(/my:Skjema/my:A, " ", string-length(.))' 'my:Dato < xdDate:Today()' \
  'count(../my:Rad[my:Kode = "X"]) = 0 and boolean(@my:id)' '-(1 + 2) div 3 mod 4'; do
  printf '%s' "$x" > "$out/xpath/$i"; i=$((i + 1))
done
ls "$out" | while read -r t; do echo "$t: $(ls "$out/$t" | wc -l) seeds"; done
