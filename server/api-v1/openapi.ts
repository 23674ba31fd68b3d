import { z } from "zod";
import { MAX_BODY_BYTES } from "@/server/api-v1/handler";
import { DEFAULT_RATE_LIMIT } from "@/server/api-v1/rate-limit";
import {
  apiSchemas,
  callsQuery,
  clientsQuery,
  recordingQuery,
  reportQuery,
} from "@/server/api-v1/schemas";
import { webhookPayloadSchemas, webhookSchemaId } from "@/server/webhooks/payload-schemas";
import { WEBHOOK_PAYLOAD_VERSION } from "@/lib/schemas/webhooks";
// Registers the Quality report's schemas with apiSchemas before the document is rendered.
import "@/server/api-v1/quality-schemas";

type Method = "get" | "head" | "post" | "patch";

type ResponseSpec = { description: string; schema?: string; content?: Record<string, unknown> };

type Operation = {
  path: string;
  method: Method;
  operationId: string;
  summary: string;
  description?: string;
  query?: z.ZodType;
  pathParams?: Array<{ name: string; description: string; schema: Record<string, unknown> }>;
  requestBody?: string;
  requestExample?: unknown;
  responses: Record<string, ResponseSpec>;
  isPublic?: boolean;
};

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

// Every authenticated operation can answer these.
const commonErrors: Record<string, ResponseSpec> = {
  "401": { description: "Missing, unknown, revoked or expired API key", schema: "Error" },
  "429": { description: "Rate limit for this key exceeded (see Retry-After)", schema: "Error" },
  "500": { description: "Internal error", schema: "Error" },
};

const audioContent = {
  "audio/*": { schema: { type: "string", contentMediaType: "audio/*" } },
};

const idParam = (description: string) => ({
  name: "id",
  description,
  schema: { type: "string", format: "uuid" },
});

