import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/server/api-v1/openapi";

const ROOT = path.resolve(import.meta.dirname, "../../app/api/v1");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;

// Every app/api/v1/**/route.ts as "/api/v1/…" with {param} segments, and its exported methods.
function routeFiles(dir = ROOT): Array<{ path: string; methods: string[] }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    if (entry.name !== "route.ts") return [];
    const relative = path.relative(ROOT, path.dirname(full)).split(path.sep).filter(Boolean);
    const urlPath = ["/api/v1", ...relative.map((s) => s.replace(/^\[(.+)\]$/, "{$1}"))].join("/");
    const source = readFileSync(full, "utf8");
    const methods = METHODS.filter((m) =>
      new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b`).test(source),
    ).map((m) => m.toLowerCase());
    return [{ path: urlPath, methods }];
  });
}

type Doc = ReturnType<typeof buildOpenApiDocument>;

function collectRefs(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => collectRefs(v, out));
  else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (key === "$ref" && typeof v === "string") out.add(v);
      else collectRefs(v, out);
    }
  }
  return out;
}

describe("OpenAPI document", () => {
  const doc: Doc = buildOpenApiDocument("https://pult.example.com");
  const routes = routeFiles();

  it("is OpenAPI 3.1 with bearer auth and the error shape", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    const error = doc.components.schemas.Error as { properties: { error: unknown } };
    expect(JSON.stringify(error.properties.error)).toContain("UNAUTHENTICATED");
  });

  it("finds the route files", () => {
    expect(routes.map((r) => r.path)).toEqual(
      expect.arrayContaining(["/api/v1/managers", "/api/v1/calls", "/api/v1/clients/{id}"]),
    );
  });

  it("documents every route and method in app/api/v1", () => {
    const missing = routes.flatMap((route) =>
      route.methods
        .filter((m) => !doc.paths[route.path]?.[m])
        .map((m) => `${m.toUpperCase()} ${route.path}`),
    );
    expect(missing).toEqual([]);
  });

  it("documents nothing that has no route", () => {
    const extra = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops)
        .filter((m) => !routes.find((r) => r.path === p)?.methods.includes(m))
        .map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(extra).toEqual([]);
  });

  it("answers 401 with the error shape on every authenticated operation", () => {
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops as Record<string, Record<string, unknown>>)) {
        if (p === "/api/v1/openapi.json") continue;
        const responses = op.responses as Record<string, unknown>;
        expect(JSON.stringify(responses["401"]), `${method} ${p}`).toContain(
          "#/components/schemas/Error",
        );
      }
    }
  });

  it("resolves every $ref", () => {
    const names = new Set(Object.keys(doc.components.schemas));
    for (const refPath of collectRefs(doc)) {
      expect(refPath.startsWith("#/components/schemas/")).toBe(true);
      expect(names.has(refPath.slice("#/components/schemas/".length)), refPath).toBe(true);
    }
  });

  it("describes the issue's shapes: client create, manager, call", () => {
    const create = doc.components.schemas.ClientCreate as {
      required: string[];
      properties: object;
    };
    expect(create.required).toEqual(["name"]);
    expect(Object.keys(create.properties)).toEqual(
      expect.arrayContaining(["name", "company", "phones", "managerEmail"]),
    );
    const manager = doc.components.schemas.Manager as { properties: object };
    expect(Object.keys(manager.properties)).toEqual(["email", "name", "workplaceId", "status"]);
    const call = doc.components.schemas.Call as { properties: object };
    expect(Object.keys(call.properties)).toEqual(
      expect.arrayContaining(["callId", "routing", "recordings", "managerEmail", "clientId"]),
    );
    const calls = (
      doc.paths["/api/v1/calls"] as {
        get: { parameters: Array<{ name: string; required: boolean }> };
      }
    ).get;
    expect(calls.parameters.find((p) => p.name === "since")?.required).toBe(true);
  });
});
