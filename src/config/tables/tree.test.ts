/** The located tree and the merge of a target over the top-level tables. */
import { describe, expect, it } from "vitest";
import { parseToml } from "../toml.js";
import { type LNode, type LTable, mergeTrees, toTree } from "./tree.js";

/** The node at `keys` of the document `text`. */
const tree = (text: string, ...keys: string[]): LNode | undefined => {
  const r = parseToml({ name: "pydock.toml", text });
  if (!r.ok) throw new Error(r.diagnostic.message);
  let node: LNode | undefined = toTree(r.doc.value, []);
  for (const k of keys) node = node?.kind === "table" ? node.entries.get(k) : undefined;
  return node;
};

/** A node as plain data: tables as objects of their entries, values as they are. */
const plain = (n: LNode | undefined): unknown =>
  n === undefined ? undefined : n.kind === "value" ? n.value : Object.fromEntries([...n.entries].map(([k, v]) => [k, plain(v)]));

describe("mergeTrees", () => {
  it("merges tables key by key; a target's http replaces the top-level command of a health check", () => {
    const text = `[runtime]\nuser = "app"\nhealthcheck = { command = ["true"], retries = 2 }\n[targets.t.runtime]\nhealthcheck = { http = "http://x/" }\n`;
    const merged = mergeTrees(tree(text, "runtime"), tree(text, "targets", "t", "runtime"));
    expect(plain(merged)).toEqual({ user: "app", healthcheck: { retries: 2, http: "http://x/" } });
  });

  it("tables named like members of Object.prototype merge like any other (none has alternatives)", () => {
    for (const name of ["valueOf", "constructor", "toString", "__proto__", "hasOwnProperty", "__defineGetter__"]) {
      const text = `[runtime.${JSON.stringify(name)}]\na = 1\n[targets.t.runtime.${JSON.stringify(name)}]\nb = 2\n`;
      const merged = mergeTrees(tree(text, "runtime"), tree(text, "targets", "t", "runtime")) as LTable;
      expect(plain(merged.entries.get(name)), name).toEqual({ a: 1, b: 2 });
      expect(merged.entries.get(name)?.path, name).toEqual(["targets", "t", "runtime", name]);
    }
  });
});
