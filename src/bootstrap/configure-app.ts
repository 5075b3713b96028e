import { VersioningType } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AllExceptionsFilter } from '../common/errors/all-exceptions.filter';
import { bodyParserErrorHandler } from '../common/errors/body-parser-error.handler';
import { assignRequestId } from '../common/http/request-id';
import { traceIdMiddleware } from '../common/http/trace-id.middleware';
import { buildOpenApiDocument } from './openapi';
import { createValidationPipe } from './validation.pipe';

export const JSON_BODY_LIMIT = '1mb';

/**
 * Everything both entrypoints (HTTP server and Lambda) apply to the app, kept in one
 * place so pipes, filters, versioning and docs can never drift apart between them.
 */
export function configureApp(app: NestExpressApplication): void {
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  // The request id is set before body parsing so that even a malformed body's 400 carries it.
  app.use((req: { id?: string } & Parameters<typeof assignRequestId>[0], res: Parameters<typeof assignRequestId>[1], next: () => void) => {
    req.id = assignRequestId(req, res);
    next();
  });
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.use(bodyParserErrorHandler);
  app.use(traceIdMiddleware);
  app.enableVersioning({ type: VersioningType.URI });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json' });
}
