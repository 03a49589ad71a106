/** Target platforms, as OCI names them. Shared by the LLB builder, the compiler, the image config and the gateway. */

/** An OCI platform. `variant` is omitted (not empty) when there is none. */
export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
  readonly osVersion?: string;
  readonly osFeatures?: readonly string[];
}

/** `linux/amd64`, `linux/arm64/v8`: the form `--platform` takes and BuildKit keys results by. */
export function formatPlatform(p: Platform): string {
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`;
}
