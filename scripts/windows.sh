#!/usr/bin/env bash
# kehou for the office's Windows PC, built and tested on a Debian machine:
#   1. installs what it needs (mingw-w64, wine, the rustup target) when missing;
#   2. cross-builds a release kehou.exe (x86_64-pc-windows-gnu, in target/windows);
#   3. runs the README's demo walkthrough with it under wine and with the Linux
#      build, and compares every output file for file (CSV bytes; xlsx members,
#      creation dates aside) and the terminal text (separators aside);
#   4. runs the integration tests under wine (all of them; --no-tests skips);
#   5. writes the package: target/windows/kehou-windows-x86_64.zip.
# Usage: scripts/windows.sh [--no-tests]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WIN=$ROOT/target/windows
TRIPLE=x86_64-pc-windows-gnu
RUN_TESTS=1
[[ "${1:-}" == "--no-tests" ]] && RUN_TESTS=0
PY=/usr/bin/python3
TIMES=$(mktemp)
trap 'rm -f "$TIMES"' EXIT
step() { # a step's name, with the wall and the CPU seconds (user+sys of what ran) so far
    times >"$TIMES"
    printf '\n== %s (%ss, cpu %ss)\n' "$1" "$SECONDS" "$(awk 'NR == 2 {
        for (i = 1; i <= 2; i++) { split($i, t, "m"); s += t[1] * 60 + t[2] }
        printf "%d", s }' "$TIMES")"
}

