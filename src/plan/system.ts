/** Steps that change the Debian system of a stage: apt packages, the runtime user and timezone, the user's writable directories. */
import type { KeyPath } from "../config/model.js";
import { shellQuote as q } from "../core/text.js";
import { AUTO_PACKAGES_FILE, AUTO_PACKAGES_MOUNT } from "./runtime-libraries.js";
import type { CacheMount, DirStep, ReadonlyMount, RunStep } from "./types.js";

/**
 * apt-get install through BuildKit cache mounts: package lists and downloaded .debs live in the caches
 * (one per stage kind, locked: apt cannot share them), so neither reaches a layer.
 */
export function aptInstall(packages: readonly string[], stage: "builder" | "runtime", origin: KeyPath): RunStep {
  return {
    kind: "run",
    name: `apt-get install ${packages.join(" ")}`,
    command: { kind: "shell", script: aptScript(packages.map(q).join(" ")) },
    ...APT_STEP,
    caches: aptCaches(stage),
    origin: { path: origin },
  };
}

const APT_STEP = { env: [["DEBIAN_FRONTEND", "noninteractive"]] as const, cwd: "/", secrets: [], ssh: false } as const;

function aptCaches(stage: "builder" | "runtime"): CacheMount[] {
  return [
    { id: `pydock-apt-cache-${stage}`, target: "/var/cache/apt", sharing: "locked" },
    { id: `pydock-apt-lists-${stage}`, target: "/var/lib/apt/lists", sharing: "locked" },
  ];
}

/** The shell that installs `list` (shell words, may hold "$found") and leaves no log or cache in the layer. */
function aptScript(list: string): string {
  return (
    // docker-clean (in the official images) deletes downloaded .debs after each install, defeating the cache.
    `rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update -q && ` +
    `apt-get install -y -q --no-install-recommends -o APT::Keep-Downloaded-Packages=true ${list} && ` +
    // Logs with dates in them would make the layer differ on every build. Emptied, not deleted: deleting
    // a file of the base image leaves a whiteout, which the classic image store stamps with the time.
    `for f in /var/log/dpkg.log /var/log/alternatives.log /var/log/apt/history.log /var/log/apt/term.log /var/cache/ldconfig/aux-cache; ` +
    `do if [ -e "$f" ]; then : > "$f"; fi; done`
  );
}

/**
 * Reads the packages the venv stage found (runtime-libraries.ts) into $found and names them in the step's
 * output. The names were checked by the finding step, so $found is split into words unquoted.
 */
const READ_FOUND =
  `found=$(cat ${AUTO_PACKAGES_MOUNT}); echo "pydock: auto-system-packages: \${found:-none}"; `;
/** Records the found packages in the image, one a line, when there are any. */
const RECORD_FOUND =
  `if [ -n "$found" ]; then mkdir -p ${dirname(AUTO_PACKAGES_FILE)} && printf '%s\\n' $found > ${AUTO_PACKAGES_FILE}; fi`;
const FOUND_MOUNT: ReadonlyMount = { kind: "stage", stage: "venv", path: AUTO_PACKAGES_FILE, target: AUTO_PACKAGES_MOUNT };

/**
 * The runtime stage's system steps: `[runtime] system-packages` (and the static table's), the packages the
 * venv stage found when `found` (auto-system-packages), then the user and timezone (`setup`).
 *
 * The found list is unknown when the LLB is made, so it joins a step that is there anyway: the configured
 * apt install, else the user/timezone setup. An empty list then adds nothing to the image. Only an image
 * with neither (user = "root" and timezone = "") gets a step of its own, which adds an empty layer when
 * nothing is found.
 */
