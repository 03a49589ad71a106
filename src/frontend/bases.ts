/** Base images through the gateway: resolved for the target platform and pinned to the digest the registry gave. */
import type { BaseImage, BaseResolver } from "../compile.js";
import { formatPlatform } from "../core/platform.js";
import type { BaseImageConfig } from "../convert/image-config.js";
import type { GatewayClient } from "../gateway/client.js";
import type { FrontendOptions } from "../gateway/opts.js";
import type { ImageConfig } from "../llb/index.js";

/** A {@link BaseResolver} that asks BuildKit (ResolveImageConfig), once per reference and platform. */
export function gatewayResolver(client: GatewayClient, opts: FrontendOptions): BaseResolver {
  const seen = new Map<string, Promise<BaseImage>>();
  return (ref, platform) => {
    const key = `${ref} ${formatPlatform(platform)}`;
    let resolved = seen.get(key);
    if (!resolved) {
      resolved = resolve(client, opts, ref, platform);
      seen.set(key, resolved);
    }
    return resolved;
  };
}

async function resolve(client: GatewayClient, opts: FrontendOptions, ref: string, platform: Parameters<BaseResolver>[1]): Promise<BaseImage> {
  const r = await client.resolveImageConfig(ref, {
    platform,
    resolveMode: opts.imageResolveMode,
    logName: `[internal] load metadata for ${ref} (${formatPlatform(platform)})`,
  });
  const image = (r.config ?? {}) as BaseImageConfig & { config?: ImageConfig | null };
  // An image only in the Docker Engine's local store (resolve mode "local") has no registry digest: it is
  // used by name, as the Dockerfile frontend does.
  const pinned = ref.includes("@") || !r.digest ? ref : `${ref}@${r.digest}`;
  return { pinned, digest: r.digest, config: image.config ?? {}, image };
}
