import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, fromDatabaseError, httpStatusOf, type ErrorDetail } from '../core/errors.ts';
import { newId } from '../core/ids.ts';

interface ErrorBody {
  error: { code: string; message: string; details: ErrorDetail[]; requestId: string };
}

interface Shaped {
  status: number;
  code: string;
  message: string;
  details: ErrorDetail[];
  headers?: Record<string, string>;
}

/** The X-4 error body; every error response of the server is made by this function. */
export function errorBody(requestId: string, s: Pick<Shaped, 'code' | 'message' | 'details'>): string {
  const body: ErrorBody = { error: { code: s.code, message: s.message, details: s.details, requestId } };
  return JSON.stringify(body);
}

/** The one mapping from errors to the X-4 shape; 5xx details never leave the server. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((rawErr: FastifyError, req, reply) => sendError(req, reply, rawErr));
  app.setNotFoundHandler((req, reply) =>
    sendShaped(req, reply, {
      status: 404,
      code: 'route_not_found',
      message: `No route ${req.method} ${req.url.split('?')[0]?.slice(0, 200)}`,
      details: [],
    }),
  );
}

/**
 * Fastify's `frameworkErrors` option: errors raised while routing, before any hook runs (a path
 * that is not valid percent-encoding, a path parameter over `maxParamLength`).
 */
export function handleFrameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  void sendError(req, reply, err);
}

/**
 * Fastify's `clientErrorHandler`: errors of Node's HTTP parser, before there is a request at all
 * (a request line or headers over the size limit, a malformed request). Answered on the socket,
 * in the same shape, with a fresh request id.
 */
export function handleClientError(this: FastifyInstance, err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const requestId = newId('req');
  const s: Shaped =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? { status: 431, code: 'headers_too_large', message: 'The request line or headers are too large', details: [] }
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? { status: 408, code: 'request_timeout', message: 'The request took too long to arrive', details: [] }
        : { status: 400, code: 'bad_request', message: 'The request is not valid HTTP', details: [] };
  this.log.debug({ err, requestId }, 'client error');
  if (socket.writable) {
    const body = errorBody(requestId, s);
    socket.write(
      `HTTP/1.1 ${s.status} ${STATUS_CODES[s.status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nx-request-id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

function sendError(req: FastifyRequest, reply: FastifyReply, rawErr: unknown): FastifyReply {
  const s = shapeOf(rawErr, req);
  if (s.status >= 500) req.log.error({ err: rawErr }, s.code === 'internal_error' ? 'unhandled error' : s.message);
  return sendShaped(req, reply, s);
}

function sendShaped(req: FastifyRequest, reply: FastifyReply, s: Shaped): FastifyReply {
  for (const [k, v] of Object.entries(s.headers ?? {})) void reply.header(k, v);
  return reply
    .status(s.status)
    .header('x-request-id', req.id)
    .type('application/json; charset=utf-8')
    .send(errorBody(req.id, s));
}

const INTERNAL: Shaped = {
  status: 500,
  code: 'internal_error',
  message: 'Something went wrong on our side',
  details: [],
};

function shapeOf(rawErr: unknown, req: FastifyRequest): Shaped {
  const err = fromDatabaseError(rawErr);
  if (err instanceof AppError) {
    if (err.kind === 'unavailable') req.log.warn({ err }, err.message);
    const status = httpStatusOf[err.kind];
    return { status, code: err.code, message: err.message, details: err.details, headers: err.headers };
  }
  if (!err || typeof err !== 'object') return INTERNAL;
  const e = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(e)) {
    const where = e.validationContext ?? 'request';
    const details = e.validation.map((v) => {
      const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
      const keys = v.keyword === 'unrecognized_keys' ? (v.params as { keys?: string[] }).keys : undefined;
      return {
        field: keys?.length ? [path, ...keys].filter(Boolean).join('.') : path || where,
        message: keys?.length ? `unknown field${keys.length > 1 ? 's' : ''}` : (v.message ?? 'invalid'),
        code: v.keyword,
      };
    });
    return { status: 400, code: 'validation_failed', message: `The ${where} is not valid`, details };
  }
  if (isResponseSerializationError(e)) {
    req.log.error({ err: e }, 'response did not match its schema');
    return INTERNAL;
  }
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) return { status, ...clientErrorOf(e, status), details: [] };
  return INTERNAL;
}

/** Stable codes and plain messages for the 4xx errors Fastify and its plugins raise. */
function clientErrorOf(err: FastifyError, status: number): { code: string; message: string } {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'malformed_json', message: 'The request body is not valid JSON' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'body_too_large', message: 'The request body is too large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'unsupported_media_type', message: 'The request body must be application/json' };
    case 'FST_ERR_BAD_URL':
      return { code: 'bad_url', message: 'The URL is not valid percent-encoding' };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { code: 'uri_too_long', message: 'A path segment of the URL is too long' };
    default:
      if (status === 429) return { code: 'rate_limited', message: err.message };
      if (err instanceof SyntaxError) return { code: 'malformed_json', message: 'The request body is not valid JSON' };
      if (status === 413) return { code: 'body_too_large', message: 'The request body is too large' };
      if (status === 415)
        return { code: 'unsupported_media_type', message: 'The request body must be application/json' };
      if (status === 414) return { code: 'uri_too_long', message: 'The URL is too long' };
      if (status === 404) return { code: 'not_found', message: 'Not found' };
      return { code: 'bad_request', message: err.message };
  }
}
