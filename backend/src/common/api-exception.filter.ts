import { Catch, HttpException, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';
import { loggableError, stackFrames } from './loggable-error.js';
import { RetryLaterException } from './retry-later.exception.js';

/**
 * Nest's own error answers (`{statusCode, error, message}`), plus headers some errors carry.
 * Unexpected errors answer 500 and are logged without their data: Nest would print the whole
 * error object, SQL parameters included.
 */
@Catch()
export class ApiExceptionFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('ExceptionsHandler');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof RetryLaterException) {
      host
        .switchToHttp()
        .getResponse<Response>()
        .setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    if (exception instanceof HttpException || host.getType() !== 'http') {
      return super.catch(exception, host);
    }
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    // The route pattern, not the URL: trigger URLs carry their secret key in the path.
    const route = (request.route as { path?: string } | undefined)?.path ?? '(no route)';
    this.logger.error(
      `${request.method} ${route} failed: ${loggableError(exception)}`,
      stackFrames(exception),
    );
    if (response.headersSent) {
      response.end();
      return;
    }
    response
      .status(500)
      .json({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' });
  }
}
