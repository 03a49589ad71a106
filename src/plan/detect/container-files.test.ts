import { describe, expect, it } from "vitest";
import { projectFiles } from "../project.js";
import { containerHints, procfileWeb, runsPythonDirectly } from "./container-files.js";

const files = (entries: Record<string, string>) => projectFiles(new Map(Object.entries(entries)));

describe("procfileWeb", () => {
  it("the web: line, with its line number; other processes and comments are not it", () => {
    expect(procfileWeb(files({ Procfile: "# processes\nworker: celery -A app worker\nweb:   gunicorn app:app  \n" }))).toEqual({
      value: "gunicorn app:app",
      source: { file: "Procfile", line: 3 },
    });
    expect(procfileWeb(files({ Procfile: "worker: python bot.py\n" }))).toBeUndefined();
    expect(procfileWeb(files({}))).toBeUndefined();
  });
});

describe("containerHints: Dockerfile", () => {
  it("the last python stage's version, the last stage's EXPOSE and CMD, ARG defaults substituted", () => {
    const dockerfile = [
      "ARG PYTHON_VERSION=3.12",
      "FROM python:${PYTHON_VERSION}-slim AS build",
      "EXPOSE 9999",
      'CMD ["python", "build.py"]',
      "FROM --platform=linux/amd64 docker.io/library/python:3.11.9-slim-bookworm",
      "WORKDIR /app",
      "EXPOSE 5000/tcp",
      "# a comment",
      "CMD gunicorn \\",
      "    --bind 0.0.0.0:5000 app:app",
      "",
    ].join("\n");
    expect(containerHints(files({ Dockerfile: dockerfile }))).toEqual({
      python: { value: "3.11.9", source: { file: "Dockerfile", line: 5 } },
      port: { value: 5000, source: { file: "Dockerfile", line: 7 } },
      command: { value: { kind: "shell", script: "gunicorn      --bind 0.0.0.0:5000 app:app" }, source: { file: "Dockerfile", line: 9 } },
    });
  });

  it("no hint from an entrypoint script, a CMD under an ENTRYPOINT, or an image that is not python", () => {
    expect(containerHints(files({ Dockerfile: 'FROM python:3.12\nCMD ["./entrypoint.sh"]\n' })).command).toBeUndefined();
    expect(containerHints(files({ Dockerfile: 'FROM python:3.12\nENTRYPOINT ["tini", "--"]\nCMD ["gunicorn", "app:app"]\n' })).command).toBeUndefined();
    expect(containerHints(files({ Dockerfile: "FROM ubuntu:24.04\nRUN apt-get install -y python3\n" })).python).toBeUndefined();
    expect(containerHints(files({ Dockerfile: "FROM python:latest\n" })).python).toBeUndefined();
  });
});

describe("containerHints: compose", () => {
  it("the first service that builds: its container port and a one-line command; a Dockerfile comes first", () => {
    const compose = [
      "services:",
      "  db:",
      "    image: postgres:16",
      "    ports:",
      '      - "5432:5432"',
      "  web:",
      "    build: .",
      "    command: uvicorn main:app --host 0.0.0.0 --port 8080",
      "    ports:",
      '      - "80:8080"',
      "",
    ].join("\n");
    expect(containerHints(files({ "docker-compose.yml": compose }))).toEqual({
      port: { value: 8080, source: { file: "docker-compose.yml", line: 10 } },
      command: { value: { kind: "shell", script: "uvicorn main:app --host 0.0.0.0 --port 8080" }, source: { file: "docker-compose.yml", line: 8 } },
    });
    expect(containerHints(files({ "compose.yaml": compose, Dockerfile: "FROM python:3.13\nEXPOSE 8000\n" })).port).toEqual({ value: 8000, source: { file: "Dockerfile", line: 2 } });
  });
});

describe("runsPythonDirectly", () => {
  it.each([
    [{ kind: "exec", args: ["gunicorn", "app:app"] }, true],
    [{ kind: "exec", args: ["/usr/local/bin/python3", "main.py"] }, true],
    [{ kind: "exec", args: ["sh", "-c", "exec uvicorn main:app"] }, true],
    [{ kind: "shell", script: "FOO=1 exec hypercorn app:app" }, true],
    [{ kind: "exec", args: ["./start.sh"] }, false],
    [{ kind: "exec", args: ["supervisord"] }, false],
  ] as const)("%j → %s", (cmd, yes) => expect(runsPythonDirectly(cmd)).toBe(yes));
});
