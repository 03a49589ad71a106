/**
 * DevServerInProduction: the image runs a framework's development server — `manage.py runserver`, `flask
 * run`, or uvicorn / gunicorn with `--reload` — which is single-process, unhardened and (with reload)
 * watches the files for changes. Read from the runtime command's words, detected or written.
 */
import { commandWords } from "./command-words.js";
import type { LintContext, Rule } from "./rule.js";

/** What the command runs, when it is a development server: "manage.py runserver", "flask run", "uvicorn --reload". */
export function devServer(words: readonly string[]): string | undefined {
  const base = (w: string) => w.slice(w.lastIndexOf("/") + 1);
  const names = words.map(base);
  const runserver = names.indexOf("runserver");
  if (runserver > 0 && names.slice(0, runserver).some((n) => n === "manage.py" || n === "django-admin")) return `${names.includes("manage.py") ? "manage.py" : "django-admin"} runserver`;
  const flask = names.indexOf("flask");
  if (flask >= 0 && names.slice(flask + 1).includes("run")) return "flask run";
  const reload = names.some((n) => n === "--reload" || n.startsWith("--reload="));
  const server = names.find((n) => n === "uvicorn" || n === "gunicorn");
  return reload && server ? `${server} --reload` : undefined;
}

export const devServerInProduction: Rule = {
  id: "DevServerInProduction",
  severity: "warning",
  description: "The runtime command is a development server (manage.py runserver, flask run, uvicorn or gunicorn with --reload): single-process, unhardened, and reloading on file changes.",
  check: (ctx: LintContext) => {
    const server = devServer(commandWords(ctx.plan.image));
    if (server === undefined) return [];
    const written = ctx.target.runtime.command !== undefined;
    const fix = written
      ? "run a production server instead (gunicorn or uvicorn without --reload)"
      : "pydock took it from the project's own files (a Procfile, a Dockerfile): set [runtime] command to a production server (gunicorn or uvicorn without --reload)";
    return [{ ...ctx.key(["runtime", "command"], ["runtime", "entrypoint"]), message: `the image runs ${server}, a development server; ${fix}` }];
  },
};
