/**
 * `docker buildx build --check` (`--call=check`, BuildKit's `frontend.lint` subrequest): plan the build as a
 * build would — the same files read, the same compile(), base images resolved — then run the lint rules on it
 * and answer with their results instead of solving. PYDOCK_CHECK=skip=… (a build argument, like
 * BUILDKIT_DOCKERFILE_CHECK) skips rules on top of `[check] skip`.
 */
import type { FrontendResult, GatewayClient } from "../gateway/client.js";
import type { FrontendOptions } from "../gateway/opts.js";
import { CHECK_ARG, lint, lintUnplanned, parseCheckArg } from "../lint/lint.js";
import { compileRequest } from "./compile-request.js";
import type { BuildDefinition, ProjectRead } from "./inputs.js";
import { lintResult } from "./lint-result.js";

/** A malformed PYDOCK_CHECK build argument. */
export class CheckArgError extends Error {
  override readonly name = "CheckArgError";
}

export async function check(client: GatewayClient, opts: FrontendOptions, definition: BuildDefinition, project: ProjectRead): Promise<FrontendResult> {
  const arg = parseCheckArg(opts.buildArgs.get(CHECK_ARG) ?? "");
  if (!arg.ok) throw new CheckArgError(arg.message);
  const compiled = await compileRequest(client, opts, definition, project);
  const options = { skip: arg.skip };
  const results = compiled.ok ? lint(compiled, { project: project.files, dockerignore: project.dockerignoreText }, options) : lintUnplanned(compiled, options);
  const read = (path: string) => (path === ".dockerignore" ? project.dockerignoreText : project.files.read(path));
  return lintResult({ results, errors: compiled.ok ? [] : compiled.diagnostics, buildFile: definition.file, read });
}
