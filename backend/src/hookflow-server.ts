import 'reflect-metadata';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { AppModule } from './app.module.js';
import { EMBEDDED_POLL_SECONDS } from './queue/queue-connection.js';
import type { AppConfig } from './config/app-config.js';
import { EmbeddedPostgres } from './database/embedded-postgres.js';
import { apiJsonBody } from './common/json-body.js';
import { ApiExceptionFilter } from './common/api-exception.filter.js';
import { serveOpenApi } from './common/openapi.js';
import { separateHooksHost, securityHeaders } from './ui/security-headers.js';
import { healthOnly, serveEditor } from './ui/static-ui.js';
import { hooksHandler } from './triggers/hooks-handler.js';
import { TriggerIngressService } from './triggers/trigger-ingress.service.js';

const LOG_LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

export interface RunningServer {
  app: NestExpressApplication;
  /** Where this process answers HTTP, e.g. http://127.0.0.1:3000 */
  url: string;
  /** Graceful: stop taking work, let running jobs finish (bounded), close connections. */
  stop(): Promise<void>;
}

/**
 * Boots one Hookflow process for its role. Embedded mode starts PGlite first; every role listens
 * on PORT (the worker answers only /healthz and /readyz there, for orchestrators' probes).
 */
export async function startServer(config: AppConfig): Promise<RunningServer> {
  const embedded = config.database.url
    ? undefined
    : await EmbeddedPostgres.start(config.database.dataDir);
  const databaseUrl = config.database.url ?? embedded!.url;
  const queue = config.queue.redisUrl
    ? ({
        kind: 'redis',
        url: config.queue.redisUrl,
        prefix: `hookflow:${new URL(databaseUrl).pathname.slice(1)}`,
      } as const)
    : ({
        kind: 'postgres',
        url: databaseUrl,
        pollSeconds: embedded ? EMBEDDED_POLL_SECONDS : undefined,
      } as const);
  try {
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot(config, { databaseUrl, queue }),
      {
        logger: LOG_LEVELS[config.logLevel],
        // Let a failed boot reject (main prints one line; tests see the error) instead of exiting.
        abortOnError: false,
        bodyParser: false,
      },
    );
    app.disable('x-powered-by');
    // Only the proxies TRUST_PROXY names may state the client's address (X-Forwarded-For).
    app.set('trust proxy', config.http.trustProxy);
    app.useGlobalFilters(new ApiExceptionFilter(app.getHttpAdapter()));
    app.use(securityHeaders(config));
    if (config.runsApi) {
      const hostSplit = separateHooksHost(config);
      if (hostSplit) app.use(hostSplit);
      app.use(hooksHandler(app.get(TriggerIngressService)));
      app.use(apiJsonBody);
      serveOpenApi(app);
      serveEditor(app);
    } else {
      app.use(healthOnly);
    }
    await app.listen(config.http.port);
    const { port } = app.getHttpServer().address() as AddressInfo;
    // With PORT=0 the port is known only now; trigger URLs handed out from here on name it.
    if (config.http.publicUrlFollowsPort) {
      const bound = `http://localhost:${port}`;
      if (config.http.hooksUrl === config.http.publicUrl) config.http.hooksUrl = bound;
      config.http.publicUrl = bound;
    }
    let stopping: Promise<void> | undefined;
    return {
      app,
      url: `http://127.0.0.1:${port}`,
      stop: () =>
        (stopping ??= (async () => {
          await app.close();
          await embedded?.stop();
        })()),
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

export const bootLogger = new Logger('Hookflow');
