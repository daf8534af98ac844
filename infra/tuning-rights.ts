// The Lambda actions power tuning needs (the PowerTuningWorkflow's tasks in packages/functions'
// tuning-actions.ts), split by what they act on; infra/tuning.ts says on which functions.

/** Calls on a function itself (the unqualified ARN): configuration, publishing, listing versions. */
export const TUNING_FUNCTION_ACTIONS = [
  "lambda:GetFunctionConfiguration",
  "lambda:UpdateFunctionConfiguration",
  "lambda:PublishVersion",
  "lambda:ListVersionsByFunction",
] as const;

/** Calls on a version (`function:N`): invoking it, deleting it. The function itself cannot be deleted. */
export const TUNING_VERSION_ACTIONS = ["lambda:InvokeFunction", "lambda:DeleteFunction"] as const;
