/**
 * The BuildKit gateway: gRPC over stdio, the LLBBridge client, frontend options, error conversion and the
 * process runner.
 * @module
 */
export {
  GatewayClient,
  GatewayCap,
  type Caps,
  type FrontendResult,
  type ResolvedImage,
  type ResolveImageOptions,
  type SolveOptions,
  type WarnOptions,
} from "./client.js";
export {
  BuildkitRpcError,
  DetailType,
  RpcCode,
  SOURCE_LANGUAGE,
  UnsupportedDaemonError,
  UnsupportedSubrequestError,
  jsonAny,
  sourceDetail,
  status,
  toPbRange,
  toRpcStatus,
  type PbRange,
} from "./errors.js";
export {
  DEFAULT_FILENAME,
  EnvKey,
  FrontendOptionError,
  OptKey,
  OptPrefix,
  formatPlatform,
  hostPlatform,
  parseFrontendOptions,
  parsePlatform,
  readRawOptions,
  type CacheImport,
  type FrontendOptions,
  type ImageResolveMode,
  type Platform,
  type WorkerInfo,
} from "./opts.js";
export { REQUIRED_CAPS, missingCaps, runFrontend, type BuildFunction, type RunOptions } from "./run.js";
export { toGrpcService } from "./service.js";
export { MAX_MESSAGE_BYTES, STDIO_CHANNEL_OPTIONS, openStdioTransport, type StdioEnds, type StdioTransport } from "./stdio.js";
