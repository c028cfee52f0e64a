import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { buildApp, configFromEnvironment, migrate, openDatabase, ServerContext } from '../../src/index.js';

/**
 * The server's OpenAPI document, read the way a client generator would, and what tests need to
 * hold the server to it: every operation, its examples, and a check that an answer is one the
 * document gives (status, media type, body schema).
 */

export interface MediaObject {
  schema?: unknown;
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}

export interface ResponseObject {
  description: string;
  content?: Record<string, MediaObject>;
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: { type?: string; enum?: unknown[]; maxLength?: number };
}

export interface OperationObject {
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: ParameterObject[];
  requestBody?: { content: Record<string, MediaObject> };
  responses: Record<string, ResponseObject>;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  security: Record<string, string[]>[];
}

export interface Operation {
  /** Upper case: GET, POST… */
  method: string;
  /** The path template: `/api/v1/projects/{project}`. */
  path: string;
  operation: OperationObject;
}

/** `POST /api/v1/projects/{project}/flags`: how tests name an operation. */
export const nameOf = (operation: Operation) => `${operation.method} ${operation.path}`;

/** The document from an app built in this process on a throwaway SQLite database (no network). */
export async function builtDocument(): Promise<OpenApiDocument> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vexil-openapi-'));
  const config = { ...configFromEnvironment({}), dataDir, logLevel: 'silent' };
  const store = await openDatabase(config);
  try {
    await migrate(store.db, store.dialect);
    const app = await buildApp(new ServerContext(config, store), { logger: false });
    try {
      return (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApiDocument>();
    } finally {
      await app.close();
    }
  } finally {
    await store.db.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
}

export const pathParameters = (operation: Operation) =>
  (operation.operation.parameters ?? []).filter((parameter) => parameter.in === 'path');

/** The security requirements that apply: the operation's own, else the document's. */
export function securityOf(document: OpenApiDocument, operation: Operation): Record<string, string[]>[] {
  return operation.operation.security ?? document.security;
}

/** Every example of every media type of the request body. */
export function bodyExamples(operation: Operation): { mediaType: string; schema: unknown; example: unknown }[] {
  const content = operation.operation.requestBody?.content ?? {};
  return Object.entries(content).flatMap(([mediaType, media]) => [
    ...(media.example === undefined ? [] : [{ mediaType, schema: media.schema, example: media.example }]),
    ...Object.values(media.examples ?? {}).map(({ value }) => ({ mediaType, schema: media.schema, example: value })),
  ]);
}

/** The first example of the JSON request body, if the operation takes one. */
export function bodyExample(operation: Operation): unknown {
  return bodyExamples(operation).find((example) => example.mediaType === 'application/json')?.example;
}

const DOCUMENT_ID = 'vexil-openapi.json';

/**
 * Validates data against schemas of the document (JSON Schema 2020-12, as OpenAPI 3.1 says),
 * resolving `#/components/…` references against the document's components.
 */
export class SchemaValidator {
  private readonly ajv = addFormats.default(new Ajv2020({ strict: false, allErrors: true }));
  private readonly compiled = new Map<unknown, ValidateFunction>();

  constructor(document: OpenApiDocument) {
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: document.components });
  }

  /** The errors of `data` against `schema`, empty when it is valid. */
  errors(schema: unknown, data: unknown): string[] {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(anchored(schema) as object);
      this.compiled.set(schema, validate);
    }
    if (validate(data)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message}`);
  }
}

function anchored(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(anchored);
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(schema)) {
    copy[name] =
      name === '$ref' && typeof value === 'string' && value.startsWith('#/') ? DOCUMENT_ID + value : anchored(value);
  }
  return copy;
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  /** `application/json` of `application/json; charset=utf-8`; empty without a Content-Type. */
  mediaType: string;
  text: string;
}

/**
 * Why an answer is not one the document gives the operation, or undefined when it is: its status
 * is listed, its media type is one listed for that status, and its body fits that media type's
 * schema. A stream's body (text/event-stream) is not read.
 */
export function undocumented(validator: SchemaValidator, operation: Operation, answer: Answer): string | undefined {
  const response = operation.operation.responses[String(answer.status)];
  if (!response) {
    const listed = Object.keys(operation.operation.responses).join(', ');
    return `status ${answer.status} is not documented (documented: ${listed}); body ${answer.text.slice(0, 300)}`;
  }
  if (!response.content) {
    return answer.text === ''
      ? undefined
      : `status ${answer.status} documents no body, got ${answer.text.slice(0, 200)}`;
  }
  const media = response.content[answer.mediaType];
  if (!media) {
    const listed = Object.keys(response.content).join(', ');
    return `status ${answer.status} answered ${answer.mediaType || 'no Content-Type'}, documented: ${listed}`;
  }
  if (answer.mediaType === 'text/event-stream') return undefined;
  let body: unknown = answer.text;
  if (answer.mediaType.endsWith('json')) {
    try {
      body = JSON.parse(answer.text);
    } catch {
      return `status ${answer.status} answered ${answer.mediaType} that is not JSON: ${answer.text.slice(0, 200)}`;
    }
  }
  const errors = validator.errors(media.schema ?? {}, body);
  if (errors.length === 0) return undefined;
  return `status ${answer.status} body does not fit its schema: ${errors.slice(0, 5).join('; ')}; body ${answer.text.slice(0, 300)}`;
}

export interface RawRequest {
  method: string;
  /** Sent as written: percent-encoded by the caller, `..` and all. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/**
 * Sends a request exactly as given (fetch would normalise the path and refuse some headers) and
 * reads the answer. A stream (text/event-stream) is closed as soon as its headers arrive.
 */
export function send(baseUrl: string, request: RawRequest, timeoutMs = 15_000): Promise<Answer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        headers: {
          ...(request.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(request.body)) }),
          ...request.headers,
        },
        agent: false,
        timeout: timeoutMs,
      },
      (response) => {
        const mediaType = (response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
        const answer = (text: string) =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, mediaType, text });
        if (mediaType === 'text/event-stream') {
          response.destroy();
          answer('');
          return;
        }
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => answer(decoded(Buffer.concat(chunks), response.headers['content-encoding'])));
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

function decoded(body: Buffer, coding: string | undefined): string {
  if (coding === 'br') return brotliDecompressSync(body).toString('utf8');
  if (coding === 'gzip') return gunzipSync(body).toString('utf8');
  return body.toString('utf8');
}

/** A path template with its parameters filled in (already percent-encoded values are kept as they are). */
export function fillPath(template: string, values: (name: string) => string): string {
  return template.replace(/\{([^}]+)\}/g, (_match, name: string) => values(name));
}
