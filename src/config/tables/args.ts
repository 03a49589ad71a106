/** `[args]`: the build arguments a pydock.toml declares, with their defaults, for `${NAME}` substitution. */
import { type Checker, label, readString } from "./check.js";
import type { LNode } from "./tree.js";

/** `[args]`: NAME = default; numbers and booleans are written as text. */
export function readArgsTable(ck: Checker, node: LNode | undefined): Map<string, string> {
  const args = new Map<string, string>();
  const t = ck.table(node, "args", null);
  for (const [name, child] of t?.entries ?? []) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      ck.error(child.path, `${label(child.path)}: expected an argument name like "ENVIRONMENT" (letters, digits, _)`, "key");
      continue;
    }
    const v = child.kind === "value" ? child.value : undefined;
    if (typeof v === "boolean" || typeof v === "bigint" || (typeof v === "number" && Number.isFinite(v))) args.set(name, String(v));
    else if (readString(ck, child) !== undefined) args.set(name, v as string);
  }
  return args;
}