step "tools"
missing=()
command -v x86_64-w64-mingw32-gcc >/dev/null || missing+=(gcc-mingw-w64-x86-64)
command -v wine >/dev/null || missing+=(wine wine64)
[[ -x $PY ]] || missing+=(python3)
command -v script >/dev/null || missing+=(bsdutils)
command -v unzip >/dev/null || missing+=(unzip)
if ((${#missing[@]})); then
    SUDO=""; [[ $(id -u) == 0 ]] || SUDO=sudo
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
rustup target list --installed | grep -qx $TRIPLE || rustup target add $TRIPLE

# Everything Windows lives under target/windows: the cross build, the wine
# prefix, the walkthrough and the package. Set here, not in a .cargo/config,
# so that nobody else's builds change.
export CARGO_TARGET_DIR=$WIN
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine
export WINEPREFIX=$WIN/wine WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# Wine turns Windows file names into Unix ones in the locale's charset: with
# LANG naming a locale this machine lacks (zh_CN.UTF-8, as the tests set it)
# that is ASCII, and 秋 in `timetable-2026秋.xlsx` cannot be created. On
# Windows there is no such step.
export LC_CTYPE=C.UTF-8
mkdir -p "$WIN"

step "wine prefix"
[[ -f $WINEPREFIX/system.reg ]] || wineboot -i >/dev/null 2>&1 || true
wineserver -w
# Rust's std (1.78+) imports ProcessPrng from bcryptprimitives.dll, which
# wine gained in 8.13; Debian 12 has 8.0. Real Windows 10+ has it. A
# one-function stand-in built here calls RtlGenRandom instead.
SYS32=$WINEPREFIX/drive_c/windows/system32
if [[ ! -f $SYS32/bcryptprimitives.dll ]]; then
    mkdir -p "$WIN/shim"
    cat >"$WIN/shim/shim.c" <<'EOF'
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    return SystemFunction036(data, (ULONG)length);
}
EOF
    printf 'LIBRARY bcryptprimitives\nEXPORTS\nProcessPrng\n' >"$WIN/shim/shim.def"
    x86_64-w64-mingw32-gcc -shared -O2 -o "$SYS32/bcryptprimitives.dll" \
        "$WIN/shim/shim.c" "$WIN/shim/shim.def" -ladvapi32
fi

step "build kehou.exe (release, $TRIPLE) and the Linux kehou (debug)"
cargo build --release --target $TRIPLE
EXE=$WIN/$TRIPLE/release/kehou.exe
# The Linux side in the debug build the test suite makes anyway: built as
# for the tests (a plain `cargo build` unifies features otherwise and
# compiles clap, zip and others again, replacing the tests' kehou).
(unset CARGO_TARGET_DIR; cargo test --no-run --test windows)
LINUX=$ROOT/target/debug/kehou

step "demo walkthrough: Linux and wine"
# The README's walkthrough, every command once, dates fixed.
WALK=(
    "check"
    "calendar"
    "consent --csv"
    "plan --as-of 2026-09-07"
    "slips"
    "notices"
    "plan --as-of 2026-10-20"
    "notices --changed"
    "daily --date 2026-09-08"
    "daily --date 2026-10-01"
    "daily --date 2026-09-20"
    "record registers/*.csv"
    "weekly --week 2026-09-14"
    "fees"
    "fees --notices"
    "hours --month 2026-09"
    "rosters"
    "roll --month 2026-09"
    "roll --month 2026-10 --blank"
    "daily --date 2026-09-14 --absent"
)
walk() { # walk linux|windows: the demo school copied fresh, every command run in it
    local side=$1 dir=$WIN/walk/$1
    rm -rf "$dir"; mkdir -p "$dir"
    git ls-files -z examples/demo | while IFS= read -r -d '' f; do
        mkdir -p "$dir/$(dirname "${f#examples/demo/}")"
        cp "$f" "$dir/${f#examples/demo/}"
    done
    local log=$WIN/walk/$side.log
    : >"$log"
    (
        cd "$dir"
        set -f # kehou expands `registers/*.csv` itself, as cmd leaves it
        for line in "${WALK[@]}"; do
            local code=0
            echo "\$ kehou $line" >>"$log"
            if [[ $side == linux ]]; then
                LANG=zh_CN.UTF-8 "$LINUX" $line >>"$log" 2>&1 || code=$?
            else
                LANG=zh_CN.UTF-8 wine "$EXE" ${line//\//\\} >>"$log" 2>&1 || code=$?
            fi
            echo "exit $code" >>"$log"
        done
    )
}
walk linux & # both at once: one core each
walk windows
wait $!
wineserver -w
status=0
$PY scripts/windows_tools.py compare "$WIN/walk/linux" "$WIN/walk/windows" || status=1
$PY scripts/windows_tools.py terminal "$WIN/walk/linux.log" "$WIN/walk/windows.log" || status=1
echo "  $(grep -c '^exit 0' "$WIN/walk/windows.log") of ${#WALK[@]} commands exit 0 under wine"
((status == 0)) || { echo "windows: the walkthrough under wine differs from Linux"; exit 1; }

step "console under wine: a Chinese console (code page 936)"
# Under a terminal wine gives a program a real console (headless it has
# none, and output is a pipe: UTF-8 bytes, as the walkthrough compared).
# In code page 936, as a Chinese Windows sets it, kehou's Chinese must read
# right and the code page be 936 again after it. UTF-8 bytes written to the
# same console (`type` of a UTF-8 file) must read wrong: the check can fail.
# Wine has no PowerShell; it writes to the console the same way.
printf '服务日合计\r\n' >"$WIN/walk/utf8.txt"
winexe=$(printf 'Z:%s' "$EXE" | tr / '\\')
seen=$(cd "$WIN/walk/windows" && LANG=zh_CN.UTF-8 script -qec \
    "wine cmd /c \"chcp 936 >nul & $winexe calendar & chcp & type ..\\utf8.txt\"" \
    /dev/null </dev/null 2>&1 | sed 's/\x1b\[[?0-9;]*[a-zA-Z]//g' | tr -d '\r')
console_ok=1
grep -q '^服务日合计' <<<"$seen" || console_ok=0
grep -qx 'Active code page: 936' <<<"$seen" || console_ok=0
[[ $(tail -1 <<<"$seen") != 服务日合计 ]] || console_ok=0
((console_ok)) || { echo "windows: Chinese in a code page 936 console:"; echo "$seen"; exit 1; }
echo "  read right in code page 936, which it is again afterwards (UTF-8 bytes there: $(tail -1 <<<"$seen"))"

if ((RUN_TESTS)); then
    step "integration tests under wine"
    # A debug build: it compiles in less time than the tests save in
    # release (7.5 min from nothing, then 3 min of tests, load 6).
    cargo test --target $TRIPLE --tests
    wineserver -w
fi

step "package"
PKG=$WIN/package/kehou
rm -rf "$WIN/package"; mkdir -p "$PKG/demo"
cp "$EXE" "$PKG/kehou.exe"
git ls-files -z examples/demo | while IFS= read -r -d '' f; do
    case $f in */.*) continue ;; esac # no lock or hidden files in the download
    mkdir -p "$PKG/demo/$(dirname "${f#examples/demo/}")"
    cp "$f" "$PKG/demo/${f#examples/demo/}"
done
cp docs/使用说明.md "$PKG/使用说明.md"
$PY scripts/windows_tools.py html docs/使用说明.md "$PKG/使用说明.html"
# Notepad on Windows 7 needs the BOM to read UTF-8; CRLF for every Notepad.
{ printf '\xef\xbb\xbf'; sed 's/$/\r/' docs/填写说明.txt; } >"$PKG/填写说明.txt"
# ASCII only: cmd reads a batch file in the console's code page, whatever it
# is on the office PC. The demo school's folder is `demo` for that reason.
sed 's/$/\r/' >"$PKG/开始.bat" <<'EOF'
@echo off
rem kehou: a console in the school's folder with kehou on the PATH.
rem Here beside kehou.exe it opens the demo school; copied into a school's
rem folder (one level below kehou.exe) it opens that folder.
chcp 65001 >nul
set "KEHOU_HOME=%~dp0"
if not exist "%KEHOU_HOME%kehou.exe" set "KEHOU_HOME=%~dp0..\"
set "PATH=%KEHOU_HOME%;%PATH%"
if exist "%~dp0config.toml" (cd /d "%~dp0") else (cd /d "%~dp0demo")
if not "%~1"=="" (
    %*
    exit /b
)
title kehou
type "%KEHOU_HOME%start.txt"
cmd /k
EOF
sed 's/$/\r/' >"$PKG/start.txt" <<'EOF'
kehou 课后服务 —— 在这里输入命令,按回车,例如:
    kehou check                 检查所有表格
    kehou daily --date 明天     明天的签到表、交接单和放学名单
    kehou --help                所有命令
说明:使用说明.html(第十节讲 Windows)。打开当前文件夹:start .
EOF
rm -f "$WIN/kehou-windows-x86_64.zip"
$PY scripts/windows_tools.py zip "$PKG" "$WIN/kehou-windows-x86_64.zip"

step "package under wine: 开始.bat runs kehou in the demo school"
TRY=$WIN/package-try
rm -rf "$TRY"; mkdir -p "$TRY"
(cd "$TRY" && unzip -q "$WIN/kehou-windows-x86_64.zip")
# What 使用说明 §十 says is in it, and the Windows it needs said plainly.
for f in kehou.exe 开始.bat 使用说明.html 使用说明.md 填写说明.txt demo/config.toml demo/students.csv; do
    [[ -s $TRY/kehou/$f ]] || { echo "windows: the package lacks $f"; exit 1; }
done
grep -q 'Windows 10 或 Windows 11' "$TRY/kehou/使用说明.html" && grep -q 'Windows 7' "$TRY/kehou/使用说明.html" ||
    { echo "windows: the package's 使用说明 does not say which Windows it needs"; exit 1; }
out=$(cd "$TRY/kehou" && wine cmd /c 开始.bat kehou calendar 2>&1 | tr -d '\r')
grep -q "服务日合计" <<<"$out" || { echo "windows: 开始.bat did not run kehou in demo:"; echo "$out"; exit 1; }
# Copied into a school's folder, it opens there and still finds kehou.exe.
mkdir -p "$TRY/kehou/城南小学"
cp "$TRY/kehou/demo/config.toml" "$TRY/kehou/开始.bat" "$TRY/kehou/城南小学/"
out=$(cd "$TRY/kehou/城南小学" && wine cmd /c 开始.bat kehou calendar 2>&1 | tr -d '\r')
grep -q "服务日合计" <<<"$out" || { echo "windows: a copied 开始.bat did not run kehou:"; echo "$out"; exit 1; }
wineserver -w
ls -l "$WIN/kehou-windows-x86_64.zip"
echo "windows: done in ${SECONDS}s"
