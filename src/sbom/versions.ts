/** PEP 440 versions, parsed just far enough to order them (markers' version comparisons, sorting the result). */

export interface Version {
  readonly release: readonly number[];
  /** [phase, n]: dev release -3, alpha -2, beta -1, rc 0 (… before the final), final 1, post 2. */
  readonly tail: readonly number[];
}

/** PEP 440, enough for ordering: release, pre, post, dev; the local part is ignored. */
export function parseVersion(v: string): Version | undefined {
  const m = /^\s*v?(?:\d+!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?(\d*))?(?:(?:-(\d+))|(?:[-_.]?(?:post|rev|r)[-_.]?(\d*)))?(?:[-_.]?dev[-_.]?(\d*))?(?:\+[A-Za-z0-9.]*)?\s*$/i.exec(v);
  if (!m) return undefined;
  const release = (m[1] ?? "").split(".").map(Number);
  const pre = m[2]?.toLowerCase();
  const preRank = pre === undefined ? 1 : pre.startsWith("a") ? -2 : pre.startsWith("b") ? -1 : 0;
  const post = m[4] ?? m[5];
  const dev = m[6];
  const tail = [
    pre === undefined && post === undefined && dev !== undefined ? -3 : preRank,
    Number(m[3] || 0),
    post === undefined ? -1 : Number(post || 0),
    dev === undefined ? 1 : 0,
    Number(dev || 0),
  ];
  return { release, tail };
}

export function compareVersions(a: Version, b: Version): number {
  const n = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < n; i++) {
    const d = (a.release[i] ?? 0) - (b.release[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  for (let i = 0; i < a.tail.length; i++) {
    const d = (a.tail[i] ?? 0) - (b.tail[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
