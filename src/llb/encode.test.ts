import { create, toBinary } from "@bufbuild/protobuf";
import { describe, expect, test } from "vitest";
import {
  MetaSchema,
  OpMetadataSchema,
  OpSchema,
  PlatformSchema,
  SourceOpSchema,
  UserOptSchema,
  WorkerConstraintsSchema,
} from "../gen/github.com/moby/buildkit/solver/pb/ops_pb.js";
import { encodeDeterministic } from "./encode.js";

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
// Sorted by UTF-8 bytes: "10" < "9" < "aa" < "zz" < "é" (c3 a9) < U+FFFD (ef bf bd) < U+1F600 (f0 9f 98 80).
const KEYS = ["10", "9", "aa", "zz", "é", "\uFFFD", "😀"];

function source(keys: readonly string[]) {
  const attrs: Record<string, string> = {};
  for (const k of keys) attrs[k] = `v${k}`;
  return create(SourceOpSchema, { identifier: "x", attrs });
}

describe("encodeDeterministic", () => {
  test("map entries are sorted by UTF-8 bytes, whatever the insertion order", () => {
    const a = encodeDeterministic(SourceOpSchema, source(KEYS));
    const b = encodeDeterministic(SourceOpSchema, source([...KEYS].reverse()));
    const c = encodeDeterministic(SourceOpSchema, source(["😀", "9", "é", "10", "zz", "\uFFFD", "aa"]));
    expect(hex(b)).toBe(hex(a));
    expect(hex(c)).toBe(hex(a));
    const buf = Buffer.from(a);
    const positions = KEYS.map((k) => buf.indexOf(Buffer.from(`v${k}`)));
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    // protobuf-es itself puts integer-like keys first ("9" before "10"): the reason this encoder exists.
    const stock = Buffer.from(toBinary(SourceOpSchema, source(KEYS)));
    expect(stock.indexOf(Buffer.from("v9"))).toBeLessThan(stock.indexOf(Buffer.from("v10")));
  });

  test("map<string,bool> entries always carry key and value", () => {
    const md = create(OpMetadataSchema, { caps: { b: true, a: false } });
    // 2a 05 0a 01 'a' 10 00 | 2a 05 0a 01 'b' 10 01
    expect(hex(encodeDeterministic(OpMetadataSchema, md))).toBe("2a050a0161100" + "02a050a016210" + "01");
  });

  test("Go order puts oneof members after other fields; number order does not", () => {
    const op = create(OpSchema, {
      op: { case: "source", value: { identifier: "a" } },
      platform: create(PlatformSchema, { OS: "linux" }),
      constraints: create(WorkerConstraintsSchema),
    });
    expect(hex(encodeDeterministic(OpSchema, op))).toBe("52071205" + "6c696e7578" + "5a00" + "1a030a0161");
    expect(hex(encodeDeterministic(OpSchema, op, { fieldOrder: "number" }))).toBe("1a030a0161" + "52071205" + "6c696e7578" + "5a00");
    expect(hex(encodeDeterministic(OpSchema, op, { fieldOrder: "number" }))).toBe(hex(toBinary(OpSchema, op)));
  });

  test("a selected oneof member is written even when zero; zero scalars are not", () => {
    expect(hex(encodeDeterministic(UserOptSchema, create(UserOptSchema, { user: { case: "byID", value: 0 } })))).toBe("1000");
    expect(encodeDeterministic(MetaSchema, create(MetaSchema, { cwd: "", removeMountStubsRecursive: false }))).toHaveLength(0);
  });

  test("repeated int32 is packed; negative int64 is a 10-byte varint", () => {
    const meta = create(MetaSchema, { validExitCodes: [0, 1, 255] });
    expect(hex(encodeDeterministic(MetaSchema, meta))).toBe("620400" + "01ff01"); // 62 04 | 00 01 ff01
    const op = create(OpSchema, { inputs: [{ digest: "d", index: -1n }] });
    expect(hex(encodeDeterministic(OpSchema, op))).toBe("0a0e0a016410ffffffffffffffffff01");
  });
});
