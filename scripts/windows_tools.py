#!/usr/bin/env python3
"""Helpers for scripts/windows.sh (standard library only).

  compare LINUX_DIR WINDOWS_DIR   every file of the two walkthroughs, byte for
                                  byte (xlsx: member for member, creation and
                                  modification dates stripped; kehou.db: table for
                                  table, write times aside); exit 1 on a difference
  terminal LINUX_LOG WINDOWS_LOG  the two runs' terminal text, separators and line
                                  ends aside; every character showable in GBK
  html MARKDOWN HTML              使用说明 as a page any browser opens
  zip FOLDER ZIP                  the package (UTF-8 names, as Explorer reads them)
"""

import html
import os
import re
import sqlite3
import sys
import zipfile

VOLATILE = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def files_under(root):
    found = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            found[os.path.relpath(path, root)] = path
    return found


def members(path):
    with zipfile.ZipFile(path) as book:
        return {i.filename: VOLATILE.sub(b"", book.read(i)) for i in book.infolist()}


# When a row was written (each side ran at its own moment), not what it says.
WHEN_COLUMNS = {"run_at", "recorded_at", "imported_at"}
# Where a row was read from, as the user typed it: `registers\\x.csv` in cmd.
PATH_COLUMNS = {"file", "kept_as", "source", "source_file"}


def database(path):
    """A kehou.db as its tables' rows (SQLite's bytes differ by page layout and
    the moment each row was written, neither of which is the state)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    tables = {}
    names = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    for (table,) in names.fetchall():
        cursor = db.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
        columns = [c[0] for c in cursor.description]
        rows = []
        for row in cursor:
            kept = []
            for column, value in zip(columns, row):
                if column in WHEN_COLUMNS:
                    continue
                if column in PATH_COLUMNS and isinstance(value, str):
                    value = value.replace("\\", "/")
                kept.append(value)
            rows.append(tuple(kept))
        tables[table] = (columns, rows)
    schema = db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    version = db.execute("PRAGMA user_version").fetchone()
    db.close()
    return schema, version, tables


def compare(linux, windows):
    a, b = files_under(linux), files_under(windows)
    problems = []
    for name in sorted(set(a) | set(b)):
        if name not in a or name not in b:
            problems.append(f"{name}: only in {'linux' if name in a else 'windows'}")
            continue
        if name.endswith(".xlsx"):
            ma, mb = members(a[name]), members(b[name])
            for m in sorted(set(ma) | set(mb)):
                if ma.get(m) != mb.get(m):
                    problems.append(f"{name}: member {m} differs")
        elif name.endswith(".db"):
            (sa, va, ta), (sb, vb, tb) = database(a[name]), database(b[name])
            if sa != sb or va != vb:
                problems.append(f"{name}: schema differs")
            for t in sorted(set(ta) | set(tb)):
                if ta.get(t) != tb.get(t):
                    problems.append(f"{name}: table {t} differs")
        else:
            with open(a[name], "rb") as fa, open(b[name], "rb") as fb:
                if fa.read() != fb.read():
                    problems.append(f"{name}: bytes differ")
    for p in problems:
        print("  differs:", p)
    books = sum(n.endswith(".xlsx") for n in a)
    print(f"  {len(a)} files compared ({books} workbooks), {len(problems)} differences")
    return 1 if problems else 0


def terminal(linux_log, windows_log):
    def norm(path):
        with open(path, encoding="utf-8") as f:
            return f.read().replace("\r\n", "\n").replace("\\", "/")
    a, b = norm(linux_log), norm(windows_log)
    status = 0
    if a != b:
        import difflib
        print("  terminal text differs:")
        sys.stdout.writelines(list(difflib.unified_diff(
            a.splitlines(True), b.splitlines(True), "linux", "windows", n=1))[:60])
        status = 1
    raw = open(windows_log, encoding="utf-8").read()
    if "\\\\?\\" in raw:
        print("  a verbatim path (\\\\?\\) was printed")
        status = 1
    unshown = sorted({c for c in raw if not can_gbk(c)})
    if unshown:
        print("  not showable in a GBK console:", " ".join(f"U+{ord(c):04X}" for c in unshown))
        status = 1
    print(f"  terminal text: {len(raw.splitlines())} lines, same on both: {a == b}")
    return status


def can_gbk(c):
    try:
        c.encode("gbk")
        return True
    except UnicodeEncodeError:
        return False


def inline(text):
    text = html.escape(text, quote=False)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", text)
    text = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r'<a href="\2">\1</a>', text)
    return text


def markdown_to_html(md):
    out, para, items, table = [], [], [], []
    lines = md.splitlines()

    def flush():
        if para:
            out.append("<p>" + inline(" ".join(para)) + "</p>")
            para.clear()
        if items:
            out.append("<ul>" + "".join(f"<li>{inline(i)}</li>" for i in items) + "</ul>")
            items.clear()
        if table:
            rows = [r for r in table if not re.fullmatch(r"\|?[\s:|-]+\|?", r)]
            cells = [[c.strip() for c in r.strip().strip("|").split("|")] for r in rows]
            body = "".join(
                "<tr>" + "".join(f"<{t}>{inline(c)}</{t}>" for c in row) + "</tr>"
                for row, t in zip(cells, ["th"] + ["td"] * len(cells)))
            out.append(f"<table>{body}</table>")
            table.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            flush()
            i += 1
            code = []
            while i < len(lines) and not lines[i].startswith("```"):
                code.append(lines[i])
                i += 1
            out.append("<pre><code>" + html.escape("\n".join(code)) + "</code></pre>")
        elif m := re.match(r"(#{1,6})\s+(.*)", line):
            flush()
            n = len(m.group(1))
            out.append(f"<h{n}>{inline(m.group(2))}</h{n}>")
        elif line.startswith("|"):
            if para or items:
                flush()
            table.append(line)
        elif m := re.match(r"\s*(?:[-*]|\d+\.)\s+(.*)", line):
            if para or table:
                flush()
            items.append(m.group(1))
        elif not line.strip():
            flush()
        elif items and line.startswith("  "):
            items[-1] += " " + line.strip()
        else:
            if table:
                flush()
            para.append(line.strip())
        i += 1
    flush()
    return "\n".join(out)


def page(md_path, html_path):
    with open(md_path, encoding="utf-8") as f:
        body = markdown_to_html(f.read())
    with open(html_path, "w", encoding="utf-8", newline="\r\n") as f:
        f.write("""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>kehou 使用说明</title>
<style>body{font-family:"Microsoft YaHei","PingFang SC",sans-serif;max-width:52em;margin:2em auto;
padding:0 1em;line-height:1.6}pre{background:#f4f4f4;padding:.6em;overflow-x:auto}
code{font-family:Consolas,monospace}table{border-collapse:collapse}td,th{border:1px solid #ccc;
padding:.2em .5em}</style></head><body>
""" + body + "\n</body></html>\n")
    return 0


def pack(folder, zip_path):
    base = os.path.basename(os.path.normpath(folder))
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, path in sorted(files_under(folder).items()):
            z.write(path, os.path.join(base, name))
    return 0


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    sys.exit({"compare": compare, "terminal": terminal, "html": page, "zip": pack}[command](*args))
