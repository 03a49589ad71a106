/** Container image references, normalised as Docker and BuildKit do (docker.io, library/, :latest). */

/**
 * Normalizes an image reference as Go's `reference.ParseNormalizedNamed` + `TagNameOnly`:
 * `python:3.11-slim` → `docker.io/library/python:3.11-slim`, `alpine` → `docker.io/library/alpine:latest`.
 * A `@sha256:` digest is kept (and then no `:latest` is added). Throws on an invalid reference.
 */
export function normalizeImageRef(ref: string): string {
  const at = ref.indexOf("@");
  const digest = at < 0 ? "" : ref.slice(at);
  let name = at < 0 ? ref : ref.slice(0, at);
  if (digest !== "" && !/^@[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(digest)) throw new Error(`invalid reference format: ${ref}`);
  let tag = "";
  const colon = name.lastIndexOf(":");
  if (colon > name.lastIndexOf("/")) {
    tag = name.slice(colon);
    name = name.slice(0, colon);
    if (!/^:[\w][\w.-]{0,127}$/.test(tag)) throw new Error(`invalid reference format: ${ref}`);
  }
  const slash = name.indexOf("/");
  const first = slash < 0 ? "" : name.slice(0, slash);
  let domain = "docker.io";
  let path = name;
  if (first !== "" && (first.includes(".") || first.includes(":") || first === "localhost" || first !== first.toLowerCase())) {
    domain = first;
    path = name.slice(slash + 1);
  }
  if (domain === "index.docker.io") domain = "docker.io";
  if (domain === "docker.io" && !path.includes("/")) path = `library/${path}`;
  if (path !== path.toLowerCase()) throw new Error(`invalid reference format: repository name (${path}) must be lowercase`);
  if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(path)) {
    throw new Error(`invalid reference format: ${ref}`);
  }
  if (tag === "" && digest === "") tag = ":latest";
  return `${domain}/${path}${tag}${digest}`;
}
