/** PortNotExposed: the ports a command binds or a health check probes, against [runtime] expose. */
import { describe, expect, it } from "vitest";
import { BASE_TOML, lintCase, resultsOf } from "../../test/support/lint.js";
import { boundPorts, urlPort } from "./ports.js";
import { shellWords } from "./command-words.js";

const toml = (runtime: string) => BASE_TOML.replace(/\[runtime\][^]*$/, `[runtime]\n${runtime}\n`);

describe("PortNotExposed", () => {
  it("reads the bind options servers take, with ${PORT:-N} from the image's env or its default", () => {
    const env = new Map([["PORT", "9000"]]);
    expect(boundPorts(["gunicorn", "app", "--bind", "0.0.0.0:8000"], new Map())).toEqual([8000]);
    expect(boundPorts(["gunicorn", "app", "-b", ":5000", "-p", "app.pid"], new Map())).toEqual([5000]);
    expect(boundPorts(shellWords("exec uvicorn app:app --host 0.0.0.0 --port ${PORT:-8000}"), new Map())).toEqual([8000]);
    expect(boundPorts(shellWords("exec uvicorn app:app --port=${PORT:-8000}"), env)).toEqual([9000]);
    expect(boundPorts(["waitress-serve", "--listen=0.0.0.0:8080", "app:app"], new Map())).toEqual([8080]);
    expect(boundPorts(["python", "manage.py", "runserver", "0.0.0.0:8001"], new Map())).toEqual([8001]);
    expect(boundPorts(["gunicorn", "--bind", "unix:/tmp/app.sock", "app"], new Map())).toEqual([]);
    expect(urlPort("http://localhost/health")).toBe(80);
    expect(urlPort("http://localhost:8080/health")).toBe(8080);
  });

  it("reports a bound port that expose lacks at the command, and a probed one at the health check", () => {
    const text = toml(`command = "gunicorn app:app -b 0.0.0.0:8000"\n\n[runtime.healthcheck]\nhttp = "http://localhost:9000/"`);
    expect(resultsOf(lintCase({ text }), "PortNotExposed")).toEqual([
      "pydock.toml:8: the runtime command listens on port 8000 but [runtime] expose is empty; add it: expose = [8000]",
      "pydock.toml:11: the health check probes port 9000 but [runtime] expose is empty; expose the port the application listens on, or probe it",
    ]);
  });

  it("is quiet when the ports are exposed, and reports a probed port once when the command binds it too", () => {
    const ok = toml(`command = ["uvicorn", "app:app", "--port", "8000"]\nexpose = ["8000/tcp"]\n\n[runtime.healthcheck]\nhttp = "http://localhost:8000/"`);
    expect(resultsOf(lintCase({ text: ok }), "PortNotExposed")).toEqual([]);
    const once = toml(`command = ["uvicorn", "app:app", "--port", "8000"]\n\n[runtime.healthcheck]\nhttp = "http://localhost:8000/"`);
    expect(resultsOf(lintCase({ text: once }), "PortNotExposed")).toHaveLength(1);
  });
});
