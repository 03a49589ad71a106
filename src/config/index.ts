export type * from "./model.js";
export { formatDiagnostic, UserError } from "./source.js";
export type { Diagnostic, Position, Range, SourceFile } from "./source.js";
export { loadConfig } from "./load.js";
export type { LoadOptions, LoadResult } from "./load.js";
export { parseToml } from "./toml.js";
export type { TomlDocument, TomlKind, TomlParseResult } from "./toml.js";
export { resolveArgs, substitute, SOURCE_DATE_EPOCH } from "./args.js";
export { parseDuration } from "./tables/runtime.js";
