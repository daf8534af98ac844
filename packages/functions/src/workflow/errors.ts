// The error a workflow task throws for input it can never accept; the ASL does not retry it.

import { NON_RETRYABLE_ERRORS } from "@stock-patterns/core/workflow";
import type { ZodError } from "zod";

/** Input that will fail however often it is retried (its `name` is what Step Functions matches). */
export class InvalidWorkflowInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = NON_RETRYABLE_ERRORS[0];
  }

  /** From a zod failure: each issue as `path: message`. */
  static fromZod(error: ZodError): InvalidWorkflowInput {
    const details = error.issues.map((issue) => `${issue.path.join(".") || "(event)"}: ${issue.message}`);
    return new InvalidWorkflowInput(details.join("; "));
  }
}
