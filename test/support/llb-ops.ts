/** Reading a decoded LLB definition in tests: ops by name, their kind, what they are built on. */
import type { ExecOp, FileOp, MergeOp, SourceOp } from "../../src/gen/github.com/moby/buildkit/solver/pb/ops_pb.js";
import type { DecodedOp } from "../../src/llb/marshal.js";

/** The op's name in the build output (`llb.customname`), "" when it has none. */
export const nameOf = (d: DecodedOp): string => d.metadata?.description["llb.customname"] ?? "";

/** The first op with that name (a string: the whole name; a RegExp: a match). */
export function named(ops: readonly DecodedOp[], name: string | RegExp): DecodedOp {
  const d = ops.find((x) => (typeof name === "string" ? nameOf(x) === name : name.test(nameOf(x))));
  if (!d) throw new Error(`no op named ${name}; have:\n${ops.map(nameOf).join("\n")}`);
  return d;
}

export function execOf(d: DecodedOp): ExecOp {
  if (d.op.op.case !== "exec") throw new Error(`${nameOf(d)} is a ${d.op.op.case}`);
  return d.op.op.value;
}

export function fileOf(d: DecodedOp): FileOp {
  if (d.op.op.case !== "file") throw new Error(`${nameOf(d)} is a ${d.op.op.case}`);
  return d.op.op.value;
}

export const sources = (ops: readonly DecodedOp[]): SourceOp[] => ops.flatMap((d) => (d.op.op.case === "source" ? [d.op.op.value] : []));
export const merges = (ops: readonly DecodedOp[]): (DecodedOp & { readonly merge: MergeOp })[] =>
  ops.flatMap((d) => (d.op.op.case === "merge" ? [{ ...d, merge: d.op.op.value }] : []));
export const execs = (ops: readonly DecodedOp[]): DecodedOp[] => ops.filter((d) => d.op.op.case === "exec");
export const byDigest = (ops: readonly DecodedOp[]): Map<string, DecodedOp> => new Map(ops.map((d) => [d.digest as string, d]));

/** The ops `d` takes as inputs, in order. */
export function inputsOf(ops: readonly DecodedOp[], d: DecodedOp): DecodedOp[] {
  const index = byDigest(ops);
  return d.op.inputs.map((i) => {
    const input = index.get(i.digest);
    if (!input) throw new Error(`${nameOf(d)}: input ${i.digest} is not in the definition`);
    return input;
  });
}

/** Every op reachable from `d` through inputs, `d` included. */
export function ancestry(ops: readonly DecodedOp[], d: DecodedOp): DecodedOp[] {
  const index = byDigest(ops);
  const out: DecodedOp[] = [];
  const seen = new Set<string>();
  const visit = (x: DecodedOp) => {
    if (seen.has(x.digest)) return;
    seen.add(x.digest);
    out.push(x);
    for (const i of x.op.inputs) {
      const next = index.get(i.digest);
      if (next) visit(next);
    }
  };
  visit(d);
  return out;
}

/**
 * The argv a step runs, without the SOURCE_DATE_EPOCH wrapping (`withEpochTimes`) that steps whose layers
 * ship get: the original argv follows the "pydock-step" element. An unwrapped step's argv as it is.
 */
export function stepArgs(e: ExecOp): readonly string[] {
  const args = e.meta?.args ?? [];
  const at = args[0] === "/bin/sh" && args[1] === "-c" ? args.indexOf("pydock-step") : -1;
  return at === 3 ? args.slice(at + 1) : args;
}
