/** `[dependencies]`: the package manager and its version, groups, extras, requirement files, venv, indexes, system packages. */
import type { DependenciesConfig, ManagerName } from "../model.js";
import { type Checker, label, readAbsPath, readBool, readEnum, readString, readStrings, readMatching } from "./check.js";

import { tableKeys } from "./suggest.js";
import type { LNode } from "./tree.js";

const managers: readonly ManagerName[] = ["poetry", "uv", "pip", "pdm", "pipenv"];

/** A Debian package, optionally pinned: "libpq-dev", "libpq5=15.*". */
export const checkDebianPackage = (p: string): string | undefined =>
  /^[a-z0-9][a-z0-9+.-]*(=\S+)?$/.test(p) ? undefined : `expected a Debian package name like "libpq-dev", got "${p}"`;

/** `[dependencies]` (also a target's merged `dependencies`; what it shares with the top level is read once: Checker.once). */
/**
 * `[dependencies]` (also a target's merged `dependencies`; read once: Checker.once). `workdir` is the target's
 * `[app] workdir`, under which the venv goes when `venv` is not set: `<workdir>/.venv`, the project
 * environment uv, PDM and Poetry (in-project) use.
 */
export function readDependencies(ck: Checker, node: LNode | undefined, workdir: string): DependenciesConfig {
  const read = readDependencyTable(ck, node);
  return { ...read, venv: read.venv ?? `${workdir.replace(/\/$/, "")}/.venv` };
}

function readDependencyTable(ck: Checker, node: LNode | undefined): Omit<DependenciesConfig, "venv"> & { readonly venv: string | undefined } {
  return ck.once("dependencies", node, (n) => {
    const t = ck.table(n, "dependencies", tableKeys.dependencies);
    const field = <T>(k: string, read: (n: LNode | undefined) => T): T => ck.once(`dependencies.${k}`, t?.entries.get(k), read);
    return {
      manager: field("manager", (v) => readEnum(ck, v, managers)),
      managerVersion: field("manager-version", (v) => readMatching(ck, v, /^[0-9][0-9A-Za-z.+-]*$/, `a version like "1.8.5"`)),
      groups: field("groups", (v) => readStrings(ck, v)),
      extras: field("extras", (v) => readStrings(ck, v)) ?? [],
      requirements: field("requirements", (v) => readStrings(ck, v)),
      installProject: field("install-project", (v) => readInstallProject(ck, v)) ?? "auto",
      venv: field("venv", (v) => readAbsPath(ck, v, "/app/.venv")),
      systemPackages: field("system-packages", (v) => readStrings(ck, v, checkDebianPackage)) ?? [],
      indexUrl: field("index-url", (v) => readIndexUrl(ck, v)),
      extraIndexUrls: field("extra-index-urls", (v) => readStrings(ck, v, (u) => checkUrl(u))) ?? [],
      ssh: field("ssh", (v) => readBool(ck, v)) ?? false,
    };
  });
}

function readInstallProject(ck: Checker, node: LNode | undefined): "auto" | boolean | undefined {
  if (node?.kind === "value" && node.value === "auto") return "auto";
  if (node?.kind === "value" && (typeof node.value === "boolean" || node.value === "true" || node.value === "false")) {
    return readBool(ck, node);
  }
  if (node !== undefined) ck.error(node.path, `${label(node.path)}: expected "auto", true or false, got ${describe(ck, node)}`);
  return undefined;
}

const describe = (ck: Checker, node: LNode): string =>
  node.kind === "value" && typeof node.value === "string" ? `"${node.value}"` : ck.describe(node);

function readIndexUrl(ck: Checker, node: LNode | undefined): string | undefined {
  const s = readString(ck, node);
  if (s === undefined || s === "" || node === undefined) return undefined;
  const problem = checkUrl(s);
  if (problem === undefined) return s;
  ck.error(node.path, `${label(node.path)}: ${problem}`);
  return undefined;
}

/** Index URLs are http(s) and carry no credentials: those go through [[secrets]]. */
function checkUrl(u: string): string | undefined {
  let url: URL;
  try {
    url = new URL(u);
  } catch {
    return `expected a URL like "https://pypi.org/simple", got "${u}"`;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return `expected an http(s) URL, got "${u}"`;
  if (url.username !== "" || url.password !== "") {
    return "must not contain credentials: pass them as a build secret (see [[secrets]])";
  }
  return undefined;
}
