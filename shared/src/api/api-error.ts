import type { FlowIssue } from '../flow/flow-issue';

/** Every error response of the REST API. */
export interface ApiErrorBody {
  statusCode: number;
  /** The HTTP reason phrase, e.g. `Bad Request`. */
  error: string;
  /** One line naming the problem, e.g. `Node "Send to Slack" (n3): field "text" is required`. */
  message: string;
  /** Present on validation errors: one entry per problem, with the field it concerns. */
  issues?: FlowIssue[];
}
