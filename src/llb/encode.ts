/**
 * Deterministic protobuf encoding on top of protobuf-es reflection.
 *
 * Why not `toBinary`: protobuf-es (like every JS runtime) writes map entries in `Object.keys()` order, so
 * integer-like keys come first ("9" before "10") and the rest follow insertion order. LLB op digests are
 * sha256 of the op bytes, so the same graph must always give the same bytes. This encoder writes what Go's
 * `proto.MarshalOptions{Deterministic: true}` writes (buildkit `client/llb/marshal.go`):
 *
 * - fields in field-number order, except that members of a (non-synthetic) oneof come after all other
 *   fields ("to preserve compatibility with historic wire output", google.golang.org/protobuf
 *   `internal/impl/codec_message.go`). `fieldOrder: "number"` gives plain field-number order instead, which
 *   is what gogo (buildkit ≤ v0.11) and C++ emit;
 * - map entries sorted by key: strings by UTF-8 bytes, integers numerically, false before true; both the key
 *   and the value of an entry are always written, as Go does;
 * - proto3 zero values omitted, but a selected oneof member and a present sub-message are always written
 *   (so `constraints = {}` is `5a 00` and `UserOpt{byID: 0}` is `10 00`);
 * - repeated scalars packed where the descriptor says so.
 *
 * Unknown fields are dropped. Only used for LLB messages, which have no extensions or groups.
 */
import type { DescField, DescMessage, MessageShape } from "@bufbuild/protobuf";
import { ScalarType } from "@bufbuild/protobuf";
import { reflect, type ReflectMessage } from "@bufbuild/protobuf/reflect";
import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";

/** Field order on the wire: Go's (`"go"`, oneof members last) or plain field-number order. */
export type FieldOrder = "go" | "number";

/** Options of {@link encodeDeterministic}. */
export interface EncodeOptions {
  /** Defaults to `"go"`, the order of buildkit master's deterministic marshaller. */
  readonly fieldOrder?: FieldOrder;
}

/**
 * Encodes `message` deterministically: equal messages always give equal bytes, whatever order their maps
 * were filled in. With the default options the bytes equal Go's deterministic `proto.Marshal`.
 */
export function encodeDeterministic<Desc extends DescMessage>(
  schema: Desc,
  message: MessageShape<Desc>,
  options: EncodeOptions = {},
): Uint8Array {
  const writer = new BinaryWriter();
  writeMessage(writer, reflect(schema, message), options.fieldOrder ?? "go");
  return writer.finish();
}

const orderCache = new Map<string, readonly DescField[]>();

/** The fields of `desc` in wire order, computed once per message type and order. */
function orderedFields(desc: DescMessage, order: FieldOrder): readonly DescField[] {
  const key = `${order}:${desc.typeName}`;
  let fields = orderCache.get(key);
  if (fields === undefined) {
    const inOneof = (f: DescField): boolean => f.oneof !== undefined;
    fields = [...desc.fields].sort((a, b) => {
      if (order === "go" && inOneof(a) !== inOneof(b)) return inOneof(a) ? 1 : -1;
      if (order === "go" && a.oneof !== b.oneof && a.oneof && b.oneof) {
        return desc.oneofs.indexOf(a.oneof) - desc.oneofs.indexOf(b.oneof); // disjoint oneofs: declaration order
      }
      return a.number - b.number;
    });
    orderCache.set(key, fields);
  }
  return fields;
}

function writeMessage(w: BinaryWriter, msg: ReflectMessage, order: FieldOrder): void {
  for (const field of orderedFields(msg.desc, order)) {
    if (!msg.isSet(field)) continue; // proto3 implicit presence: zero values are "not set"
    switch (field.fieldKind) {
      case "scalar":
        writeScalar(w.tag(field.number, wireTypeOf(field.scalar)), field.scalar, msg.get(field));
        break;
      case "enum":
        w.tag(field.number, WireType.Varint).int32(msg.get(field));
        break;
      case "message":
        writeChild(w, field.number, msg.get(field), order);
        break;
      case "list": {
        const list = msg.get(field);
        if (field.listKind === "message") {
          for (const item of list) writeChild(w, field.number, item as ReflectMessage, order);
          break;
        }
        const type = field.listKind === "enum" ? ScalarType.INT32 : field.scalar;
        if (field.packed) {
          w.tag(field.number, WireType.LengthDelimited).fork();
          for (const item of list) writeScalar(w, type, item);
          w.join();
        } else {
          for (const item of list) writeScalar(w.tag(field.number, wireTypeOf(type)), type, item);
        }
        break;
      }
      case "map": {
        const entries = [...msg.get(field)].sort(([a], [b]) => compareKeys(a, b));
        for (const [key, value] of entries) {
          w.tag(field.number, WireType.LengthDelimited).fork();
          writeScalar(w.tag(1, wireTypeOf(field.mapKey)), field.mapKey, key);
          if (field.mapKind === "message") writeChild(w, 2, value as ReflectMessage, order);
          else if (field.mapKind === "enum") w.tag(2, WireType.Varint).int32(value as number);
          else writeScalar(w.tag(2, wireTypeOf(field.scalar)), field.scalar, value);
          w.join();
        }
        break;
      }
    }
  }
}

function writeChild(w: BinaryWriter, fieldNo: number, child: ReflectMessage, order: FieldOrder): void {
  w.tag(fieldNo, WireType.LengthDelimited).fork();
  writeMessage(w, child, order);
  w.join();
}

/** Map keys: strings by UTF-8 bytes (not UTF-16 units: U+FFFD < U+1F600), numbers numerically, false < true. */
function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === "string" && typeof b === "string") return Buffer.compare(Buffer.from(a), Buffer.from(b));
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  const x = BigInt(a as bigint | number | string);
  const y = BigInt(b as bigint | number | string);
  return x < y ? -1 : x > y ? 1 : 0;
}

function wireTypeOf(type: ScalarType): WireType {
  switch (type) {
    case ScalarType.STRING:
    case ScalarType.BYTES:
      return WireType.LengthDelimited;
    case ScalarType.DOUBLE:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return WireType.Bit64;
    case ScalarType.FLOAT:
    case ScalarType.FIXED32:
    case ScalarType.SFIXED32:
      return WireType.Bit32;
    default:
      return WireType.Varint;
  }
}

// Values come from reflection, so they have the runtime type that matches `type`.
function writeScalar(w: BinaryWriter, type: ScalarType, value: unknown): void {
  const v = value as never;
  switch (type) {
    case ScalarType.STRING: w.string(v); break;
    case ScalarType.BYTES: w.bytes(v); break;
    case ScalarType.BOOL: w.bool(v); break;
    case ScalarType.INT32: w.int32(v); break;
    case ScalarType.UINT32: w.uint32(v); break;
    case ScalarType.SINT32: w.sint32(v); break;
    case ScalarType.FIXED32: w.fixed32(v); break;
    case ScalarType.SFIXED32: w.sfixed32(v); break;
    case ScalarType.FLOAT: w.float(v); break;
    case ScalarType.DOUBLE: w.double(v); break;
    case ScalarType.INT64: w.int64(v); break;
    case ScalarType.UINT64: w.uint64(v); break;
    case ScalarType.SINT64: w.sint64(v); break;
    case ScalarType.FIXED64: w.fixed64(v); break;
    case ScalarType.SFIXED64: w.sfixed64(v); break;
  }
}
