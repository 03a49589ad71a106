/** Base images: resolved for the target platform and pinned to the digest the registry gave. */
import type { ResolvedBase } from "./convert/convert.js";
import type { GatewayClient } from "./gateway/client.js";
import { formatPlatform, type FrontendOptions, type Platform } from "./gateway/opts.js";
import * as llb from "./llb/index.js";
import type { BuildPlan } from "./plan/types.js";

export interface Base extends ResolvedBase {
  readonly digest: string;
  readonly raw: unknown;
}

/** Resolves each base image for the target platform and pins it to the digest the registry gave. */
export async function resolveBases(client: GatewayClient, opts: FrontendOptions, p: BuildPlan, platform: Platform): Promise<Map<string, Base>> {
  const refs = [p.venv.base, p.runtime.base].filter((r): r is string => r !== null);
  const unique = [...new Set(refs)];
  const resolved = await Promise.all(
    unique.map(async (ref) => {
      const name = llb.normalizeImageRef(ref);
      const r = await client.resolveImageConfig(name, {
        platform,
        resolveMode: opts.imageResolveMode,
        logName: `[internal] load metadata for ${name} (${formatPlatform(platform)})`,
      });
      const raw = r.config as { config?: llb.ImageConfig | null } | undefined;
      // An image only in the Docker Engine's local store (resolve mode "local") has no registry digest: it
      // is used by name, as the Dockerfile frontend does.
      const pinned = name.includes("@") || !r.digest ? name : `${name}@${r.digest}`;
      return [ref, { pinned, digest: r.digest, config: raw?.config ?? {}, raw: r.config }] as const;
    }),
  );
  return new Map(resolved);
}

