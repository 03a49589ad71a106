/**
 * MergeOp: layers several states on top of each other (Go `client/llb/merge.go`), cap `mergeop`.
 * Scratch inputs are dropped; merging one state returns it unchanged, merging none gives scratch.
 * Inputs are not deduplicated (`MergeInput.input` is simply the position), and `Op.platform` is unset.
 */
import { create } from "@bufbuild/protobuf";
import { MergeInputSchema, MergeOpSchema } from "../gen/github.com/moby/buildkit/solver/pb/ops_pb.js";
import type { BuiltOp, MarshalContext, OpOptions, Output, Vertex } from "./marshal.js";
import { newOp } from "./marshal.js";
import { scratch, type State } from "./state.js";

/** Merges `states` in order (later ones win); the result keeps the first state's metadata. */
export function merge(states: readonly State[], options: OpOptions = {}): State {
  const present = states.filter((s) => s.output !== undefined);
  const [first, second] = present;
  if (first === undefined) return scratch();
  if (second === undefined) return first;
  return first.withOutput(new MergeVertex(present.map((s) => s.output as Output), options).output);
}

class MergeVertex implements Vertex {
  readonly output: Output = { vertex: this, index: 0 };

  constructor(
    private readonly from: readonly Output[],
    private readonly options: OpOptions,
  ) {}

  inputs(): readonly Output[] {
    return this.from;
  }

  build(ctx: MarshalContext): BuiltOp {
    const inputs = this.from.map((o) => ctx.input(o));
    const value = create(MergeOpSchema, { inputs: inputs.map((_, i) => create(MergeInputSchema, { input: BigInt(i) })) });
    return { op: newOp(ctx, null, { inputs, op: { case: "merge", value } }), caps: ["mergeop"], options: this.options };
  }
}
