// What each function may do to the resources it links. SST's links grant whole services on each linked
// resource (sst 3.19.3 platform/src/components/aws: Dynamo `dynamodb:*`, Queue `sqs:*`, SnsTopic `sns:*`,
// spread into the function role's inline policy by function.ts createRole), so the Api could delete
// tables. The link stays (it gives `Resource.X` and its typing); the role transform below narrows each
// of those statements to the actions the function's code calls, on the same resources.
// infra/functions.test.ts checks each list against the SDK commands in the function's bundle.

/** Services whose link grants are narrowed. */
export type LinkedService = "dynamodb" | "sqs" | "sns";

/** Reading tables and updating items in place (no new items). */
const READ_AND_UPDATE = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:UpdateItem"];
/** Reading tables and writing items. */
const READ_AND_WRITE = [...READ_AND_UPDATE, "dynamodb:PutItem"];
/** Also reading many items a call (a stream batch's windows, a batch's alerts and detections). */
const READ_MANY_AND_WRITE = [...READ_AND_WRITE, "dynamodb:BatchGetItem"];

/** Per function, the actions its code calls on its linked tables, queues and topics. */
export const LINK_ACTIONS: Readonly<Record<string, Partial<Record<LinkedService, readonly string[]>>>> = {
  Api: {
    dynamodb: READ_AND_UPDATE,
    sns: ["sns:Publish"],
  },
  PatternDetector: {
    dynamodb: READ_MANY_AND_WRITE,
    sqs: ["sqs:SendMessage"],
  },
  AlertProcessor: {
    dynamodb: READ_AND_WRITE,
    sqs: ["sqs:SendMessage"],
    sns: ["sns:Publish"],
  },
  ApprovalProcessor: {
    dynamodb: READ_AND_UPDATE,
    sqs: ["sqs:ChangeMessageVisibility"],
    sns: ["sns:Publish"],
  },
  ThresholdChecker: {
    dynamodb: READ_AND_WRITE,
    sqs: ["sqs:SendMessage"],
    // The sweep publishes settled approvals (TradingAlerts) and expiry notices (AlertApprovalRequests).
    sns: ["sns:Publish"],
  },
  KinesisConsumer: {
    dynamodb: READ_MANY_AND_WRITE,
    sqs: ["sqs:SendMessage"],
    sns: ["sns:Publish"],
  },
};

interface Statement {
  Action: string | string[];
  [key: string]: unknown;
}

/** The service of a whole-service grant (`["dynamodb:*"]` or `"dynamodb:*"`), if it is one we narrow. */
function wholeService(action: string | string[]): LinkedService | undefined {
  const [only, ...more] = Array.isArray(action) ? action : [action];
  const match = only !== undefined && more.length === 0 ? /^(dynamodb|sqs|sns):\*$/.exec(only) : null;
  return match ? (match[1] as LinkedService) : undefined;
}

/**
 * A policy document with every whole-service link grant narrowed to `actions`. A linked service without
 * declared actions is an error, so a new link cannot slip in with `*`.
 * @example
 * narrowLinkGrants(json, "Api", LINK_ACTIONS.Api)
 */
export function narrowLinkGrants(
  policyJson: string,
  functionName: string,
  actions: Partial<Record<LinkedService, readonly string[]>>,
): string {
  const policy = JSON.parse(policyJson) as { Statement: Statement[] };
  policy.Statement = policy.Statement.map((statement) => {
    const service = wholeService(statement.Action);
    if (!service) return statement;
    const narrowed = actions[service];
    if (!narrowed?.length) {
      throw new Error(
        `${functionName} links a ${service} resource but infra/link-grants.ts lists no ${service} actions for it`,
      );
    }
    return { ...statement, Action: [...narrowed] };
  });
  return JSON.stringify(policy);
}

/**
 * SST's Function `transform.role`: narrows the link grants of the role's inline policies.
 * @example
 * transform: { role: narrowRole("Api") }
 */
export function narrowRole(functionName: string): (args: aws.iam.RoleArgs) => undefined {
  return (args) => {
    const actions = LINK_ACTIONS[functionName] ?? {};
    args.inlinePolicies = $output(args.inlinePolicies ?? []).apply((policies) =>
      policies.map((p) => ({
        name: p.name,
        policy: p.policy === undefined ? undefined : narrowLinkGrants(p.policy, functionName, actions),
      })),
    );
    return undefined;
  };
}
