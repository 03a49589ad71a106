/**
 * TOML text for the fuzz suite: every kind of TOML value written in every syntax TOML has for it (basic,
 * literal and multi-line strings with escapes, decimal/hex/octal/binary integers beyond int64, floats with
 * inf and nan, the four datetime forms, arrays and inline tables), keys bare or quoted, and the few
 * malformed spellings users write. Values are rendered text, not data: the point is what the parser sees.
 */
import fc from "fast-check";

/** Keys that name members of Object.prototype (or its accessors) and so break code that indexes plain objects. */
export const PROTO_KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "__defineGetter__", "isPrototypeOf"] as const;

/** A key as TOML writes it: bare when it can be, else quoted. */
export function keyText(k: string, quote: "basic" | "literal" = "basic"): string {
  if (/^[A-Za-z0-9_-]+$/.test(k)) return k;
  if (quote === "literal" && !/['\n\r]/.test(k)) return `'${k}'`;
  return basicString(k);
}

export const dottedKey = (segments: readonly string[]): string => segments.map((s) => keyText(s)).join(".");

/** A basic string with every character that needs it escaped. */
export function basicString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Pieces of string content: plain text, `${}` references of every form, unicode, escapes' raw material. */
export const stringPiece: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 3, arbitrary: fc.constantFrom("${A}", "${B}", "${A:-x}", "${UNDEFINED}", "${UNDEFINED:-fallback}", "$$", "${", "${}", "${ A }", "${1A}", "$A", "${SOURCE_DATE_EPOCH}", "${SOURCE_DATE_EPOCH:-0}", "${__proto__}", "${constructor}", "${A:-${B}}", "}") },
  { weight: 2, arbitrary: fc.constantFrom("é", "😀", "\u0000", "\u001f", "\u007f", "\ufeff", "\u2028", "\r\n", "\n", "\t", " ", '"', "'", "\\", "#", "=", "[", "]", "{", "}", ",", ".") },
  { weight: 2, arbitrary: fc.constantFrom("/app", "/", "..", "../x", "a/b", "*", "**", "!x", "main", "dev", "3.11", "8000", "http://localhost:8000/", "30s", "SIGTERM", "app", "root", "1000:1000", "libpq-dev") },
  { weight: 1, arbitrary: fc.nat(300).map((n) => "a".repeat(n)) },
  // Any code point, lone surrogates included (TOML cannot carry those; build arguments can).
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
);

export const stringContent: fc.Arbitrary<string> = fc.array(stringPiece, { maxLength: 5 }).map((p) => p.join(""));

/** A string value in one of TOML's four syntaxes (literal ones may be malformed by their content: that is the point). */
export function stringText(content: fc.Arbitrary<string> = stringContent): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: content.map(basicString) },
    { weight: 2, arbitrary: content.map((s) => `'${s}'`) },
    { weight: 1, arbitrary: content.map((s) => `"""${s.replace(/\\/g, "\\\\").replace(/"""/g, '""\\"')}"""`) },
    { weight: 1, arbitrary: content.map((s) => `'''\n${s}'''`) },
  );
}

const integerText: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: -5, max: 70_000 }).map(String),
  fc.integer().map(String),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String),
  fc.constantFrom(
    "0", "-0", "+1", "1_000", "0x7fffffffffffffff", "0xDEADBEEF", "0o777", "0b1010", "9223372036854775807", "9223372036854775808",
    "-9223372036854775808", "-9223372036854775809", "9007199254740993", "99999999999999999999999", "007", "1__0", "0x", "9223372036", "9223372037",
    "8640000000000", "8640000000001", "65535", "65536", "4294967296",
  ),
);

const floatText: fc.Arbitrary<string> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => {
    const s = String(d);
    return /[.eE]/.test(s) ? s : `${s}.0`;
  }),
  fc.constantFrom("inf", "+inf", "-inf", "nan", "+nan", "-nan", "1e309", "-1e309", "1.5e-400", "3.10", "3.1", "0.0", "-0.0", "6.02e23", "1.", ".5", "1e", "3.11"),
);

const datetimeText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "1979-05-27T07:32:00Z", "1979-05-27T00:32:00.999999-07:00", "1979-05-27T07:32:00", "1979-05-27", "07:32:00", "00:32:00.999999",
    "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2021-02-30", "2020-02-29", "1979-05-27 07:32:00Z", "1979-05-27T25:00:00Z", "1979-05-27T23:59:60Z",
    "1979-13-01", "1979-05-27T07:32:00+24:00", "275760-09-13",
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);

/** Any TOML value as text; `depth` bounds arrays and inline tables. */
export function valueText(depth = 2, content: fc.Arbitrary<string> = stringContent): fc.Arbitrary<string> {
  const scalar = fc.oneof(
    { weight: 6, arbitrary: stringText(content) },
    { weight: 3, arbitrary: integerText },
    { weight: 2, arbitrary: floatText },
    { weight: 2, arbitrary: fc.constantFrom("true", "false") },
    { weight: 2, arbitrary: datetimeText },
  );
  if (depth <= 0) return scalar;
  const inner = valueText(depth - 1, content);
  return fc.oneof(
    { weight: 16, arbitrary: scalar },
    { weight: 4, arbitrary: fc.array(inner, { maxLength: 4 }).map((items) => `[${items.join(", ")}]`) },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.tuple(fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.constantFrom("a", "b", "http", "command", "A", "x y")), inner), { maxLength: 3 })
        .map((kvs) => `{ ${kvs.map(([k, v]) => `${keyText(k)} = ${v}`).join(", ")} }`),
    },
    // Half-written values.
    { weight: 1, arbitrary: fc.constantFrom("", "[", "{", "[1,,2]", "{a=1,}", "[1 2]", "{ a = }", "]", "= 1", "True", "yes") },
  );
}
