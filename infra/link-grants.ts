// What each function may do to each resource it links. SST's links grant whole services on each linked
// resource (sst 3.19.3 platform/src/components/aws: Dynamo `dynamodb:*` on the table and `table/*`, Queue
// `sqs:*`, SnsTopic `sns:*`, spread into the function role's inline policy by function.ts createRole), so
// the Api could delete tables. The link stays (it gives `Resource.X` and its typing); the role transform
// below replaces each link's statement by the actions the function's code calls on that resource: on the
// table, and on each of its indexes by name.
// infra/functions.test.ts checks each list against the calls found in the function's bundle.
//
// Resource types per action (Service Authorization Reference): DynamoDB GetItem, PutItem, UpdateItem,
// BatchGetItem act on a table; Query and Scan on the table or, given IndexName, on the index
// (`table/T/index/I`) https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html
// (and https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/iam-policy-specific-table-indexes.html);
// SQS SendMessage (SendMessageBatch too) and ChangeMessageVisibility on a queue
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsqs.html;
// SNS Publish (PublishBatch too) on a topic
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsns.html;
// Step Functions StartSyncExecution on a state machine
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsstepfunctions.html.

const GET = "dynamodb:GetItem";
const BATCH_GET = "dynamodb:BatchGetItem";
const QUERY = "dynamodb:Query";
const SCAN = "dynamodb:Scan";
const PUT = "dynamodb:PutItem";
const UPDATE = "dynamodb:UpdateItem";
const SEND = "sqs:SendMessage";
const PUBLISH = "sns:Publish";

/**
 * Per function, per link (or `Link/index/Name` for a table's index), the actions its code calls there.
 * A link missing here, or an entry for a link the function does not have, fails the deploy.
 */
export const LINK_ACTIONS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  Api: {
    // GET /alerts/{alertId}'s detection (a Query on the table), GET /patterns (by symbol); an approved
    // alert's detection outcome.
    TradingPatterns: [GET, QUERY],
    "TradingPatterns/index/bySymbol": [QUERY],
    // GET /alerts/{id}, a decision's move; GET /alerts newest first, one symbol's listed by its own index
    // and its page's alerts then read from the table (a batch).
    Alerts: [BATCH_GET, GET, UPDATE],
    "Alerts/index/byCreatedAt": [QUERY],
    "Alerts/index/bySymbol": [QUERY],
    // GET /approvals: PENDING from the open index, other statuses a filtered scan, one alert's from the
    // index by alert; a decision.
    ApprovalTracking: [GET, SCAN, UPDATE],
    "ApprovalTracking/index/byAlert": [QUERY],
    "ApprovalTracking/index/openByDeadline": [QUERY],
    // GET /stats.
    EvidenceSnapshots: [QUERY],
    // GET /bars.
    SymbolWindows: [GET],
    // An approved alert's notice.
    TradingAlerts: [PUBLISH],
    // POST /patterns.
    PatternAnalysisWorkflow: ["states:StartSyncExecution"],
  },
  PatternDetector: {
    TradingPatterns: [BATCH_GET, PUT, UPDATE],
    Alerts: [BATCH_GET, GET, PUT, UPDATE],
    AlertQueue: [SEND],
  },
  AlertProcessor: {
    // Published alerts' detection outcomes, for the lifecycle messages they have not been told: a routed
    // batch's in one BatchGetItem (catchUpLifecycles), one alert's by GetItem (catchUpLifecycle).
    TradingPatterns: [BATCH_GET, GET],
    Alerts: [GET, PUT, UPDATE],
    ApprovalTracking: [GET, PUT, UPDATE],
    PendingApprovals: [SEND],
    TradingAlerts: [PUBLISH],
    AlertApprovalRequests: [PUBLISH],
  },
  ApprovalProcessor: {
    Alerts: [UPDATE],
    ApprovalTracking: [GET, UPDATE],
    // Its event source mapping's receive and delete are granted with it (infra/processors.ts).
    PendingApprovals: ["sqs:ChangeMessageVisibility"],
    AlertApprovalRequests: [PUBLISH],
  },
  ThresholdChecker: {
    // Every window, for the thresholds and the evidence pooled per interval.
    SymbolWindows: [SCAN],
    EvidenceSnapshots: [PUT],
    // A symbol's recent detections, by symbol; a settled approval's detection outcome; the outcomes of the
    // sweep's published alerts it catches up (a batch of 100).
    TradingPatterns: [BATCH_GET, GET],
    "TradingPatterns/index/bySymbol": [QUERY],
    // The sweep reads each candidate alert itself (a batch of 100), not its index copy.
    Alerts: [BATCH_GET, GET, PUT, UPDATE],
    // The sweep: alerts it has not seen finished, by creation time; those stored before that index, from
    // the feed of every alert (an operator's run after the upgrade, docs/deploy.md).
    "Alerts/index/byCreatedAt": [QUERY],
    "Alerts/index/unfinishedByCreatedAt": [QUERY],
    // The sweep: its candidates' approvals (a batch of 100); open approvals past their deadline, from the
    // open index.
    ApprovalTracking: [BATCH_GET, GET, UPDATE],
    "ApprovalTracking/index/openByDeadline": [QUERY],
    AlertQueue: [SEND],
    TradingAlerts: [PUBLISH],
    AlertApprovalRequests: [PUBLISH],
  },
  KinesisConsumer: {
    SymbolWindows: [BATCH_GET, GET, PUT],
    TradingPatterns: [BATCH_GET, PUT, UPDATE],
    Alerts: [BATCH_GET, GET, PUT, UPDATE],
    EvidenceSnapshots: [PUT],
    AlertQueue: [SEND],
    RejectedMarketData: [SEND],
    TradingAlerts: [PUBLISH],
  },
};

