/**
 * The smoke test as LLB: an exec on top of the finished runtime image, as its user, in its workdir, with its
 * environment and no network, that runs the venv's interpreter on {@link SMOKE_SCRIPT}. Its only output is a
 * small directory holding {@link SMOKE_RESULT} (JSON, see {@link SmokeResult}); the frontend solves it as a
 * definition of its own and reads that file, so the check adds no layer and no history entry to the image,
 * and a cached check costs one cache lookup and one small read.
 *
 * The script always exits 0 when it could run: failures are data, which the frontend turns into an error
 * at the pydock.toml key that decides the command. A non-zero exit means the interpreter itself did not run.
 */
import type { Diagnostic } from "../core/diagnostics.js";
import * as llb from "../llb/index.js";
import type { OpOptions } from "../llb/marshal.js";
import type { SmokeCheck, SmokeTest } from "../plan/smoke-test.js";

/** Where the exec writes; the result path inside the solved output. */
export const SMOKE_DIR = "/run/pydock/smoke";
export const SMOKE_RESULT = "result.json";

/**
 * Did a failed solve of the smoke test fail in the smoke step itself (the interpreter did not run), rather than
 * in a step of the image below it? BuildKit's message for a failed exec repeats its command line, which for
 * the smoke step alone names {@link SMOKE_DIR}.
 */
export function failedInSmokeStep(daemonMessage: string): boolean {
  return daemonMessage.includes(`${SMOKE_DIR}/${SMOKE_RESULT}`);
}

/** What the script writes. */
export interface SmokeResult {
  readonly failures: readonly { readonly what: string; readonly error: string }[];
  readonly warnings: readonly { readonly what: string; readonly error: string }[];
  /** With a SmokeTest `report` file: its text, null when the image lacks it, absent when it could not be read. */
  readonly report?: string | null;
}

/** Seconds an import may take before it counts as "did not finish" (a warning: it may wait for a service). */
const IMPORT_TIMEOUT = 60;

/** Run as `python -c SCRIPT CHECKS_JSON RESULT_PATH [REPORT_FILE]`. Standard library only. */
export const SMOKE_SCRIPT = String.raw`import importlib, json, os, re, shutil, signal, sys, traceback
checks, out = json.loads(sys.argv[1]), sys.argv[2]
failures, warnings = [], []
# python -m, gunicorn and uvicorn put the working directory first on the import path.
sys.path.insert(0, os.getcwd())

class Slow(Exception):
    pass

def alarm(*_):
    raise Slow("the import did not finish in ${IMPORT_TIMEOUT}s")

signal.signal(signal.SIGALRM, alarm)

def shown(e):
    return "".join(traceback.format_exception_only(type(e), e)).strip()

def import_error(e):
    seen = set()
    while e is not None and id(e) not in seen:
        if isinstance(e, ImportError):
            return e
        seen.add(id(e))
        e = e.__cause__ or e.__context__
    return None

def console_module(path):
    # The module a console script (pip's launcher: "from x import main") calls; None for anything else.
    try:
        with open(path, "rb") as f:
            head = f.read(8192)
    except OSError:
        return None
    if not head.startswith(b"#!") or b"python" not in head.split(b"\n", 1)[0]:
        return None
    m = re.search(rb"^from ([A-Za-z_][\w.]*) import ", head, re.M)
    return m.group(1).decode() if m else None

def load(name, attribute, what):
    signal.alarm(${IMPORT_TIMEOUT})
    try:
        module = importlib.import_module(name)
    except BaseException as e:
        missing = import_error(e)
        if missing is None:
            warnings.append({"what": what, "error": shown(e)})
        else:
            failures.append({"what": what, "error": shown(missing) if missing is e else shown(e) + " (from " + shown(missing) + ")"})
        return
    finally:
        signal.alarm(0)
    value = module
    for part in (attribute or "").split(".") if attribute else []:
        if not hasattr(value, part):
            failures.append({"what": what, "error": "module %s has no attribute %s" % (name, attribute)})
            return
        value = getattr(value, part)

for check in checks:
    kind = check["kind"]
    if kind == "program":
        path = shutil.which(check["name"])
        if path is None:
            failures.append({"what": "the program " + check["name"], "error": "not found on PATH " + os.environ.get("PATH", "")})
            continue
        module = console_module(path)
        if module:
            load(module, None, "import %s (the console script %s)" % (module, path))
    elif kind == "module":
        for p in check.get("paths", []):
            sys.path.insert(0, os.path.abspath(p))
        what = "import %s%s (%s)" % (check["name"], ":" + check["attribute"] if check.get("attribute") else "", check["from"])
        load(check["name"], check.get("attribute"), what)
    elif kind == "file" and not os.path.isfile(check["path"]):
        failures.append({"what": "the file %s (%s)" % (check["path"], check["from"]), "error": "no such file in " + os.getcwd()})

result = {"failures": failures, "warnings": warnings}
if len(sys.argv) > 3:
    try:
        with open(sys.argv[3], encoding="utf-8") as f:
            result["report"] = f.read()
    except FileNotFoundError:
        result["report"] = None
    except OSError:
        pass  # unreadable by the image's user: the frontend reads it from the image itself
with open(out, "w") as f:
    json.dump(result, f)
print("pydock: smoke test: %d problem(s), %d warning(s)" % (len(failures), len(warnings)))
for item in failures + warnings:
    print("pydock: %s: %s" % (item["what"], item["error"]))
`;

