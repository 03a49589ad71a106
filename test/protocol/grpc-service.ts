/**
 * Adapter from a protobuf-es service descriptor to a grpc-js `ServiceDefinition`.
 * @module
 */
import { fromBinary, toBinary, type DescService } from "@bufbuild/protobuf";
import type { MethodDefinition, ServiceDefinition } from "@grpc/grpc-js";

/**
 * Builds a grpc-js service definition from a generated protobuf-es service. Keys are the methods' local
 * (lowerCamel) names, paths are `/<package.Service>/<Method>`, and messages are (de)serialized with protobuf-es.
 * Streaming flags follow the descriptor, so the result works for both `Server.addService` and clients.
 */
export function toGrpcService(service: DescService): ServiceDefinition {
  const def: Record<string, MethodDefinition<unknown, unknown>> = {};
  for (const m of service.methods) {
    def[m.localName] = {
      path: `/${service.typeName}/${m.name}`,
      requestStream: m.methodKind === "client_streaming" || m.methodKind === "bidi_streaming",
      responseStream: m.methodKind === "server_streaming" || m.methodKind === "bidi_streaming",
      requestSerialize: (msg) => Buffer.from(toBinary(m.input, msg as never)),
      requestDeserialize: (buf: Buffer) => fromBinary(m.input, buf),
      responseSerialize: (msg) => Buffer.from(toBinary(m.output, msg as never)),
      responseDeserialize: (buf: Buffer) => fromBinary(m.output, buf),
      originalName: m.localName,
    };
  }
  return def;
}
