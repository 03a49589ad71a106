import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { CHECK_RULE_IDS, SKIP_ALL } from "../core/check-rules.js";
import { tableKeys, targetKeys, topLevelKeys } from "./tables/suggest.js";

interface Schema {
  properties: Record<string, { properties?: Record<string, unknown> }>;
  $defs: Record<string, { properties: Record<string, unknown> }>;
}

const schema = JSON.parse(readFileSync(new URL("../../schema/pydock.schema.json", import.meta.url), "utf8")) as Schema;
const keys = (o: { properties?: Record<string, unknown> } | undefined): string[] => Object.keys(o?.properties ?? {}).sort();
const sorted = (a: readonly string[]): string[] => [...a].sort();

test("the JSON Schema knows the same tables and keys as the validator", () => {
  expect(keys(schema)).toEqual(sorted(topLevelKeys));
  expect(keys(schema.properties["python"])).toEqual(sorted(tableKeys.python));
  expect(keys(schema.properties["git"])).toEqual(sorted(tableKeys.git));
  expect(keys(schema.$defs["dependencies"])).toEqual(sorted(tableKeys.dependencies));
  expect(keys(schema.$defs["app"])).toEqual(sorted(tableKeys.app));
  expect(keys(schema.$defs["runtime"])).toEqual(sorted(tableKeys.runtime));
  expect(keys(schema.$defs["healthcheck"])).toEqual(sorted(tableKeys["runtime.healthcheck"]));
  const secrets = schema.properties["secrets"] as { items: { properties: Record<string, unknown> } };
  expect(keys(secrets.items)).toEqual(sorted(tableKeys.secrets));
  const targets = schema.properties["targets"] as { additionalProperties: { properties: Record<string, unknown> } };
  expect(keys(targets.additionalProperties)).toEqual(sorted(targetKeys));
  expect(keys(schema.properties["check"])).toEqual(sorted(tableKeys.check));
});

test("[check] skip offers exactly the rule ids and \"all\"", () => {
  const skip = (schema.properties["check"]?.properties?.["skip"] ?? {}) as { anyOf: { items?: { enum: string[] } }[] };
  expect(skip.anyOf[0]?.items?.enum).toEqual([...CHECK_RULE_IDS, SKIP_ALL]);
});
