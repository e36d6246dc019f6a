import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, httpStatusFor, type ErrorCode } from '../domain/errors.ts';

interface Issue {
  path: string;
  message: string;
}

function send(reply: FastifyReply, status: number, code: string, message: string, details?: unknown) {
  return reply.status(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}

const statusToCode: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'validation_failed',
  429: 'rate_limited',
};

/**
 * The one place that turns errors into HTTP responses: `{ error: { code, message, details } }`.
 * Client mistakes get a 4xx naming the field; anything unexpected gets a generic 500
 * and the full detail goes to the log only.
 */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return send(reply, httpStatusFor(error.code), error.code, error.message, error.details);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const issues: Issue[] = error.validation.map((v) => {
      const path = (v.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
      return { path: path ? `${where}.${path}` : where, message: v.message ?? 'invalid' };
    });
    const first = issues[0];
    return send(reply, 400, 'validation_failed', first ? `${first.path}: ${first.message}` : 'invalid request', { issues });
  }
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = statusToCode[status] ?? 'validation_failed';
    const message =
      status === 413
        ? 'the request body is too large'
        : status === 429
          ? 'too many requests; slow down and try again shortly'
          : error.message;
    return send(reply, status, code, message);
  }
  request.log.error({ err: error }, 'unhandled error');
  return send(reply, 500, 'internal', 'something went wrong on the server; the error was logged');
}
