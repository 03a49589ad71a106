/**
 * compile() as a request to the frontend asks for it: the build file and project files read from BuildKit,
 * the target, build args, commit and platforms from the frontend options, base images resolved through the
 * gateway. Shared by the build and by `--call=check`, so the check sees exactly the build's plan.
 */
import { compile, type Compiled } from "../compile.js";
import type { GatewayClient } from "../gateway/client.js";
import type { FrontendOptions } from "../gateway/opts.js";
import { readGitRevision } from "../plan/revision.js";
import { gatewayResolver } from "./bases.js";
import type { BuildDefinition, ProjectRead } from "./inputs.js";

export function compileRequest(client: GatewayClient, opts: FrontendOptions, definition: BuildDefinition, project: ProjectRead): Promise<Compiled> {
  return compile({
    buildFile: definition.file,
    files: project.files,
    dockerignore: project.dockerignore,
    target: opts.target ?? "runtime",
    buildArgs: opts.buildArgs,
    revision: opts.vcsRevision ?? readGitRevision(project.git),
    sourceUrl: opts.vcsSource,
    platforms: opts.platforms,
    resolveBase: gatewayResolver(client, opts),
    llbCaps: client.caps.llb,
    sessionId: opts.sessionId,
    noCache: opts.noCache,
    labels: opts.labels,
  });
}