/**
 * Services SST's links grant whole (`sst dev` adds `appsync:*` and `s3:*` on its own bucket, for the live
 * functions, which stay).
 */
export const LINKED_SERVICES = ["dynamodb", "sqs", "sns", "states"];

/** One statement of a role's policy document, as the AWS provider renders it (one item may be a string). */
interface Statement {
  Action?: string | string[];
  Resource?: string | string[];
  [key: string]: unknown;
}

/** A link's name and the permission SST's link adds for it. */
export interface LinkPermission {
  link: string;
  actions: string[];
  resources: string[];
}

const list = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");

/** The statements a link's grant becomes: its actions on the resource, and on each index named. */
function narrowed(
  statement: Statement,
  permission: LinkPermission,
  actions: Record<string, readonly string[]>,
) {
  // Dynamo links grant the table and `table/*`; the table's own ARN is the one without `/*`.
  const bases = permission.resources.filter((arn) => !arn.endsWith("/*"));
  return Object.entries(actions)
    .filter(([target]) => target === permission.link || target.startsWith(`${permission.link}/index/`))
    .map(([target, granted]) => ({
      ...statement,
      Action: [...granted],
      Resource: bases.map((arn) => arn + target.slice(permission.link.length)),
    }));
}

/**
 * A policy document with each link's statement replaced by `actions` on its resources (per index where
 * one is named). A link without actions listed, an entry for no link, or a whole DynamoDB, SQS, SNS or
 * Step Functions grant left over is an error, so nothing new slips in with `*`.
 * @example
 * narrowLinkGrants(json, "Api", [{ link: "Alerts", actions: ["dynamodb:*"], resources: [arn, `${arn}/*`] }], LINK_ACTIONS.Api)
 */
export function narrowLinkGrants(
  policyJson: string,
  functionName: string,
  permissions: readonly LinkPermission[],
  actions: Readonly<Record<string, readonly string[]>>,
): string {
  const policy = JSON.parse(policyJson) as { Statement: Statement[] };
  const links = new Set(permissions.map((p) => p.link));
  const stale = Object.keys(actions).filter((target) => !links.has(target.split("/")[0] ?? ""));
  if (stale.length > 0) {
    throw new Error(
      `infra/link-grants.ts lists ${stale.join(", ")} for ${functionName}, which does not link it`,
    );
  }
  policy.Statement = policy.Statement.flatMap((statement) => {
    const permission = permissions.find(
      (p) => sameSet(list(statement.Action), p.actions) && sameSet(list(statement.Resource), p.resources),
    );
    if (!permission) return [statement];
    const replaced = narrowed(statement, permission, actions);
    if (replaced.length === 0) {
      throw new Error(
        `${functionName} links ${permission.link} but infra/link-grants.ts lists no actions for it`,
      );
    }
    return replaced;
  });
  const wide = policy.Statement.flatMap((s) => list(s.Action)).filter((action) =>
    LINKED_SERVICES.some((service) => action === `${service}:*`),
  );
  if (wide.length > 0) throw new Error(`${functionName} would be granted ${wide.join(", ")}`);
  return JSON.stringify(policy);
}

/** What SST's link components offer: their URN (its last part is the link name) and their link. */
interface Linkable {
  urn: $util.Output<string>;
  getSSTLink(): {
    include?: {
      type: string;
      actions?: $util.Input<string[]>;
      resources?: $util.Input<$util.Input<string>[]>;
    }[];
  };
}

const isLinkable = (value: unknown): value is Linkable =>
  typeof (value as Partial<Linkable> | undefined)?.getSSTLink === "function";

/** The permission each link adds to a function's role, named by link. */
function linkPermissions(links: readonly unknown[]): $util.Output<LinkPermission[]> {
  return $util.all(
    links.filter(isLinkable).flatMap((linkable) =>
      (linkable.getSSTLink().include ?? [])
        .filter((item) => item.type === "aws.permission")
        .map((item) =>
          $util
            .all([linkable.urn, $output(item.actions ?? []), $output(item.resources ?? [])])
            .apply(([urn, actions, resources]) => ({
              link: urn.split("::").at(-1) ?? urn,
              actions: [...actions],
              resources: [...resources],
            })),
        ),
    ),
  );
}

/**
 * SST's Function `transform.role`: narrows the grants of the function's links in its inline policies.
 * @example
 * transform: { role: narrowRole("Api", [alerts, tradingAlerts]) }
 */
export function narrowRole(
  functionName: string,
  links: readonly unknown[],
): (args: aws.iam.RoleArgs) => undefined {
  return (args) => {
    const actions = LINK_ACTIONS[functionName] ?? {};
    args.inlinePolicies = $util
      .all([$output(args.inlinePolicies ?? []), linkPermissions(links)])
      .apply(([policies, permissions]) =>
        policies.map((p) => ({
          name: p.name,
          policy:
            p.policy === undefined
              ? undefined
              : narrowLinkGrants(p.policy, functionName, permissions, actions),
        })),
      );
    return undefined;
  };
}
