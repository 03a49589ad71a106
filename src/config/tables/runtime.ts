/** `[runtime]` and `[runtime.healthcheck]`: how the image runs — command, user, env, ports, timezone, health check. */
import type { HealthcheckConfig, HealthcheckTest, RuntimeConfig } from "../model.js";
import {
  type Checker,
  describeAt,
  itemLabel,
  label,
  readAbsPath,
  readBool,
  readCommand,
  readCommands,
  readInt,
  readList,
  readString,
  readStringTable,
  readMatching,
  readStrings,
  tableName,
} from "./check.js";
import { checkDebianPackage } from "./dependencies.js";
import { MAX_DURATION_MS } from "../../core/limits.js";

import { tableKeys } from "./suggest.js";
import type { LNode } from "./tree.js";

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `[runtime]` (also a target's merged `runtime`; what it shares with the top level is read once: Checker.once). */
export function readRuntime(ck: Checker, node: LNode | undefined): RuntimeConfig {
  return ck.once("runtime", node, (n) => readRuntimeTable(ck, n));
}

function readRuntimeTable(ck: Checker, node: LNode | undefined): RuntimeConfig {
  const t = ck.table(node, "runtime", tableKeys.runtime);
  const field = <T>(k: string, read: (n: LNode | undefined) => T): T => ck.once(`runtime.${k}`, t?.entries.get(k), read);
  return {
    command: field("command", (n) => readCommand(ck, n, false)),
    entrypoint: field("entrypoint", (n) => readCommand(ck, n, true)),
    before: field("before", (n) => readCommands(ck, n)),
    workdir: field("workdir", (n) => readAbsPath(ck, n, "/app")),
    user: field("user", (n) => readUser(ck, n)) ?? "app",
    env:
      field("env", (n) =>
        readStringTable(ck, n, (k) => (envName.test(k) ? undefined : `expected an environment variable name like "DEBUG", got "${k}"`)),
      ) ?? [],
    expose: field("expose", (n) => readExpose(ck, n)) ?? [],
    timezone: field("timezone", (n) => readMatching(ck, n, /^[A-Za-z0-9_+-]+(\/[A-Za-z0-9_+-]+)*$/, `a time zone like "UTC" or "Europe/Paris"`)) ?? "UTC",
    directories: field("directories", (n) => readStrings(ck, n, (d) => (d.startsWith("/") ? undefined : `expected an absolute path like "/data", got "${d}"`))) ?? [],
    systemPackages: field("system-packages", (n) => readStrings(ck, n, checkDebianPackage)) ?? [],
    autoSystemPackages: field("auto-system-packages", (n) => readBool(ck, n)) ?? true,
    smokeTest: field("smoke-test", (n) => readBool(ck, n)) ?? true,
    addServer: field("add-server", (n) => readBool(ck, n)) ?? true,
    labels: field("labels", (n) => readStringTable(ck, n, (k) => (k === "" ? "expected a label name, got an empty key" : undefined))) ?? [],
    stopSignal: field("stop-signal", (n) => readMatching(ck, n, /^(SIG[A-Z][A-Z0-9]*([+-]\d+)?|\d+)$/, `a signal like "SIGTERM" or "SIGINT"`)) ?? "SIGTERM",
    healthcheck: field("healthcheck", (n) => readHealthcheck(ck, n)),
  };
}

/** "app", "root", "UID[:GID]", or a user name to create. */
function readUser(ck: Checker, node: LNode | undefined): string | undefined {
  return readMatching(ck, node, /^(\d+(:\d+)?|[a-z_][a-z0-9_-]*)$/, `"app", "root", "UID[:GID]" or a user name`);
}

/** Ports as 8000 or "8000/udp", normalised to "8000/tcp"; duplicates dropped. */
function readExpose(ck: Checker, node: LNode | undefined): string[] | undefined {
  if (node?.kind === "value" && typeof node.value === "number") node = { ...node, value: [node.value] };
  const ports = readList(ck, node, "ports", (v, path) => {
    const m = typeof v === "number" ? [String(v), String(v), undefined] : typeof v === "string" ? /^(\d+)(?:\/(tcp|udp|sctp))?$/i.exec(v.trim()) : null;
    const port = m === null ? NaN : Number(m[1]);
    if (m !== null && Number.isInteger(port) && port >= 1 && port <= 65535) return `${port}/${(m[2] ?? "tcp").toLowerCase()}`;
    // nan and inf are said as TOML's type, not as JavaScript spells them.
    const got = typeof v === "string" ? `"${v}"` : typeof v === "number" && Number.isFinite(v) ? String(v) : describeAt(ck, path, v);
    ck.error(path, `${itemLabel(path)}: expected a port like 8000 or "8000/udp", got ${got}`);
    return undefined;
  });
  return ports === undefined ? undefined : [...new Set(ports)];
}

/** `[runtime.healthcheck]`: http XOR command, durations, retries. */
function readHealthcheck(ck: Checker, node: LNode | undefined): HealthcheckConfig | undefined {
  const t = ck.table(node, "runtime.healthcheck", tableKeys["runtime.healthcheck"]);
  if (t === undefined) return undefined;
  const get = (k: string): LNode | undefined => t.entries.get(k);
  const httpNode = get("http");
  const commandNode = get("command");
  const url = readMatching(ck, httpNode, /^https?:\/\/\S+$/, `a URL like "http://localhost:8000/"`);
  const command = readCommand(ck, commandNode, false);
  let test: HealthcheckTest | undefined;
  if (httpNode !== undefined && commandNode !== undefined) {
    const later = before(ck, httpNode, commandNode) ? commandNode : httpNode;
    ck.error(later.path, `${tableName(t.path)}: set either http or command, not both`, "key", "conflicting-keys");
  } else if (httpNode === undefined && commandNode === undefined) {
    ck.error(t.path, `${tableName(t.path)}: needs http = "http://localhost:8000/" or command = [...]`, "key", "missing-key");
  } else if (url !== undefined) {
    test = { kind: "http", url };
  } else if (command !== undefined) {
    test = { kind: "command", command };
  }
  const intervalMs = readDuration(ck, get("interval"));
  const timeoutMs = readDuration(ck, get("timeout"));
  const startPeriodMs = readDuration(ck, get("start-period"));
  const retries = readInt(ck, get("retries"), 0);
  if (test === undefined) return undefined;
  return { test, intervalMs: intervalMs ?? 30_000, timeoutMs: timeoutMs ?? 5_000, startPeriodMs: startPeriodMs ?? 0, retries: retries ?? 3 };
}

function before(ck: Checker, a: LNode, b: LNode): boolean {
  const ra = ck.rangeOf(a.path, "key").start;
  const rb = ck.rangeOf(b.path, "key").start;
  return ra.line < rb.line || (ra.line === rb.line && ra.column <= rb.column);
}

const unitMs: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };

/** "30s", "1m30s", "500ms", "2h", "1.5s", "0" → milliseconds; undefined if malformed. */
export function parseDuration(text: string): number | undefined {
  if (text === "0") return 0;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/y;
  let ms = 0;
  let i = 0;
  while (i < text.length) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (m === null) return undefined;
    ms += Number(m[1]) * unitMs[m[2]!]!;
    i = re.lastIndex;
  }
  return i === 0 ? undefined : Math.round(ms);
}

function readDuration(ck: Checker, node: LNode | undefined): number | undefined {
  const s = readString(ck, node);
  if (s === undefined || node === undefined) return undefined;
  const ms = parseDuration(s.trim());
  if (ms !== undefined && ms <= MAX_DURATION_MS) return ms;
  if (ms !== undefined) {
    // The image config holds durations as int64 nanoseconds.
    ck.error(node.path, `${label(node.path)}: "${s}" is longer than an image can hold (at most ${MAX_DURATION_MS / 3_600_000 | 0}h, about 292 years)`);
    return undefined;
  }
  ck.error(node.path, `${label(node.path)}: expected a duration like "30s", "1m30s" or "500ms", got "${s}"`);
  return undefined;
}
