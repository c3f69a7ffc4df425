/** A template that does not parse or compile, or an expression that failed while evaluating. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    /** Character offset in the template string. */
    readonly position: number,
    /** The template that failed, when several were evaluated together. */
    readonly template?: string,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}
