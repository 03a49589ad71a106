/**
 * The commit id of the build context from the few `.git` files the frontend reads (HEAD, the branch ref,
 * packed-refs), for clients that do not send `vcs:revision`. No git needed, nothing shipped.
 */

/** `files` holds paths relative to `.git/`. Undefined when they do not name a commit. */
export function readGitRevision(files: ReadonlyMap<string, string>): string | undefined {
  const head = files.get("HEAD")?.trim();
  if (!head) return undefined;
  if (/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(head)) return head; // detached HEAD
  const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
  if (!ref) return undefined;
  const loose = files.get(ref)?.trim();
  if (loose && /^[0-9a-f]{40}/.test(loose)) return loose.slice(0, loose.length >= 64 ? 64 : 40);
  for (const line of (files.get("packed-refs") ?? "").split("\n")) {
    const [sha, name] = line.trim().split(/\s+/);
    if (name === ref && sha && /^[0-9a-f]{40}/.test(sha)) return sha;
  }
  return undefined;
}
