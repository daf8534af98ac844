// The AWS SDK clients' face (#aws): one traced client per service and container.

export { dynamo, lambda, sfn, sns, sqs } from "./clients";
