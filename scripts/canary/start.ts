// `npx sst shell --stage NAME -- npx tsx scripts/canary/start.ts [--wait]`: after `sst deploy`, release the
// Api and the PatternDetector through CodeDeploy's canary; exits non-zero when a release fails.
import { parseArgs } from "node:util";
import { CodeDeployClient } from "@aws-sdk/client-codedeploy";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { Resource } from "sst";
import { parseRelease, startCanary } from "./release";

const { values } = parseArgs({ options: { wait: { type: "boolean", default: false } } });

try {
  const release = parseRelease((Resource as unknown as Record<string, unknown>).Release);
  const region = process.env.AWS_REGION ?? "us-east-1";
  const outcomes = await startCanary(
    release,
    { codeDeploy: new CodeDeployClient({ region }), lambda: new LambdaClient({ region }) },
    { wait: values.wait },
  );
  for (const o of outcomes) {
    const detail =
      o.status === "unchanged"
        ? `already on version ${o.version}`
        : `${o.from} -> ${o.to} (${o.deploymentId})`;
    process.stdout.write(`${o.function}: ${o.status} ${detail}\n`);
  }
  if (outcomes.some((o) => o.status === "Failed" || o.status === "Stopped")) process.exit(1);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
