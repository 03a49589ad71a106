/**
 * PEP 508 environment markers, evaluated three-valued against a Linux/CPython environment ({@link LINUX_CPYTHON})
 * that callers extend (e.g. `python_version`, `platform_machine`). A variable with no known value makes its
 * comparison unknown, and {@link markerMayApply} is false only when the marker is *definitely* false, so a
 * package is never dropped for a marker the real install might satisfy. Unparsable markers count as true.
 */
import { compareVersions, parseVersion } from "./versions.js";

/** What pydock builds on: Linux, CPython. `python_version`, `platform_machine`… come from the caller. */
export const LINUX_CPYTHON: Readonly<Record<string, string>> = {
  os_name: "posix",
  sys_platform: "linux",
  platform_system: "Linux",
  platform_python_implementation: "CPython",
  implementation_name: "cpython",
};

type Tri = boolean | undefined;

/** False only when the marker is certainly false in `env`; unknown variables and unparsable markers give true. */
export function markerMayApply(marker: string, env: Readonly<Record<string, string>> = LINUX_CPYTHON): boolean {
  try {
    const p = new MarkerParser(marker, env);
    const v = p.expr();
    if (!p.done()) return true;
    return v !== false;
  } catch {
    return true;
  }
}

type Token = { kind: "str"; value: string } | { kind: "word"; value: string } | { kind: "op"; value: string } | { kind: "paren"; value: "(" | ")" };

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i] ?? "";
    if (/\s/.test(c)) {
      i++;
    } else if (c === "(" || c === ")") {
      out.push({ kind: "paren", value: c });
      i++;
    } else if (c === "'" || c === '"') {
      const end = s.indexOf(c, i + 1);
      if (end < 0) throw new Error("unterminated string");
      out.push({ kind: "str", value: s.slice(i + 1, end) });
      i = end + 1;
    } else {
      const op = /^(===|==|!=|<=|>=|~=|<|>)/.exec(s.slice(i));
      if (op) {
        out.push({ kind: "op", value: op[1] ?? "" });
        i += (op[1] ?? "").length;
        continue;
      }
      const w = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(s.slice(i));
      if (!w) throw new Error(`unexpected ${c}`);
      out.push({ kind: "word", value: w[0] });
      i += w[0].length;
    }
  }
  return out;
}

const VERSION_VARS = new Set(["python_version", "python_full_version", "implementation_version", "platform_release"]);

class MarkerParser {
  private readonly tokens: Token[];
  private pos = 0;
  constructor(
    text: string,
    private readonly env: Readonly<Record<string, string>>,
  ) {
    this.tokens = tokenize(text);
  }
  done(): boolean {
    return this.pos === this.tokens.length;
  }
  private peekWord(w: string): boolean {
    const t = this.tokens[this.pos];
    return t?.kind === "word" && t.value === w;
  }
  expr(): Tri {
    let v = this.and();
    while (this.peekWord("or")) {
      this.pos++;
      const r = this.and();
      v = v === true || r === true ? true : v === false && r === false ? false : undefined;
    }
    return v;
  }
  private and(): Tri {
    let v = this.atom();
    while (this.peekWord("and")) {
      this.pos++;
      const r = this.atom();
      v = v === false || r === false ? false : v === true && r === true ? true : undefined;
    }
    return v;
  }
  private atom(): Tri {
    const t = this.tokens[this.pos];
    if (t?.kind === "paren" && t.value === "(") {
      this.pos++;
      const v = this.expr();
      const close = this.tokens[this.pos++];
      if (close?.kind !== "paren" || close.value !== ")") throw new Error("expected )");
      return v;
    }
    const left = this.value();
    const op = this.operator();
    const right = this.value();
    return this.compare(left, op, right);
  }
  private value(): { variable?: string; literal?: string } {
    const t = this.tokens[this.pos++];
    if (t?.kind === "str") return { literal: t.value };
    if (t?.kind === "word" && t.value !== "and" && t.value !== "or" && t.value !== "in" && t.value !== "not") return { variable: t.value };
    throw new Error("expected a value");
  }
  private operator(): string {
    const t = this.tokens[this.pos++];
    if (t?.kind === "op") return t.value;
    if (t?.kind === "word" && t.value === "in") return "in";
    if (t?.kind === "word" && t.value === "not" && this.peekWord("in")) {
      this.pos++;
      return "not in";
    }
    throw new Error("expected an operator");
  }
  /** The values a variable may have: one when known; python_full_version from python_version "3.11" spans 3.11.0–3.11.∞. */
  private candidates(v: { variable?: string; literal?: string }): string[] | undefined {
    if (v.literal !== undefined) return [v.literal];
    const name = v.variable ?? "";
    const known = this.env[name];
    if (known !== undefined) return [known];
    if (name === "python_full_version") {
      const short = this.env["python_version"];
      if (short !== undefined) return [`${short}.0`, `${short}.99999`];
    }
    if (name === "python_version") {
      const full = this.env["python_full_version"];
      const mm = full !== undefined ? /^(\d+\.\d+)/.exec(full)?.[1] : undefined;
      if (mm !== undefined) return [mm];
    }
    return undefined;
  }
  private compare(left: { variable?: string; literal?: string }, op: string, right: { variable?: string; literal?: string }): Tri {
    const ls = this.candidates(left);
    const rs = this.candidates(right);
    if (!ls || !rs) return undefined;
    const versioned = VERSION_VARS.has(left.variable ?? "") || VERSION_VARS.has(right.variable ?? "");
    let result: Tri;
    let first = true;
    for (const l of ls)
      for (const r of rs) {
        const v = compareMarkerValues(l, op, r, versioned);
        if (first) result = v;
        else if (result !== v) result = undefined;
        first = false;
      }
    return result;
  }
}

function compareMarkerValues(l: string, op: string, r: string, versioned: boolean): Tri {
  if (op === "in") return r.includes(l);
  if (op === "not in") return !r.includes(l);
  if (op === "===") return l === r;
  if (versioned) {
    const lv = parseVersion(l);
    if (lv && (op === "==" || op === "!=") && r.endsWith(".*")) {
      const prefix = parseVersion(r.slice(0, -2));
      if (prefix) {
        const eq = prefix.release.every((n, i) => (lv.release[i] ?? 0) === n);
        return op === "==" ? eq : !eq;
      }
    }
    const rv = parseVersion(r);
    if (lv && rv) {
      const c = compareVersions(lv, rv);
      switch (op) {
        case "==":
          return c === 0;
        case "!=":
          return c !== 0;
        case "<":
          return c < 0;
        case "<=":
          return c <= 0;
        case ">":
          return c > 0;
        case ">=":
          return c >= 0;
        case "~=": {
          if (rv.release.length < 2) return undefined;
          const prefix = rv.release.slice(0, -1);
          return c >= 0 && prefix.every((n, i) => (lv.release[i] ?? 0) === n);
        }
      }
    }
  }
  switch (op) {
    case "==":
      return l === r;
    case "!=":
      return l !== r;
    case "<":
      return l < r;
    case "<=":
      return l <= r;
    case ">":
      return l > r;
    case ">=":
      return l >= r;
    default:
      return undefined;
  }
}
