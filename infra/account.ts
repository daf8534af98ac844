// The account and partition the stage deploys into, looked up once for ARNs built by hand.

import { alarmNamePrefix } from "./stage-name";

const identity = aws.getCallerIdentityOutput({});

/** The AWS account id of the deploying credentials. */
export const accountId = identity.accountId;

/** The AWS partition (`aws` in commercial regions). */
export const partition = aws.getPartitionOutput({}).partition;

/** The region every resource is declared in. */
export const region = aws.getRegionOutput({}).name;

/** Physical-name prefix of this app and stage, e.g. `stock-patterns-production`. */
export const prefix = `${$app.name}-${$app.stage}`;

/** How every alarm of this stage, and of no other, begins: `stock-patterns-production--`. */
export const alarmPrefix = alarmNamePrefix($app.stage);

/**
 * An alarm's name in this stage, under the prefix the alarm-state rule and the key's grant match.
 * @example
 * alarmName("Api-error-rate") // "stock-patterns-production--Api-error-rate"
 */
export function alarmName(what: string): string {
  return `${alarmPrefix}${what}`;
}

/**
 * The rule that turns this stage's alarms into alerts (schedule.ts), named here because the data key's
 * grant (storage.ts) names it exactly: `rule/<prefix>-*` would also take a stage `<stage>-2`'s rules.
 */
export const alarmStateRuleName = `${prefix}-alarm-state`;
