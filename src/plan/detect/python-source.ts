/**
 * What detection needs to know of a Python module, by a single pass over its lines: which modules it
 * imports, its module-level assignments from calls (`app = Flask(__name__)`, `app, rt = fast_app()`), its
 * module-level functions (with what they build: `def create_app(): app = Flask(...)`) and a few calls
 * (`web.run_app(...)`, `serve()`). Not a parser: no regular expression runs over more than a bounded
 * slice of one line, so an 8 MiB file costs one linear pass.
 */
import { identifierAt, isIdentChar, isIdentStart, lines } from "./text.js";

export interface Assignment {
  /** Targets: ["app"], or ["app", "rt"] for `app, rt = fast_app()`. */
  readonly targets: readonly string[];
  /** The called name, dotted: "Flask", "flask.Flask", "web.Application", "create_app". */
  readonly callee: string;
  readonly line: number;
}

export interface FunctionDef {
  readonly name: string;
  readonly line: number;
  /** Every parameter has a default (or is *args/**kwargs): the function can be called with no arguments. */
  readonly callableBare: boolean;
  /** A parameter is named argv (aiohttp's `python -m aiohttp.web` entry functions). */
  readonly takesArgv: boolean;
  /** Callees called in its body (dotted), and its return annotation. */
  readonly bodyCallees: ReadonlySet<string>;
  readonly returns: string | undefined;
}

export interface PyModule {
  /** Top-level package names imported anywhere in the file ("flask", "fastapi", "aiohttp"). */
  readonly imports: ReadonlySet<string>;
  readonly assignments: readonly Assignment[];
  readonly functions: readonly FunctionDef[];
  /** Callees whose calls appear anywhere (any indentation), last segment only: "run_app", "serve". */
  readonly calls: ReadonlySet<string>;
}

/** The only bare call names recorded in `calls` (keeps the set small). */
const TRACKED_CALLS = new Set(["run_app", "serve", "run"]);
/** Part of a line looked at; real statements detection cares about are far shorter. */
const LINE_LIMIT = 2000;

/** A dotted name at `from` ("web.Application"), and where it ends. */
function dottedAt(s: string, from: number): { name: string; end: number } | undefined {
  let i = from;
  let name = "";
  for (;;) {
    const id = identifierAt(s, i);
    if (!id) return name ? { name, end: i } : undefined;
    name += id;
    i += id.length;
    if (s[i] === "." && identifierAt(s, i + 1)) {
      name += ".";
      i++;
    } else return { name, end: i };
  }
}

const skipSpaces = (s: string, i: number): number => {
  while (s[i] === " " || s[i] === "\t") i++;
  return i;
};

/** `a`, `a, b`, `(a, b)`, `a: T` targets, then "=" (not "=="), then a dotted callee and "(". */
function assignmentOf(s: string): { targets: string[]; callee: string } | undefined {
  const targets: string[] = [];
  let i = 0;
  const paren = s[0] === "(";
  if (paren) i++;
  for (;;) {
    i = skipSpaces(s, i);
    const id = identifierAt(s, i);
    if (!id) return undefined;
    targets.push(id);
    i = skipSpaces(s, i + id.length);
    if (s[i] === ",") {
      i++;
      continue;
    }
    break;
  }
  if (paren) {
    if (s[i] !== ")") return undefined;
    i = skipSpaces(s, i + 1);
  }
  if (s[i] === ":" && targets.length === 1) {
    // An annotation: up to the "=".
    const eq = s.indexOf("=", i);
    if (eq < 0) return undefined;
    i = eq;
  }
  if (s[i] !== "=" || s[i + 1] === "=") return undefined;
  i = skipSpaces(s, i + 1);
  const callee = dottedAt(s, i);
  if (!callee) return undefined;
  if (s[skipSpaces(s, callee.end)] !== "(") return undefined;
  return { targets, callee: callee.name };
}

/** Every dotted name directly followed by "(" in a line (the callees of its calls). */
function calleesIn(s: string, out: Set<string>): void {
  let i = 0;
  while (i < s.length) {
    if (isIdentStart(s.charCodeAt(i)) && (i === 0 || (!isIdentChar(s.charCodeAt(i - 1)) && s[i - 1] !== "."))) {
      const d = dottedAt(s, i);
      if (d) {
        if (s[d.end] === "(") out.add(d.name);
        i = d.end;
        continue;
      }
    }
    i++;
  }
}

/** Parameters of a signature text ("a, b=1, *args") → callable with no arguments? takes argv? */
function signature(params: string): { callableBare: boolean; takesArgv: boolean } {
  let callableBare = true;
  let takesArgv = false;
  let depth = 0;
  let start = 0;
  const parts: string[] = [];
  for (let i = 0; i <= params.length; i++) {
    const c = params[i];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if ((c === "," && depth === 0) || i === params.length) {
      parts.push(params.slice(start, i));
      start = i + 1;
    }
  }
  for (const raw of parts) {
    const p = raw.trim();
    if (p === "" || p === "/" || p === "*") continue;
    const name = identifierAt(p.replace(/^\*{1,2}/, "")) ?? "";
    if (name === "argv") takesArgv = true;
    if (p.startsWith("*") || p.includes("=") || name === "self") continue;
    callableBare = false;
  }
  return { callableBare, takesArgv };
}

