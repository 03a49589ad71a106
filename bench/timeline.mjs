#!/usr/bin/env node
/**
 * Where a build's time goes, from BuildKit's own progress: every vertex's start and end in milliseconds after
 * the first event, in start order, cached ones marked C.
 *
 *   docker buildx build --progress=rawjson -f pydock.toml . 2> build.json
 *   node bench/timeline.mjs build.json [--all]
 *
 * Without --all, cached vertices are left out (a no-op build then shows only what ran).
 */
import { readFileSync } from "node:fs";

const [file, flag] = process.argv.slice(2);
if (!file) {
  process.stderr.write("usage: node bench/timeline.mjs BUILD.json [--all]\n");
  process.exit(2);
}
const text = readFileSync(file, "utf8");
/** rawjson is a stream of pretty-printed JSON objects, one per status update. */
function* objects(s) {
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") {
      if (depth++ === 0) start = i;
    } else if (c === "}" && --depth === 0) yield JSON.parse(s.slice(start, i + 1));
  }
}
const vertices = new Map();
for (const o of objects(text)) {
  for (const v of o.vertexes ?? []) {
    const x = vertices.get(v.digest) ?? { name: v.name };
    if (v.started) x.started = Date.parse(v.started);
    if (v.completed) x.completed = Date.parse(v.completed);
    if (v.cached) x.cached = true;
    vertices.set(v.digest, x);
  }
}
const times = [...vertices.values()].flatMap((v) => [v.started, v.completed]).filter((t) => t !== undefined);
const t0 = Math.min(...times);
const rows = [...vertices.values()].filter((v) => flag === "--all" || !v.cached).sort((a, b) => (a.started ?? Infinity) - (b.started ?? Infinity));
for (const v of rows) {
  const at = (t) => (t === undefined ? "    –" : String(t - t0).padStart(5));
  process.stdout.write(`${at(v.started)} ${at(v.completed)} ${v.cached ? "C" : " "} ${v.name}\n`); // stdout-ok: a command-line tool
}