/** The public API's operations; the OpenAPI test checks this against the route files in app/api/v1. */
export const operations: Operation[] = [
  {
    path: "/api/v1/openapi.json",
    method: "get",
    operationId: "getOpenApi",
    summary: "This document",
    isPublic: true,
    responses: {
      "200": { description: "OpenAPI 3.1 document", content: { "application/json": {} } },
    },
  },
  {
    path: "/api/v1/clients",
    method: "get",
    operationId: "listClients",
    summary: "List and search clients",
    description: "Sorted by name. Follow nextCursor until it is null.",
    query: clientsQuery,
    responses: {
      "200": { description: "A page of clients", schema: "ClientPage" },
      "400": { description: "Invalid query parameters", schema: "Error" },
    },
  },
  {
    path: "/api/v1/clients",
    method: "post",
    operationId: "createClient",
    summary: "Create a client",
    description:
      "Phones are normalised to E.164 (Russia is the default region). A number that already belongs to another client answers 409 with that client's id in details.clientId.",
    requestBody: "ClientCreate",
    responses: {
      "201": { description: "The created client", schema: "Client" },
      "400": { description: "Invalid body; details.fields names each problem", schema: "Error" },
      "409": { description: "A phone number belongs to another client", schema: "Error" },
      "413": { description: `Body larger than ${MAX_BODY_BYTES} bytes`, schema: "Error" },
      "415": { description: "Body is not application/json", schema: "Error" },
    },
  },
  {
    path: "/api/v1/clients/{id}",
    method: "get",
    operationId: "getClient",
    summary: "One client",
    pathParams: [idParam("Client id")],
    responses: {
      "200": { description: "The client", schema: "Client" },
      "404": { description: "No such client in your organization", schema: "Error" },
    },
  },
  {
    path: "/api/v1/clients/{id}",
    method: "patch",
    operationId: "updateClient",
    summary: "Update a client",
    description: "Only the fields present change; phones, when present, replace the list.",
    pathParams: [idParam("Client id")],
    requestBody: "ClientUpdate",
    responses: {
      "200": { description: "The updated client", schema: "Client" },
      "400": { description: "Invalid body", schema: "Error" },
      "404": { description: "No such client in your organization", schema: "Error" },
      "409": { description: "A phone number belongs to another client", schema: "Error" },
      "413": { description: `Body larger than ${MAX_BODY_BYTES} bytes`, schema: "Error" },
      "415": { description: "Body is not application/json", schema: "Error" },
    },
  },
  {
    path: "/api/v1/managers",
    method: "get",
    operationId: "listManagers",
    summary: "Managers with their PBX workplace and live status",
    responses: { "200": { description: "Every active manager", schema: "ManagerList" } },
  },
  {
    path: "/api/v1/calls",
    method: "get",
    operationId: "listCalls",
    summary: "Calls since a time",
    description:
      "Ordered by startedAt, then id; pages are stable. Calls still in progress are included with endedAt null.",
    query: callsQuery,
    responses: {
      "200": { description: "A page of calls", schema: "CallPage" },
      "400": { description: "Invalid query parameters", schema: "Error" },
    },
  },
  {
    path: "/api/v1/calls",
    method: "post",
    operationId: "placeCall",
    summary: "Click-to-call: ring a manager, then dial the client",
    description:
      "The PBX rings the manager's workplace (give managerEmail or the PBX workplaceId, not both) and dials `to` once they answer. Answers the PBX's call id at once; the call's webhooks (call.ringing, call.answered, call.ended) carry the same callId. A second call from the same workplace within 3 s answers 429. Refusals carry details.reason: manager_not_found, workplace_not_found, workplace_unknown (404); no_workplace, refused (409); invalid_number (400); too_fast (429); not_connected, unreachable (503 — after unreachable the phone may still ring: do not retry at once).",
    requestBody: "CallCreate",
    requestExample: { managerEmail: "olga@example.com", to: "+79161234567" },
    responses: {
      "201": { description: "The PBX is ringing the manager", schema: "PlacedCall" },
      "400": { description: "Invalid body, or the PBX refused the number", schema: "Error" },
      "404": { description: "No such manager or workplace", schema: "Error" },
      "409": { description: "The manager has no workplace, or the PBX refused", schema: "Error" },
      "413": { description: `Body larger than ${MAX_BODY_BYTES} bytes`, schema: "Error" },
      "415": { description: "Body is not application/json", schema: "Error" },
      "503": { description: "The PBX is not connected or did not answer", schema: "Error" },
    },
  },
  {
    path: "/api/v1/reports/managers",
    method: "get",
    operationId: "getManagerReport",
    summary: "Per-manager report for a period",
    description:
      "The same figures as the Reports screen. The row with email null counts calls that reached no manager. Rates are 0…1.",
    query: reportQuery,
    responses: {
      "200": { description: "One row per manager", schema: "ManagerReport" },
      "400": { description: "Invalid query parameters", schema: "Error" },
    },
  },
  {
    path: "/api/v1/reports/quality",
    method: "get",
    operationId: "getQualityReport",
    summary: "Conversation quality for a period",
    description:
      "The same figures as Reports → Quality: evaluations made in the period (local days), their mean weighted score (0…100), pass rate, critical failures and disputes — in total, per manager, per day and per scorecard criterion; and script compliance (`scripts`): of the calls that started in the period and were checked against a call script, the steps passed, missed and violated per step, per manager and per day. Rates are 0…1.",
    query: reportQuery,
    responses: {
      "200": { description: "Totals, managers, days and criteria", schema: "QualityReport" },
      "400": { description: "Invalid query parameters", schema: "Error" },
    },
  },
  ...(["get", "head"] as const).map((method): Operation => ({
    path: "/api/v1/recordings/{id}",
    method,
    operationId: method === "get" ? "getRecordingAudio" : "headRecordingAudio",
    summary: method === "get" ? "Stream or download a recording" : "Recording headers only",
    description:
      "Audio bytes with HTTP Range support (206 + Content-Range). Ids come from the recordings of /api/v1/calls. Every play or download is written to the audit log with the key.",
    pathParams: [idParam("Recording id")],
    query: recordingQuery,
    responses: {
      "200": { description: "The whole file", content: audioContent },
      "206": { description: "The requested byte range", content: audioContent },
      "400": { description: "Invalid query parameters", schema: "Error" },
      "404": { description: "No such recording (or file) in your organization", schema: "Error" },
      "409": { description: "Not downloaded from the PBX yet", schema: "Error" },
      "410": { description: "Deleted by the retention policy", schema: "Error" },
      "416": { description: "Range not satisfiable" },
    },
  })),
];

