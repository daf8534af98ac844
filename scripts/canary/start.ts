// `npx sst shell --stage NAME -- npx tsx scripts/canary/start.ts [--wait]`: after `sst deploy`, release the
// Api and the PatternDetector through CodeDeploy's canary; exits non-zero when a release fails.
import { parseArgs } from "node:util";
import { CodeDeployClient } from "@aws-sdk/client-codedeploy";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { Resource } from "sst";
import { type CanaryOutcome, parseRelease, ReleaseError, startCanary } from "./release";

const { values } = parseArgs({ options: { wait: { type: "boolean", default: false } } });

/** One line per function: where its alias is now. */
function report(outcomes: CanaryOutcome[]) {
  for (const o of outcomes) {
    const detail =
      o.status === "unchanged"
        ? `already on version ${o.version}`
        : `${o.from} -> ${o.to} (${o.deploymentId})`;
    process.stdout.write(`${o.function}: ${o.status} ${detail}\n`);
  }
}

try {
  const release = parseRelease((Resource as unknown as Record<string, unknown>).Release);
  const region = process.env.AWS_REGION ?? "us-east-1";
  const outcomes = await startCanary(
    release,
    { codeDeploy: new CodeDeployClient({ region }), lambda: new LambdaClient({ region }) },
    { wait: values.wait },
  );
  report(outcomes);
  const failed = outcomes.filter((o) => ["Failed", "Stopped", "RolledBack"].includes(o.status));
  if (failed.length > 0) {
    process.stderr.write(
      `release failed: ${failed.map((o) => `${o.function} ${o.status}`).join(", ")}; every released alias is back on its previous version\n`,
    );
    process.exit(1);
  }
} catch (error) {
  if (error instanceof ReleaseError) report(error.outcomes);
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
