/**
 * Rules on [runtime] env, which becomes the image config's Env: readable by anyone who can pull the image
 * (`docker inspect`), and the defaults of every container started from it. DebugEnabled: a framework's
 * debug switch left on; SecretInEnv: a credential written into the file as a literal.
 */
import type { Finding, LintContext, Rule } from "./rule.js";

/** Variables that turn on a framework's debug mode (Django's settings read DEBUG or DJANGO_DEBUG by convention). */
const DEBUG_NAMES: ReadonlySet<string> = new Set(["DEBUG", "FLASK_DEBUG", "DJANGO_DEBUG"]);
const TRUE_WORDS: ReadonlySet<string> = new Set(["true", "1", "yes", "on"]);

export const debugEnabled: Rule = {
  id: "DebugEnabled",
  severity: "warning",
  description: "A debug switch (DEBUG, FLASK_DEBUG, DJANGO_DEBUG) is on in [runtime] env: tracebacks, settings and an interactive debugger reach the users of the image.",
  check: (ctx) =>
    ctx.target.runtime.env.flatMap(([name, value]): Finding[] =>
      DEBUG_NAMES.has(name) && TRUE_WORDS.has(value.trim().toLowerCase())
        ? [{ ...ctx.key(["runtime", "env", name]), message: `[runtime] env ${name} = "${value}" turns debug mode on in the image; set it to "false" (or drop it) and turn it on where you run a development container (docker run -e ${name}=1)` }]
        : [],
    ),
};

/** SECRET_KEY, and names ending in a credential word: DB_PASSWORD, GITHUB_TOKEN, AWS_SECRET, OPENAI_API_KEY. */
const SECRET_NAME = /^(SECRET_KEY|(?:[A-Za-z0-9_]*_)?(PASSWORD|TOKEN|SECRET|API_KEY))$/i;

/** True when `written` (the value before substitution) takes its value from a `${NAME}` reference. */
const isReference = (written: unknown): boolean => typeof written === "string" && written.includes("${");

export const secretInEnv: Rule = {
  id: "SecretInEnv",
  severity: "error",
  description: "A secret-looking variable (SECRET_KEY, *_PASSWORD, *_TOKEN, *_SECRET, *_API_KEY) has a literal value in [runtime] env: it is stored in the image config for anyone who pulls the image.",
  check: (ctx: LintContext) =>
    ctx.target.runtime.env.flatMap(([name, value]): Finding[] => {
      const path = ["runtime", "env", name];
      if (!SECRET_NAME.test(name) || value.trim() === "" || isReference(ctx.target.written(path))) return [];
      return [{ ...ctx.key(path), message: `[runtime] env ${name} holds a literal secret, stored in the image config where anyone who pulls the image reads it; give it to the container when it starts (docker run -e ${name}, a secret store) and leave it out of pydock.toml` }];
    }),
};