/** Where the parenthesis open at `depth` closes in `s` from `from` (-1 if not on this line), strings skipped. */
function closeParen(s: string, from: number, depth: number): { close: number; depth: number } {
  let quote: string | undefined;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#") break;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      depth--;
      if (depth === 0) return { close: i, depth };
    }
  }
  return { close: -1, depth };
}

/** Scans a module's text. Total and linear. */
export function scanPython(text: string): PyModule {
  const imports = new Set<string>();
  const assignments: Assignment[] = [];
  const functions: FunctionDef[] = [];
  const calls = new Set<string>();
  let inString: string | undefined; // the triple quote a docstring opened
  let current: { def: FunctionDef; callees: Set<string> } | undefined;
  let pendingSignature: { name: string; line: number; text: string; lines: number; depth: number } | undefined;
  const ls = lines(text);

  /** `params` is the text inside the parentheses, `rest` what follows the closing one. */
  const finishDef = (name: string, line: number, params: string, rest: string) => {
    const arrow = rest.indexOf("->");
    const returns = arrow >= 0 ? (dottedAt(rest, skipSpaces(rest, arrow + 2))?.name ?? undefined) : undefined;
    const callees = new Set<string>();
    const def: FunctionDef = { name, line, ...signature(params), bodyCallees: callees, returns };
    functions.push(def);
    current = { def, callees };
  };

  for (let n = 0; n < ls.length; n++) {
    const full = ls[n] ?? "";
    const raw = full.length > LINE_LIMIT ? full.slice(0, LINE_LIMIT) : full;
    if (pendingSignature) {
      // A def whose parameters span lines: gather up to the closing ")" (at most 50 lines).
      const p = pendingSignature;
      const m = closeParen(raw, 0, p.depth);
      p.text += ` ${m.close >= 0 ? raw.slice(0, m.close) : raw}`;
      p.depth = m.depth;
      p.lines++;
      if (m.close >= 0 || p.lines > 50) {
        pendingSignature = undefined;
        finishDef(p.name, p.line, p.text, m.close >= 0 ? raw.slice(m.close + 1) : "");
      }
      continue;
    }
    // Triple-quoted strings: skip their lines (an odd count of one kind of triple quote toggles).
    if (inString) {
      if (raw.includes(inString)) inString = undefined;
      continue;
    }
    for (const q of ['"""', "'''"]) {
      let count = 0;
      for (let at = raw.indexOf(q); at >= 0; at = raw.indexOf(q, at + 3)) count++;
      if (count % 2 === 1) inString = q;
    }
    const indent = skipSpaces(raw, 0);
    const s = raw.slice(indent);
    if (s === "" || s.startsWith("#")) continue;
    const atTop = indent === 0;
    if (atTop && !s.startsWith("@") && !s.startsWith(")")) current = undefined;

    if (s.startsWith("import ") || s.startsWith("from ")) {
      if (s.startsWith("from ")) {
        const d = dottedAt(s, skipSpaces(s, 5));
        if (d) imports.add(d.name.split(".")[0] ?? "");
      } else {
        for (const part of s.slice(7).split(",")) {
          const d = dottedAt(part, skipSpaces(part, 0));
          if (d) imports.add(d.name.split(".")[0] ?? "");
        }
      }
      continue;
    }

    if (current || s.includes("run") || s.includes("serve")) {
      const body = new Set<string>();
      calleesIn(s, body);
      for (const callee of body) {
        const last = callee.slice(callee.lastIndexOf(".") + 1);
        if (TRACKED_CALLS.has(last)) calls.add(last);
        current?.callees.add(callee);
      }
    }

    if (!atTop) continue;
    const def = s.startsWith("def ") ? 4 : s.startsWith("async def ") ? 10 : 0;
    if (def > 0) {
      const name = identifierAt(s, skipSpaces(s, def));
      if (!name) continue;
      const open = s.indexOf("(", def + name.length);
      if (open < 0) continue;
      const m = closeParen(s, open + 1, 1);
      if (m.close < 0) pendingSignature = { name, line: n + 1, text: s.slice(open + 1), lines: 0, depth: m.depth };
      else finishDef(name, n + 1, s.slice(open + 1, m.close), s.slice(m.close + 1));
      continue;
    }
    const a = assignmentOf(s);
    if (a) assignments.push({ targets: a.targets, callee: a.callee, line: n + 1 });
  }
  if (pendingSignature) finishDef(pendingSignature.name, pendingSignature.line, pendingSignature.text, "");
  return { imports, assignments, functions, calls };
}
