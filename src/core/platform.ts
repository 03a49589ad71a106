/**
 * Target platforms, as OCI names them, and their `--platform` spelling (`linux/arm64/v8`). Shared by the LLB
 * builder, the compiler, the image config, the gateway and the CLI.
 */

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

const KNOWN_OS = new Set(["linux", "windows", "darwin", "freebsd", "netbsd", "openbsd", "solaris", "illumos", "aix"]);

/**
 * Parses and normalizes a platform specifier like containerd's `platforms.Parse` + `Normalize`:
 * `linux/amd64`, `linux/arm/v7`, `arm64` (OS defaults to linux), `linux` (arch defaults to the host's),
 * aliases `x86_64`, `aarch64`, `armhf`… Undefined when malformed.
 */
export function parsePlatformSpec(spec: string, hostArch: string = process.arch): Platform | undefined {
  const parts = spec.toLowerCase().split("/");
  if (parts.some((p) => !/^[a-z0-9._-]+$/.test(p)) || parts.length > 3) return undefined;
  let os: string;
  let arch: string;
  let variant: string;
  if (parts.length === 1) {
    const only = parts[0] ?? "";
    if (KNOWN_OS.has(only) || only === "macos") {
      const host = hostPlatform(hostArch);
      [os, arch, variant] = [only, host.architecture, host.variant ?? ""];
    } else {
      [os, arch, variant] = ["linux", only, ""];
    }
  } else {
    [os, arch, variant] = [parts[0] ?? "", parts[1] ?? "", parts[2] ?? ""];
  }
  if (os === "macos") os = "darwin";
  return normalizeArch(os, arch, variant);
}

/** An OS, architecture and variant as containerd normalizes them (`x86_64` → amd64, `arm64/v8` → arm64, …). */
export function normalizeArch(os: string, arch: string, variant: string): Platform {
  switch (arch) {
    case "i386":
    case "386":
      return mk(os, "386", "");
    case "x86_64":
    case "x86-64":
    case "amd64":
      return mk(os, "amd64", variant === "v1" ? "" : variant);
    case "aarch64":
    case "arm64":
      return mk(os, "arm64", variant === "8" || variant === "v8" ? "" : variant);
    case "armhf":
      return mk(os, "arm", "v7");
    case "armel":
      return mk(os, "arm", "v6");
    case "arm":
      if (variant === "") return mk(os, "arm", "v7");
      return mk(os, "arm", /^[5-8]$/.test(variant) ? `v${variant}` : variant);
    default:
      return mk(os, arch, variant);
  }
}

function mk(os: string, architecture: string, variant: string): Platform {
  return variant ? { os, architecture, variant } : { os, architecture };
}

/** The linux platform of the host CPU, mapped from Node's `process.arch` names. */
export function hostPlatform(hostArch: string = process.arch): Platform {
  const map: Record<string, Platform> = {
    x64: { os: "linux", architecture: "amd64" },
    arm64: { os: "linux", architecture: "arm64" },
    arm: { os: "linux", architecture: "arm", variant: "v7" },
    ia32: { os: "linux", architecture: "386" },
    ppc64: { os: "linux", architecture: "ppc64le" },
    s390x: { os: "linux", architecture: "s390x" },
    riscv64: { os: "linux", architecture: "riscv64" },
    loong64: { os: "linux", architecture: "loong64" },
  };
  return map[hostArch] ?? { os: "linux", architecture: "amd64" };
}
