/** "Did you mean" for unknown keys and values: the closest known name, also across tables. */

/** Keys each table accepts, by table name as written in a header. */
export const tableKeys = {
  python: ["version", "distro", "builder-image", "runtime-image"],
  dependencies: [
    "manager",
    "manager-version",
    "groups",
    "extras",
    "requirements",
    "install-project",
    "venv",
    "system-packages",
    "index-url",
    "extra-index-urls",
    "ssh",
  ],
  git: ["version-file", "labels"],
  app: ["workdir", "copy", "exclude", "build-commands", "package", "owner"],
  runtime: [
    "command",
    "entrypoint",
    "before",
    "workdir",
    "user",
    "env",
    "expose",
    "timezone",
    "directories",
    "system-packages",
    "auto-system-packages",
    "smoke-test",
    "add-server",
    "labels",
    "stop-signal",
    "healthcheck",
  ],
  "runtime.healthcheck": ["http", "command", "interval", "timeout", "start-period", "retries"],
  secrets: ["id", "env", "target", "required"],
  check: ["skip"],
} as const satisfies Record<string, readonly string[]>;

export const topLevelKeys = ["args", "python", "dependencies", "git", "app", "runtime", "targets", "secrets", "check"] as const;

/** Tables a `[targets.NAME]` may override. */
export const targetKeys = ["dependencies", "runtime", "app"] as const;

const normalise = (s: string): string => s.toLowerCase().replace(/_/g, "-");

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions (`pyhton` → 1). */
export function editDistance(a: string, b: string): number {
  // Three rows (this one, the one above, the one above that for transpositions) rather than the matrix.
  let above2 = new Int32Array(b.length + 1);
  let above = Int32Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, above2[j - 2]! + 1);
      row[j] = v;
    }
    [above2, above, row] = [above, row, above2];
  }
  return above[b.length]!;
}

/**
 * The candidate closest to `word`, if it is close enough to be a typo. Candidates whose length alone puts
 * them out of reach are skipped, so a long unknown key costs nothing to suggest for.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = normalise(word);
  const limit = Math.max(1, Math.floor(w.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const n = normalise(c);
    if (Math.abs(n.length - w.length) > limit) continue;
    const dist = editDistance(w, n);
    if (dist <= limit && dist < bestDistance) [best, bestDistance] = [c, dist];
  }
  return best;
}

/**
 * The " (did you mean ...?)" suffix for an unknown `key` in table `table` (undefined: the top level):
 * a close key of the same table first, then the same or a close key of another table (`[runtime] command`).
 */
export function didYouMean(key: string, table: string | undefined, own: readonly string[]): string {
  const same = closest(key, own);
  if (same !== undefined) return ` (did you mean "${same}"?)`;
  const others = Object.entries(tableKeys).filter(([name]) => name !== table);
  for (const exact of [true, false]) {
    for (const [name, keys] of others) {
      const hit = exact ? keys.find((k) => normalise(k) === normalise(key)) : closest(key, keys);
      if (hit !== undefined) return ` (did you mean [${name}] ${hit}?)`;
    }
  }
  return "";
}