export function runtimeSystemSteps(packages: readonly string[], found: boolean, setup: RunStep | undefined): RunStep[] {
  if (!found) return [...(packages.length > 0 ? [aptInstall(packages, "runtime", ["runtime", "system-packages"])] : []), ...(setup ? [setup] : [])];
  const caches = aptCaches("runtime");
  if (packages.length > 0) {
    const list = packages.map(q).join(" ");
    const install: RunStep = {
      kind: "run",
      name: `apt-get install ${packages.join(" ")} and the packages the venv needs`,
      command: { kind: "shell", script: `${READ_FOUND}${aptScript(`${list} $found`)} && ${RECORD_FOUND}` },
      ...APT_STEP,
      caches,
      mounts: [FOUND_MOUNT],
      origin: { path: ["runtime", "system-packages"] },
    };
    return [install, ...(setup ? [setup] : [])];
  }
  const then = setup && setup.command.kind === "shell" ? ` ${setup.command.script}` : "";
  return [
    {
      kind: "run",
      name: `apt-get install the packages the venv needs${setup ? `, ${setup.name}` : ""}`,
      command: { kind: "shell", script: `${READ_FOUND}if [ -n "$found" ]; then { ${aptScript("$found")}; } || exit 1; fi; ${RECORD_FOUND};${then}` },
      ...APT_STEP,
      caches,
      mounts: [FOUND_MOUNT],
      origin: { path: setup ? ["runtime"] : ["runtime", "auto-system-packages"] },
    },
  ];
}

function dirname(p: string): string {
  return p.slice(0, p.lastIndexOf("/"));
}

export interface RuntimeSetup {
  readonly user: string;
  readonly uid: number;
  readonly timezone: string;
}

/**
 * One layer that creates the runtime user (written straight into /etc/passwd and /etc/group: useradd
 * stamps dates into /etc/shadow and lastlog) and sets the timezone.
 * Undefined when there is nothing to do.
 */
export function runtimeSetup(s: RuntimeSetup): RunStep | undefined {
  const parts: string[] = [];
  let owner = "0:0";
  if (s.user !== "root" && !/^\d+(:\d+)?$/.test(s.user)) {
    parts.push(
      `grep -q '^${s.user}:' /etc/group || echo "${s.user}:x:${s.uid}:" >> /etc/group`,
      `grep -q '^${s.user}:' /etc/passwd || echo "${s.user}:x:${s.uid}:${s.uid}::/home/${s.user}:/usr/sbin/nologin" >> /etc/passwd`,
      // A writable home: servers keep sockets and caches there (gunicorn's control socket, for one).
      `mkdir -p /home/${s.user} && chown ${s.uid}:${s.uid} /home/${s.user}`,
    );
    owner = `${s.uid}:${s.uid}`;
  } else if (s.user !== "root") {
    owner = s.user.includes(":") ? s.user : `${s.user}:${s.user}`;
  }
  if (s.timezone) {
    parts.push(`ln -snf /usr/share/zoneinfo/${q(s.timezone)} /etc/localtime && echo ${q(s.timezone)} > /etc/timezone`);
  }
  if (parts.length === 0) return undefined;
  const what = [s.user !== "root" ? `user ${s.user}` : "", s.timezone ? `timezone ${s.timezone}` : ""]
    .filter(Boolean)
    .join(", ");
  return {
    kind: "run",
    name: `set up ${what}`,
    command: { kind: "shell", script: `set -e; ${parts.join("; ")}` },
    env: [],
    cwd: "/",
    caches: [],
    secrets: [],
    ssh: false,
    origin: { path: ["runtime"] },
  };
}

/** The owner of the runtime user's directories: "UID:GID", or undefined for root (who can write anywhere). */
export function directoryOwner(user: string, uid: number): string | undefined {
  if (user === "root" || user === "0" || user === "0:0") return undefined;
  if (/^\d+:\d+$/.test(user)) return user;
  if (/^\d+$/.test(user)) return `${user}:${user}`;
  return `${uid}:${uid}`;
}

/**
 * The runtime user's writable directories: the working directory (so an app can create files where it
 * runs — sessions, caches, SQLite files — while the code files stay root's and read-only to it) and every
 * [runtime] directories entry. Undefined for root.
 */
export function userDirectories(user: string, uid: number, paths: readonly string[]): DirStep | undefined {
  const owner = directoryOwner(user, uid);
  const unique = [...new Set(paths)];
  if (owner === undefined || unique.length === 0) return undefined;
  return { kind: "dirs", name: `directories owned by ${user} (${owner}): ${unique.join(" ")}`, paths: unique, owner, independent: true, origin: { path: ["runtime", "directories"] } };
}
