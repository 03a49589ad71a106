/**
 * The production server pydock adds to the application's venv when a detected web app's dependencies hold
 * none ([runtime] add-server, spec: "Detection"): gunicorn for WSGI, uvicorn for ASGI, each from a pinned,
 * hash-checked set this frontend ships (scripts/tool-locks.sh), like the package managers. A package of the
 * set that the venv already has (the project's own click, say) is left as the project locked it: only the
 * missing ones are installed, with `--require-hashes --no-deps`.
 */
import type { Command, DependenciesConfig, ManagerName } from "../config/model.js";
import { shellQuote as q } from "../core/text.js";
import type { AddedServer } from "./detect/command.js";
import { PIP_CACHE, commonEnv, pipIndexEnv, pipInto, toolLock, type ManagerCommand } from "./managers/manager.js";

/** The version of each server pydock adds, whose pinned set it ships. */
export const ADDED_SERVER_VERSIONS: Readonly<Record<AddedServer, string>> = { gunicorn: "27.0.1", uvicorn: "0.55.0" };

/** What the plan records of an added server: its name, version and pinned set (for the SBOM). */
export interface AddedServerPlan {
  readonly name: AddedServer;
  readonly version: string;
  /** The pinned set: a hash-checked requirements file. */
  readonly lock: string;
}

export function addedServer(name: AddedServer): AddedServerPlan {
  const version = ADDED_SERVER_VERSIONS[name];
  const lock = toolLock(name, version);
  if (lock === undefined) throw new Error(`internal: no pinned set for ${name} ${version}`);
  return { name, version, lock };
}

/**
 * Prints the requirement lines of the set (argv[1]) whose distribution the running interpreter (the
 * application venv's) does not have. Standard library only; continuation lines are joined first.
 */
const MISSING_ONLY = String.raw`import re, sys
from importlib import metadata
norm = lambda n: re.sub(r"[-_.]+", "-", n).lower()
have = {norm(d.metadata["Name"]) for d in metadata.distributions() if d.metadata["Name"]}
for line in open(sys.argv[1]).read().replace("\\\n", " ").splitlines():
    m = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)==", line)
    if m and norm(m.group(1)) not in have:
        print(line)`;

/** The venv-stage command that installs the server's missing packages from the pinned set, with the project's indexes. */
export function addServerCommand(server: AddedServerPlan, manager: ManagerName, venv: string, deps: DependenciesConfig): ManagerCommand {
  const set = `/tmp/pydock-${server.name}-${server.version}.txt`;
  const missing = "/tmp/pydock-server-missing.txt";
  const body = server.lock.endsWith("\n") ? server.lock : `${server.lock}\n`;
  const script =
    `cat > ${set} <<'PYDOCK_LOCK'\n${body}PYDOCK_LOCK\n` +
    `${q(venv)}/bin/python -c ${q(MISSING_ONLY)} ${set} > ${missing} && ` +
    `if [ -s ${missing} ]; then ${pipInto(venv)} --disable-pip-version-check --no-compile --require-hashes --no-deps -r ${missing}; fi`;
  return {
    name: `add ${server.name} ${server.version} (no production server in the dependencies; pinned set, hash-checked)`,
    script,
    env: [...commonEnv(manager, venv), ...pipIndexEnv(deps), ["PIP_ROOT_USER_ACTION", "ignore"]],
    caches: [PIP_CACHE],
  };
}

/** The server a command starts (the first simple command's program, past `cd …`, `exec` and assignments), when pydock can add it. */
export function serverStarted(command: Command): AddedServer | undefined {
  const args = command.kind === "exec" ? command.args : ["/bin/sh", "-c", command.script];
  const [a, b, c] = args;
  const words = a !== undefined && /^(\/usr)?(\/bin\/)?(ba|da)?sh$/.test(a) && b === "-c" && c !== undefined ? c.split(/\s+/) : args;
  let atCommand = true;
  for (const w of words) {
    if (w === "&&" || w === ";" || w === "||") {
      atCommand = true;
      continue;
    }
    if (!atCommand || w === "" || w === "exec" || /^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) continue;
    const program = w.replace(/^.*\//, "").replace(/;$/, "");
    if (program === "gunicorn" || program === "uvicorn") return program;
    atCommand = false;
  }
  return undefined;
}
