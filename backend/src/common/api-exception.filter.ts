import { Catch, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { RetryLaterException } from './retry-later.exception.js';

/** Nest's own error answers (`{statusCode, error, message}`), plus headers some errors carry. */
@Catch()
export class ApiExceptionFilter extends BaseExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof RetryLaterException) {
      host
        .switchToHttp()
        .getResponse<Response>()
        .setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    super.catch(exception, host);
  }
}
