// The account and partition the stage deploys into, looked up once for ARNs built by hand.

const identity = aws.getCallerIdentityOutput({});

/** The AWS account id of the deploying credentials. */
export const accountId = identity.accountId;

/** The AWS partition (`aws` in commercial regions). */
export const partition = aws.getPartitionOutput({}).partition;

/** The region every resource is declared in. */
export const region = aws.getRegionOutput({}).name;

/** Physical-name prefix of this app and stage, e.g. `stock-patterns-production`. */
export const prefix = `${$app.name}-${$app.stage}`;