function queryParameters(schema: z.ZodType) {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: "query",
      required: json.required?.includes(name) ?? false,
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}

function componentSchemas() {
  const { schemas } = z.toJSONSchema(apiSchemas, {
    io: "input",
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
}

function operationObject(op: Operation) {
  const parameters = [
    ...(op.pathParams ?? []).map((p) => ({ ...p, in: "path", required: true })),
    ...(op.query ? queryParameters(op.query) : []),
  ];
  const responses = Object.fromEntries(
    Object.entries({ ...op.responses, ...(op.isPublic ? {} : commonErrors) }).map(([status, r]) => [
      status,
      {
        description: r.description,
        ...(r.schema
          ? { content: { "application/json": { schema: ref(r.schema) } } }
          : r.content
            ? { content: r.content }
            : {}),
      },
    ]),
  );
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(op.isPublic ? { security: [] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(op.requestBody
      ? {
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: ref(op.requestBody),
                ...(op.requestExample ? { example: op.requestExample } : {}),
              },
            },
          },
        }
      : {}),
    responses,
  };
}

// What Pult POSTs to the endpoints of Settings → Webhooks (docs/crm-integration.md).
function webhooksSection() {
  return Object.fromEntries(
    Object.keys(webhookPayloadSchemas).map((type) => [
      type,
      {
        post: {
          summary: type,
          description: `Payload version ${WEBHOOK_PAYLOAD_VERSION}. Signed per Standard Webhooks: headers webhook-id (the same on every retry), webhook-timestamp and webhook-signature (v1, HMAC-SHA256 of "id.timestamp.body" with the endpoint's whsec_ secret). Answer 2xx within 10 s; anything else is retried with backoff for 24 h.`,
          parameters: ["webhook-id", "webhook-timestamp", "webhook-signature"].map((name) => ({
            name,
            in: "header",
            required: true,
            schema: { type: "string" },
          })),
          requestBody: {
            required: true,
            content: { "application/json": { schema: ref(webhookSchemaId(type)) } },
          },
          responses: {
            "2XX": { description: "Received; nothing is sent again" },
            default: { description: "Retried with backoff for 24 h, same webhook-id" },
          },
        },
      },
    ]),
  );
}

export function buildOpenApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method] = operationObject(op);
  return {
    openapi: "3.1.0",
    info: {
      title: "Pult public API",
      version: "1.0.0",
      description: [
        "JSON API for CRMs and BI tools. Authenticate with an API key created by an administrator in Settings → API keys: `Authorization: Bearer <key>`.",
        `Errors are JSON: {"error": {"code", "message", "details"?}}. Each key may make ${DEFAULT_RATE_LIMIT.capacity} requests in a burst and ${DEFAULT_RATE_LIMIT.refillPerSec * 60} per minute sustained (per server instance); beyond that the answer is 429 with Retry-After. Request bodies are limited to ${MAX_BODY_BYTES} bytes.`,
      ].join("\n\n"),
    },
    servers: [{ url: serverUrl }],
    webhooks: webhooksSection(),
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "A Pult API key (pult_…)" },
      },
      schemas: componentSchemas(),
    },
  };
}
