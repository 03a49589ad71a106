/** `[python]`: the version, the Debian release and explicit base images. */
import type { PythonConfig } from "../model.js";
import { normalizeImageRef } from "../../core/image-ref.js";
import { type Checker, label, readMatching, readString } from "./check.js";
import { tableKeys } from "./suggest.js";
import type { LNode } from "./tree.js";

/** `[python]`: everything optional; the planner detects what is missing. */
export function readPython(ck: Checker, node: LNode | undefined): PythonConfig {
  const t = ck.table(node, "python", tableKeys.python);
  const get = (k: string): LNode | undefined => t?.entries.get(k);
  return {
    version: readVersion(ck, get("version")),
    distro: readMatching(ck, get("distro"), /^[a-z]+$/, `a Debian codename like "bookworm"`),
    builderImage: readImage(ck, get("builder-image"), "python:3.12-bookworm"),
    runtimeImage: readImage(ck, get("runtime-image"), "python:3.12-slim-bookworm"),
  };
}

function readVersion(ck: Checker, node: LNode | undefined): string | undefined {
  if (node?.kind === "value" && typeof node.value === "number") {
    // TOML reads 3.10 as the float 3.1: insist on a string rather than guess.
    const quoted = Number.isFinite(node.value) ? ` (write version = "${String(node.value)}", in quotes)` : "";
    ck.error(node.path, `${label(node.path)}: expected a string like "3.12", got a number${quoted}`);
    return undefined;
  }
  return readMatching(ck, node, /^\d+\.\d+(\.\d+)?$/, `a Python version like "3.12" or "3.12.4"`);
}

/** An image reference as BuildKit will read it (normalizeImageRef), checked here rather than when planning. */
function readImage(ck: Checker, node: LNode | undefined, example: string): string | undefined {
  const s = readString(ck, node);
  if (s === undefined || node === undefined) return undefined;
  try {
    normalizeImageRef(s);
    return s;
  } catch (e) {
    const why = (e as Error).message;
    ck.error(node.path, `${label(node.path)}: ${why.length > 200 ? `${why.slice(0, 197)}...` : why} (expected an image reference like "${example}")`);
    return undefined;
  }
}
