import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, fromDatabaseError, httpStatusOf, type ErrorDetail } from '../core/errors.ts';

interface ErrorBody {
  error: { code: string; message: string; details: ErrorDetail[]; requestId: string };
}

/** The one mapping from errors to the X-4 shape; 5xx details never leave the server. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((rawErr: FastifyError, req, reply) => {
    const err = fromDatabaseError(rawErr) as FastifyError | AppError;
    const send = (status: number, code: string, message: string, details: ErrorDetail[] = []) => {
      const body: ErrorBody = { error: { code, message, details, requestId: req.id } };
      return reply.status(status).type('application/json').send(JSON.stringify(body));
    };
    if (err instanceof AppError) {
      for (const [k, v] of Object.entries(err.headers)) void reply.header(k, v);
      if (err.kind === 'unavailable') req.log.warn({ err }, err.message);
      return send(httpStatusOf[err.kind], err.code, err.message, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'request';
      const details = err.validation.map((v) => {
        const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        const keys = v.keyword === 'unrecognized_keys' ? (v.params as { keys?: string[] }).keys : undefined;
        return {
          field: keys?.length ? [path, ...keys].filter(Boolean).join('.') : path || where,
          message: keys?.length ? `unknown field${keys.length > 1 ? 's' : ''}` : (v.message ?? 'invalid'),
          code: v.keyword,
        };
      });
      return send(400, 'validation_failed', `The ${where} is not valid`, details);
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response did not match its schema');
      return send(500, 'internal_error', 'Something went wrong on our side');
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      const code = fastifyCode(err, status);
      return send(status, code, clientMessage(err, status));
    }
    req.log.error({ err }, 'unhandled error');
    return send(500, 'internal_error', 'Something went wrong on our side');
  });

  app.setNotFoundHandler((req, reply) => {
    const body: ErrorBody = {
      error: {
        code: 'route_not_found',
        message: `No route ${req.method} ${req.url.split('?')[0]}`,
        details: [],
        requestId: req.id,
      },
    };
    return reply.status(404).send(body);
  });
}

function fastifyCode(err: FastifyError, status: number): string {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'malformed_json';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'body_too_large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported_media_type';
    default:
      if (status === 429) return 'rate_limited';
      if (err instanceof SyntaxError) return 'malformed_json';
      return status === 413 ? 'body_too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request';
  }
}

function clientMessage(err: FastifyError, status: number): string {
  if (status === 413) return 'The request body is too large';
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError)
    return 'The request body is not valid JSON';
  return err.message;
}
