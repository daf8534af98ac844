// `npm run preflight -- --stage NAME`: before a deploy, with your AWS credentials, checks what can stop the
// first `sst deploy` of NAME and prints one line per check with what to do; exits 1 when one fails.
import { LambdaClient } from "@aws-sdk/client-lambda";
import { S3Client } from "@aws-sdk/client-s3";
import { SSMClient } from "@aws-sdk/client-ssm";
import { STSClient } from "@aws-sdk/client-sts";
import { APP_REGION } from "../infra/stage-name";
import { preflight } from "./preflight/checks";
import { refuseScript, scriptOptions } from "./script-options";

const USAGE = "npm run preflight -- --stage NAME";
const { stage } = scriptOptions({ stage: { type: "string" } }, USAGE);
if (!stage) refuseScript("the stage is missing", USAGE);

// The caller's own region decides nothing here: every check runs where the app deploys.
const callerRegion = await new STSClient({}).config.region().catch(() => "");
const config = { region: APP_REGION };
const lines = await preflight(
  stage,
  {
    sts: new STSClient(config),
    ssm: new SSMClient(config),
    s3: new S3Client(config),
    lambda: new LambdaClient(config),
  },
  callerRegion,
);
for (const line of lines)
  process.stdout.write(`${line.ok ? "ok  " : "FAIL"} ${line.check}: ${line.message}\n`);
process.exit(lines.every((line) => line.ok) ? 0 : 1);
