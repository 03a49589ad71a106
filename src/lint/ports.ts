/**
 * PortNotExposed: a port the application listens on that [runtime] expose does not declare, so `docker run
 * -P`, Compose and orchestrators that read the image's ExposedPorts do not know it. Read from the runtime
 * command's bind options (`--bind 0.0.0.0:N`, `-b :N`, `--listen=…:N`, `--port N`, `-p N`, `runserver
 * 0.0.0.0:N`, with `${PORT:-N}` taken from the image's env or its default) and from the health check's URL.
 * Each missing port is reported once, at the command when it binds it.
 */
import { commandWords, envOf, expandVars } from "./command-words.js";
import type { Finding, LintContext, Rule } from "./rule.js";

/** Options whose value is `HOST:PORT` (or `:PORT`). */
const BIND_OPTIONS: ReadonlySet<string> = new Set(["--bind", "-b", "--listen"]);
/** Options whose value is a port number. */
const PORT_OPTIONS: ReadonlySet<string> = new Set(["--port", "-p"]);

/** A port from a `HOST:PORT`, `:PORT` or `PORT` value; undefined for a socket path or a host alone. */
function portOf(value: string, hostAndPort: boolean): number | undefined {
  const text = hostAndPort ? (value.includes(":") ? value.slice(value.lastIndexOf(":") + 1) : "") : value;
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}

/** The ports the command binds, in order, without duplicates. */
export function boundPorts(words: readonly string[], env: ReadonlyMap<string, string>): number[] {
  const ports: number[] = [];
  const add = (value: string | undefined, hostAndPort: boolean) => {
    const port = value === undefined ? undefined : portOf(expandVars(value, env), hostAndPort);
    if (port !== undefined && !ports.includes(port)) ports.push(port);
  };
  words.forEach((w, i) => {
    const eq = w.indexOf("=");
    const [opt, inline] = w.startsWith("-") && eq > 0 ? [w.slice(0, eq), w.slice(eq + 1)] : [w, undefined];
    const value = inline ?? words[i + 1];
    if (BIND_OPTIONS.has(opt)) add(value, true);
    else if (PORT_OPTIONS.has(opt)) add(value, false);
    else if (w === "runserver" && value !== undefined && !value.startsWith("-")) add(value.includes(":") ? value : `:${value}`, true);
  });
  return ports;
}

/** The port a health-check URL probes: its own, else the scheme's (80, 443). */
export function urlPort(url: string): number | undefined {
  try {
    const u = new URL(url);
    return u.port ? Number(u.port) : u.protocol === "https:" ? 443 : 80;
  } catch {
    return undefined;
  }
}

export const portNotExposed: Rule = {
  id: "PortNotExposed",
  severity: "warning",
  description: "The runtime command binds a port, or the health check probes one, that [runtime] expose does not declare: docker run -P and orchestrators reading the image's ExposedPorts miss it.",
  check: (ctx: LintContext) => {
    const exposed = new Set(ctx.plan.image.exposedPorts);
    const missing = (port: number) => !exposed.has(`${port}/tcp`);
    const declared = ctx.plan.image.exposedPorts.length > 0 ? `[runtime] expose lists ${ctx.plan.image.exposedPorts.join(", ")}` : "[runtime] expose is empty";
    const findings: Finding[] = [];
    const bound = boundPorts(commandWords(ctx.plan.image), envOf(ctx.plan.image));
    for (const port of bound.filter(missing)) {
      findings.push({
        ...ctx.key(["runtime", "command"], ["runtime", "entrypoint"], ["runtime", "expose"]),
        message: `the runtime command listens on port ${port} but ${declared}; add it: expose = [${port}]`,
      });
    }
    const hc = ctx.plan.image.healthcheck ? ctx.target.runtime.healthcheck?.test : undefined;
    const probed = hc?.kind === "http" ? urlPort(hc.url) : undefined;
    if (probed !== undefined && missing(probed) && !bound.includes(probed)) {
      findings.push({
        ...ctx.key(["runtime", "healthcheck", "http"]),
        message: `the health check probes port ${probed} but ${declared}; expose the port the application listens on, or probe it`,
      });
    }
    return findings;
  },
};
