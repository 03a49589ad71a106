// Public surface of the LLB builder: a TypeScript take on buildkit's Go `client/llb`.
export { scratch, State, type ImageConfig } from "./state.js";
export { image, local, type ImageOptions, type LocalOptions } from "./source.js";
export {
  bindMount,
  cacheMount,
  DEFAULT_PATH,
  ExecState,
  secretMount,
  sshMount,
  tmpfsMount,
  type BindMount,
  type CacheMount,
  type Mount,
  type RunOptions,
  type SecretEnv,
  type SecretMount,
  type SshMount,
  type TmpfsMount,
} from "./exec.js";
export {
  copy,
  FileAction,
  mkdir,
  mkfile,
  rm,
  symlink,
  type CopyOptions,
  type MkdirOptions,
  type MkfileOptions,
  type Owner,
  type RmOptions,
  type SymlinkOptions,
  type Timestamp,
  type UserRef,
} from "./fileop.js";
export { merge } from "./merge.js";
export {
  decodeDefinition,
  encodeDefinition,
  marshal,
  MarshalContext,
  type DecodedOp,
  type MarshaledOp,
  type MarshalOptions,
  type MarshalResult,
  type OpOptions,
  type SourceLocation,
  type SourceMap,
  type SourcePosition,
} from "./marshal.js";
export { digestOf, type Digest } from "./digest.js";
export { encodeDeterministic, type EncodeOptions, type FieldOrder } from "./encode.js";
