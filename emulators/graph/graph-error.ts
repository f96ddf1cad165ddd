import { randomUUID } from 'node:crypto';

/** Graph's error envelope: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`. */
export interface GraphErrorBody {
  error: { code: string; message: string; innerError: { date: string; 'request-id': string; 'client-request-id': string } };
}

/**
 * An error a handler throws to answer with Graph's error shape. Handlers stay linear (validate, throw, serve)
 * and the dispatcher turns the throw into a response, inside or outside a $batch alike.
 */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphError';
  }

  toBody(clientRequestId?: string): GraphErrorBody {
    const requestId = randomUUID();
    return {
      error: {
        code: this.code,
        message: this.message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
          'request-id': requestId,
          'client-request-id': clientRequestId ?? requestId,
        },
      },
    };
  }
}

export const badRequest = (message: string, code = 'BadRequest') => new GraphError(400, code, message);
export const unsupportedQuery = (message: string) => new GraphError(400, 'Request_UnsupportedQuery', message);
export const notFound = (what: string) =>
  new GraphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`,
  );
