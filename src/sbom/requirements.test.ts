import { normalizeName } from "../core/text.js";
import { describe, expect, it } from "vitest";
import { packageUrl } from "./distribution.js";
import { parseRequirement } from "./requirements.js";

describe("helpers", () => {
  it("names, requirements, purls", () => {
    expect(normalizeName("Typing_Extensions")).toBe("typing-extensions");
    expect(normalizeName("zope.interface")).toBe("zope-interface");
    expect(parseRequirement("mypy (>=1.14.0)")).toMatchObject({ name: "mypy", version: "" });
    expect(parseRequirement("inotify (>=0.2.10) ; sys_platform == \"linux\"")).toMatchObject({ name: "inotify", marker: 'sys_platform == "linux"' });
    expect(parseRequirement("Foo[Bar, baz]==1.0+local")).toMatchObject({ name: "foo", extras: ["bar", "baz"], version: "1.0+local" });
    expect(packageUrl("Foo_Bar", "1.0+cpu")).toBe("pkg:pypi/foo-bar@1.0%2Bcpu");
  });
});
