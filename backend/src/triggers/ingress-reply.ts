/** What the trigger URL answers. */
export interface IngressReply {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
  /** Sent as-is (handshakes, sync responses with a text body). */
  raw?: boolean;
  /** End the connection after the reply: the rest of the request body is never read. */
  closeConnection?: boolean;
}

export const jsonReply = (
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): IngressReply => ({ status, body, headers });

export const errorReply = (
  status: number,
  errorName: string,
  message: string,
  headers?: Record<string, string>,
) => jsonReply(status, { statusCode: status, error: errorName, message }, headers);
