/**
 * Rules on what the image is made from and runs as. BaseImageNotPinned (info): a [python] builder-image or
 * runtime-image named by tag only, so a rebuild may get other bytes; RunsAsRoot: [runtime] user = "root"
 * (or uid 0), giving up the non-root user pydock creates; AppFilesWritable (info): the application's files
 * belong to the runtime user ([app] owner = "runtime", the default), so a compromised app can change its code.
 */
import type { Finding, LintContext, Rule } from "./rule.js";

export const baseImageNotPinned: Rule = {
  id: "BaseImageNotPinned",
  severity: "info",
  description: "[python] builder-image or runtime-image names a tag without @sha256: a rebuild may pull a different image.",
  check: (ctx: LintContext) =>
    (["builder-image", "runtime-image"] as const).flatMap((key): Finding[] => {
      const image = key === "builder-image" ? ctx.config.python.builderImage : ctx.config.python.runtimeImage;
      if (image === undefined || image.includes("@sha256:")) return [];
      return [{ ...ctx.key(["python", key]), message: `[python] ${key} "${image}" is not pinned by digest; the build output names the digest it resolved (FROM …@sha256:…): write "${image}@sha256:…" to build from exactly that image` }];
    }),
};

export const appFilesWritable: Rule = {
  id: "AppFilesWritable",
  severity: "info",
  description: '[app] owner is "runtime" (the default): the application can write its own files, which apps that write next to their code need, and an attacker in the app could use.',
  check: (ctx: LintContext): Finding[] => {
    if (ctx.target.app.owner !== "runtime" || /^(root|0)(:\d+)?$/.test(ctx.target.runtime.user)) return [];
    return [
      {
        ...ctx.key(["app", "owner"], ["app"]),
        message: `the application's files belong to the runtime user, so it can change its own code; when it writes only to folders listed in [runtime] directories (and /tmp), set [app] owner = "root" to make its code read-only`,
      },
    ];
  },
};

export const runsAsRoot: Rule = {
  id: "RunsAsRoot",
  severity: "warning",
  description: "[runtime] user is root (or uid 0): a compromised application owns the whole container.",
  check: (ctx: LintContext): Finding[] => {
    const user = ctx.target.runtime.user;
    if (!/^(root|0)(:\d+)?$/.test(user)) return [];
    return [{ ...ctx.key(["runtime", "user"]), message: `[runtime] user = "${user}" runs the application as root; drop the key to run as pydock's non-root user "app" (uid 10001), and list the folders it writes to in [runtime] directories` }];
  },
};
