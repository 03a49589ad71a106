/** DevServerInProduction: development servers as the runtime command, written or detected. */
import { describe, expect, it } from "vitest";
import { BASE_TOML, PIP_PROJECT, lintCase, resultsOf } from "../../test/support/lint.js";
import { shellWords } from "./command-words.js";
import { devServer } from "./dev-server.js";

describe("DevServerInProduction", () => {
  it("recognises runserver, flask run and --reload", () => {
    expect(devServer(["python", "manage.py", "runserver", "0.0.0.0:8000"])).toBe("manage.py runserver");
    expect(devServer(shellWords("cd src && exec flask --app app run --host 0.0.0.0"))).toBe("flask run");
    expect(devServer(["/app/venv/bin/uvicorn", "app:app", "--reload"])).toBe("uvicorn --reload");
    expect(devServer(["gunicorn", "app:app", "--reload"])).toBe("gunicorn --reload");
  });

  it("reports a written development server at [runtime] command", () => {
    const text = BASE_TOML.replace(/command = .*/, 'command = "python manage.py runserver 0.0.0.0:8000"');
    expect(resultsOf(lintCase({ text }), "DevServerInProduction")).toEqual([
      "pydock.toml:8: the image runs manage.py runserver, a development server; run a production server instead (gunicorn or uvicorn without --reload)",
    ]);
  });

  it("reports a development server detection took from the project's Procfile, saying where it came from", () => {
    const files = { ...PIP_PROJECT, "requirements.txt": "flask==3.0.0 --hash=sha256:aa\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n", Procfile: "web: flask run\n" };
    const results = resultsOf(lintCase({ text: '[python]\nversion = "3.12"\n[dependencies]\nmanager = "pip"\n', files }), "DevServerInProduction");
    expect(results).toHaveLength(1);
    expect(results[0]).toContain("the image runs flask run, a development server; pydock took it from the project's own files");
    // Flask with no server installed gets gunicorn added, never the development server.
    const added = resultsOf(lintCase({ text: '[python]\nversion = "3.12"\n[dependencies]\nmanager = "pip"\n', files: { ...files, Procfile: "" } }), "DevServerInProduction");
    expect(added).toEqual([]);
  });

  it("is quiet for production servers", () => {
    expect(devServer(["gunicorn", "app:app", "--bind", "0.0.0.0:8000"])).toBeUndefined();
    expect(devServer(["flask", "routes"])).toBeUndefined();
    expect(resultsOf(lintCase({ text: BASE_TOML }), "DevServerInProduction")).toEqual([]);
  });
});
