// Keeps, in a pinned set written by `uv pip compile --generate-hashes`, only the hashes of files pip can
// install in pydock's builder (CPython on Linux): sdists, and wheels whose platform tag is `any`, manylinux,
// musllinux or linux and whose Python tag is not PyPy's or GraalPy's. The file each hash belongs to is read
// from a pylock.toml of the same resolution (PEP 751). A hash the pylock does not name is kept.
// Usage: node scripts/tool-locks-filter.mjs SET.txt pylock.SET.toml  (rewrites SET.txt)
import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "smol-toml";

const [setFile, pylockFile] = process.argv.slice(2);
const pylock = parse(readFileSync(pylockFile, "utf8"));

/** sha256 → whether its file installs on CPython/Linux. */
const installable = new Map();
const fileOk = (url) => {
  const name = decodeURIComponent(url.slice(url.lastIndexOf("/") + 1));
  if (!name.endsWith(".whl")) return true;
  const [python, , platform] = name.slice(0, -4).split("-").slice(-3);
  if (/^(pp|graalpy)/.test(python)) return false;
  return platform.split(".").some((p) => p === "any" || /^(manylinux|musllinux|linux)_/.test(p));
};
for (const p of pylock.packages ?? []) {
  for (const f of [...(p.sdist ? [p.sdist] : []), ...(p.wheels ?? [])]) {
    const h = f.hashes?.sha256;
    if (h && f.url) installable.set(h, fileOk(f.url));
  }
}

const out = [];
for (const line of readFileSync(setFile, "utf8").split("\n")) {
  const m = /^\s+--hash=sha256:([0-9a-f]{64})( \\)?$/.exec(line);
  if (m && installable.get(m[1]) === false) continue;
  out.push(line);
}
// A requirement's last hash line must not end in a continuation.
const text = out.join("\n").replace(/ \\\n(?=[^\s]|$)/g, "\n");
writeFileSync(setFile, text);
