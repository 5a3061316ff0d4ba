#!/bin/sh
# Renders every workbook kehou wrote under a folder to PDF with LibreOffice
# (headless), to look at the printed pages; with --png also every page as a
# PNG (pdftoppm, from poppler-utils).
#
#   scripts/render.sh [--png] [--gray] [--dpi N] OUT_DIR [PDF_DIR]
#
# OUT_DIR is a school's `out` folder (its workbooks and out/daily, out/weekly);
# PDFs go to PDF_DIR (default OUT_DIR/pdf), one per workbook, PNGs beside
# them as <workbook>-<page>.png. Without LibreOffice it says so and exits 0:
# nothing in the build or the tests needs it. Carlito has Calibri's metrics,
# so LibreOffice then lays the pages out as Excel does; without it they print smaller.
#   apt-get install -y libreoffice-calc fonts-noto-cjk fonts-crosextra-carlito poppler-utils
set -eu

png=false
gray=
dpi=60
while [ $# -gt 0 ]; do
    case "$1" in
        --png) png=true; shift ;;
        --gray) gray=-gray; shift ;;
        --dpi) dpi="$2"; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) break ;;
    esac
done
[ $# -ge 1 ] || { sed -n '2,16p' "$0"; exit 2; }
out="$1"
pdf="${2:-$out/pdf}"

soffice=$(command -v soffice || command -v libreoffice || true)
if [ -z "$soffice" ]; then
    echo "LibreOffice is not installed: nothing rendered (apt-get install -y libreoffice-calc fonts-noto-cjk fonts-crosextra-carlito poppler-utils)"
    exit 0
fi
mkdir -p "$pdf"
# A profile of our own, so a running LibreOffice does not take the job.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
find "$out" -name '*.xlsx' ! -path "$pdf/*" | sort | while read -r book; do
    "$soffice" -env:UserInstallation="file://$profile" --headless \
        --convert-to pdf --outdir "$pdf" "$book" >/dev/null 2>&1 || {
        echo "could not render $book" >&2
        continue
    }
    name=$(basename "$book" .xlsx)
    pages=$(pdfinfo "$pdf/$name.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
    echo "$pdf/$name.pdf: ${pages:-?} pages"
    if $png; then
        pdftoppm -png $gray -r "$dpi" "$pdf/$name.pdf" "$pdf/$name"
    fi
done
