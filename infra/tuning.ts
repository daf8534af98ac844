// What power tuning may do, on the functions it may tune: the PatternDetector runs the PowerTuningWorkflow's
// tasks (core's power-tuning.ts), which set $LATEST's memory, publish a version per size, invoke those
// versions, restore $LATEST and delete the versions they published. Granted here, after every function
// exists, so the policy can name each one (the PatternDetector's own role cannot: the Api depends on it
// through the analysis workflow).
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html
import { functions } from "./monitoring";
import { TUNING_FUNCTION_ACTIONS, TUNING_VERSION_ACTIONS } from "./tuning-rights";
import { patternDetector } from "./workflow";

export const tuningPolicy = new aws.iam.RolePolicy("PatternDetectorTuning", {
  role: patternDetector.fn.nodes.role.name,
  policy: $jsonStringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: [...TUNING_FUNCTION_ACTIONS],
        Resource: functions.map((target) => target.fn.nodes.function.arn),
      },
      {
        Effect: "Allow",
        Action: [...TUNING_VERSION_ACTIONS],
        Resource: functions.map((target) => $interpolate`${target.fn.nodes.function.arn}:*`),
      },
    ],
  }),
});