/** The image settings the check runs with: the final image config's. */
export interface SmokeImage {
  readonly env: readonly string[];
  readonly user: string;
  readonly workdir: string;
}

/** The state whose root holds {@link SMOKE_RESULT} after the check ran on `image`. */
export function smokeTestState(image: llb.State, test: SmokeTest, settings: SmokeImage, opts: OpOptions): llb.State {
  // The result file exists and is the image user's (pydock's image users are numeric), so that user can write it.
  const owner = /^\d+(:\d+)?$/.test(settings.user) ? { owner: settings.user } : {};
  const out = llb.scratch().file(llb.mkfile(`/${SMOKE_RESULT}`, 0o666, "", { timestamp: new Date(0), ...owner }), { customName: "[smoke-test] result file" });
  const env = settings.env.map((kv): [string, string] => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]).filter(([k]) => k !== "");
  const exec = image.run({
    ...opts,
    args: [test.python, "-c", SMOKE_SCRIPT, JSON.stringify(test.checks satisfies readonly SmokeCheck[]), `${SMOKE_DIR}/${SMOKE_RESULT}`, ...(test.report ? [test.report] : [])],
    env,
    cwd: settings.workdir,
    user: settings.user,
    network: "none",
    mounts: [llb.bindMount(SMOKE_DIR, out)],
  });
  return exec.getMount(SMOKE_DIR);
}

/** The result file as the script wrote it; undefined for anything else. */
export function parseSmokeResult(text: string): SmokeResult | undefined {
  try {
    const v = JSON.parse(text) as SmokeResult;
    const ok = (xs: unknown) => Array.isArray(xs) && xs.every((x) => typeof x?.what === "string" && typeof x?.error === "string");
    const report = v.report === undefined || v.report === null || typeof v.report === "string";
    return ok(v.failures) && ok(v.warnings) && report ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The smoke test's result as diagnostics at `at`: one error for the failures (with what to do), a warning
 * for each import that raised something other than an ImportError. `autoSystemPackages`: whether pydock
 * already added the packages it found, which changes the advice.
 */
export function smokeDiagnostics(result: SmokeResult, at: Pick<Diagnostic, "file" | "range">, autoSystemPackages: boolean): { errors: Diagnostic[]; warnings: Diagnostic[] } {
  const warnings = result.warnings.map((w): Diagnostic => ({ ...at, severity: "warning", code: "smoke-test", message: `smoke test: ${w.what} raised ${w.error} (not an import error, so the check passes: the app may need its run-time settings)` }));
  if (result.failures.length === 0) return { errors: [], warnings };
  const what = result.failures.map((f) => `${f.what}: ${f.error}`).join("; ");
  const library = result.failures.some((f) => /cannot open shared object file|\.so(\.\d+)*\b/.test(f.error));
  const advice = library
    ? `a shared library is missing from the runtime image: name the Debian package that provides it in [runtime] system-packages${autoSystemPackages ? "" : " (or remove [runtime] auto-system-packages = false, which finds it)"}`
    : "check the command, and that what it runs is installed in the venv";
  return {
    errors: [{ ...at, severity: "error", code: "smoke-test", message: `the runtime image cannot start the command: ${what}; ${advice}; [runtime] smoke-test = false skips this check` }],
    warnings,
  };
}
