import {
  applyDecorators,
  BadRequestException,
  createParamDecorator,
  SetMetadata,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { z } from 'zod';

const BODY_SCHEMA = Symbol('hookflow:body-schema');

/** One problem with a request body, naming the field it concerns. */
export interface FieldIssue {
  field: string;
  message: string;
}

export function describeZodIssues(error: z.ZodError, prefix?: string): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path].filter((part) => part !== undefined).join('.') || '(body)',
    message:
      issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message,
  }));
}

/** The API's 400 for invalid input: the message names every bad field. */
export function badRequest(issues: FieldIssue[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: issues.map((issue) => `field "${issue.field}": ${issue.message}`).join('; '),
    issues,
  });
}

/** Parses `value` or throws the API's 400; `prefix` places nested values (e.g. `data`). */
export function parseOrBadRequest<S extends z.ZodType>(
  schema: S,
  value: unknown,
  prefix?: string,
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw badRequest(describeZodIssues(result.error, prefix));
}

/**
 * Declares a handler's JSON body schema once: it documents the body in OpenAPI and is what
 * `@ValidBody()` validates against, so the docs cannot drift from the validation.
 */
export function JsonBody(schema: z.ZodType) {
  return applyDecorators(
    SetMetadata(BODY_SCHEMA, schema),
    ApiBody({ schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as object }),
  );
}

/** The request body, validated by the schema the handler declared with `@JsonBody`. */
export const ValidBody = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const schema = Reflect.getMetadata(BODY_SCHEMA, context.getHandler()) as z.ZodType | undefined;
  if (!schema)
    throw new Error(`${context.getHandler().name} uses @ValidBody() without @JsonBody(schema)`);
  return parseOrBadRequest(
    schema,
    context.switchToHttp().getRequest<{ body?: unknown }>().body ?? {},
  );
});
