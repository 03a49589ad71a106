/** Content digests of LLB ops, as BuildKit computes them. */
import { createHash } from "node:crypto";

/** An OCI content digest as BuildKit prints it: `"sha256:" + 64 lowercase hex digits`. */
export type Digest = `sha256:${string}`;

/** The sha256 digest of `bytes`, as Go's `digest.FromBytes`. LLB op digests are this of the op's exact bytes. */
export function digestOf(bytes: Uint8Array): Digest {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}
