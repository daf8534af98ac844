// One call of DynamoDB's JSON protocol to the local emulator (which checks a signature's form, not its value),
// for tests that set a table's state the console cannot reach through the API.

/**
 * Sends `operation` with `body` and answers the parsed reply; throws on any non-2xx answer.
 * @example await callDynamo(system.endpoints.dynamodb, "UpdateItem", { TableName, Key, … });
 */
export async function callDynamo<T = unknown>(
  endpoint: string,
  operation: string,
  body: unknown,
): Promise<T> {
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, "");
  const response = await fetch(endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.0",
      "x-amz-target": `DynamoDB_20120810.${operation}`,
      "x-amz-date": amzDate,
      authorization: `AWS4-HMAC-SHA256 Credential=local/${amzDate.slice(0, 8)}/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0`,
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${operation} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}
