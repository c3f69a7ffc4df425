import { HttpException, HttpStatus } from '@nestjs/common';

/** 429 that also tells the client when to come back (the `Retry-After` header). */
export class RetryLaterException extends HttpException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super({ statusCode: 429, error: 'Too Many Requests', message }, HttpStatus.TOO_MANY_REQUESTS);
  }
}
