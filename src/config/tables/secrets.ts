/** `[[secrets]]`: build secrets the install steps may read, as an environment variable or a file; never in a layer. */
import type { SecretConfig } from "../model.js";
import { type Checker, label, readAbsPath, readBool, readMatching } from "./check.js";

import { tableKeys } from "./suggest.js";
import { type LNode, toTree } from "./tree.js";

/** `[[secrets]]`: id required and unique, env XOR target, required default true. */
export function readSecrets(ck: Checker, node: LNode | undefined): SecretConfig[] {
  if (node === undefined) return [];
  if (node.kind !== "value" || !Array.isArray(node.value)) {
    ck.error(node.path, `[[secrets]]: expected an array of tables ([[secrets]] with id = "..."), got ${ck.describe(node)}`);
    return [];
  }
  const seen = new Set<string>();
  const out: SecretConfig[] = [];
  (node.value as unknown[]).forEach((item, i) => {
    const t = ck.table(toTree(item, [...node.path, i]), "secrets", tableKeys.secrets);
    if (t === undefined) return;
    const get = (k: string): LNode | undefined => t.entries.get(k);
    const idNode = get("id");
    const id = readMatching(ck, idNode, /^[A-Za-z0-9][A-Za-z0-9._-]*$/, `a secret id like "pypi-token"`);
    if (idNode === undefined) ck.error(t.path, `[[secrets]]: id is required, e.g. id = "pypi-token"`, "key", "missing-key");
    if (id !== undefined && idNode !== undefined && seen.has(id)) {
      ck.error(idNode.path, `${label(idNode.path)}: "${id}" is already used by another [[secrets]]`);
    }
    const envNode = get("env");
    const targetNode = get("target");
    const env = readMatching(ck, envNode, /^[A-Za-z_][A-Za-z0-9_]*$/, `an environment variable name like "PIP_INDEX_URL"`);
    const target = readAbsPath(ck, targetNode, "/root/.netrc");
    if (envNode !== undefined && targetNode !== undefined) {
      ck.error(targetNode.path, `[[secrets]]: set either env or target, not both`, "key", "conflicting-keys");
    } else if (envNode === undefined && targetNode === undefined) {
      ck.error(t.path, `[[secrets]]: needs env = "VARIABLE" or target = "/path/to/file"`, "key", "missing-key");
    }
    const required = readBool(ck, get("required")) ?? true;
    if (id === undefined || seen.has(id)) return;
    seen.add(id);
    out.push({ id, env, target, required });
  });
  return out;
}
