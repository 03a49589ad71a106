import { describe, expect, it } from "vitest";
import { markerMayApply } from "./markers.js";

describe("markers", () => {
  it("three-valued evaluation on Linux/CPython", () => {
    expect(markerMayApply(`sys_platform == "win32"`)).toBe(false);
    expect(markerMayApply(`sys_platform == 'linux'`)).toBe(true);
    expect(markerMayApply(`platform_system != "Windows" and implementation_name == "cpython"`)).toBe(true);
    expect(markerMayApply(`platform_python_implementation == "PyPy"`)).toBe(false);
    expect(markerMayApply(`python_version < "3.11"`)).toBe(true); // unknown → kept
    expect(markerMayApply(`python_version < "3.11" and sys_platform == "win32"`)).toBe(false);
    expect(markerMayApply(`python_version < "3.11" or sys_platform == "win32"`)).toBe(true);
    expect(markerMayApply(`(os_name == "nt" or sys_platform == "cygwin") and python_version >= "3"`)).toBe(false);
    expect(markerMayApply(`"linux" in sys_platform`)).toBe(true);
    expect(markerMayApply(`sys_platform not in "win32 cygwin"`)).toBe(true);
    expect(markerMayApply(`extra == "socks"`)).toBe(true);
    expect(markerMayApply(`this is ( not a marker`)).toBe(true);
    const py = { python_version: "3.11" };
    expect(markerMayApply(`python_version < "3.11"`, py)).toBe(false);
    expect(markerMayApply(`python_version >= "3.9"`, py)).toBe(true);
    expect(markerMayApply(`python_full_version < '3.11.4'`, py)).toBe(true); // 3.11.0 yes, 3.11.9 no → unknown
    expect(markerMayApply(`python_full_version < '3.11'`, py)).toBe(false);
    expect(markerMayApply(`python_version == "3.*"`, py)).toBe(true);
    expect(markerMayApply(`python_version ~= "3.10"`, py)).toBe(true);
    expect(markerMayApply(`python_version ~= "3.12"`, py)).toBe(false);
    expect(markerMayApply(`platform_machine == "aarch64"`, { platform_machine: "x86_64" })).toBe(false);
  });
});
