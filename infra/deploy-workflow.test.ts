// The CI workflow as GitHub will read it: tests on every pull request, and on main a production deploy
// through an OIDC role followed by the CodeDeploy canary release.
import assert from "node:assert";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// `yaml` arrives with the pinned asl-validator; GitHub's own parser reads the same YAML 1.2.
import { parse } from "yaml";

interface Step {
  name?: string;
  env?: Record<string, string>;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}

interface Job {
  if?: string;
  environment?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  steps: Step[];
}

const workflowText = readFileSync(new URL("../.github/workflows/deploy.yml", import.meta.url), "utf8");
const workflow = parse(workflowText) as {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
};
const { test, deploy } = workflow.jobs;
assert(test && deploy, "deploy.yml declares a test job and a deploy job");
// biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template here
const API_KEYS_SECRET = "${{ secrets.API_KEYS }}";
const deployDoc = readFileSync(new URL("../docs/deploy.md", import.meta.url), "utf8");
const stepIndex = (job: Job, match: (step: Step) => boolean) => job.steps.findIndex(match);

describe("deploy workflow", () => {
  it("runs the test command on every pull request and on main", () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(["pull_request", "push"]));
    expect(test.if).toBeUndefined();
    expect(test.steps.some((s) => s.run === ".ci/run")).toBe(true);
  });

  it("keeps the console's screenshots from the browser tests, also when a test failed", () => {
    const upload = test.steps.find(
      (s) =>
        s.uses?.startsWith("actions/upload-artifact@") && s.with?.path === "packages/web/test-artifacts/",
    );
    expect(upload?.if).toBe("always()");
    expect(stepIndex(test, (s) => s === upload)).toBeGreaterThan(stepIndex(test, (s) => s.run === ".ci/run"));
  });

  // Node 22's own npm is 10. npm 11.11 and later keep the libc field package-lock.json records for each
  // platform package (glibc or musl builds of Biome, rolldown, lightningcss); an older npm's install drops
  // it (npm/cli#9025). Each job installs the npm the lockfile is kept with, the one docs/deploy.md names,
  // before anything runs npm ci.
  it("installs the npm package-lock.json is kept with, before npm ci, in every job", () => {
    const lock = readFileSync(new URL("../package-lock.json", import.meta.url), "utf8");
    expect(lock).toMatch(/"libc": \[/);
    const pins = Object.values(workflow.jobs).map((job) => {
      const pinned = stepIndex(job, (s) => /^npm install -g npm@\d+\.\d+\.\d+$/.test(s.run ?? ""));
      const setup = stepIndex(job, (s) => Boolean(s.uses?.startsWith("actions/setup-node@")));
      const installs = stepIndex(job, (s) => s.run === ".ci/run" || Boolean(s.run?.startsWith("npm ci")));
      expect(setup).toBeGreaterThanOrEqual(0);
      expect(pinned).toBeGreaterThan(setup);
      expect(pinned).toBeLessThan(installs);
      return job.steps[pinned]?.run?.replace("npm install -g npm@", "") ?? "";
    });
    const [version = ""] = pins;
    expect(new Set(pins)).toEqual(new Set([version]));
    const [major = 0, minor = 0] = version.split(".").map(Number);
    expect(major > 11 || (major === 11 && minor >= 11), version).toBe(true);
    expect(deployDoc).toContain(`npm ${version}`);
  });

  it("deploys production only from main, after the tests pass", () => {
    expect(deploy.needs).toBe("test");
    expect(deploy.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    expect(stepIndex(deploy, (s) => s.run === "npx sst deploy --stage production")).toBeGreaterThan(0);
  });

  // A tag such as v4 can be moved to other code by whoever controls the action's repository, and the deploy
  // job hands that code an AWS role; a commit SHA cannot (GitHub, "Security hardening for GitHub Actions",
  // using third-party actions). The release the SHA was taken from is kept beside it for updates.
  it("runs every action at a full commit SHA, with the release it was taken from", () => {
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const actions = steps.flatMap((s) => (s.uses ? [s.uses] : []));
    expect(actions.length).toBeGreaterThan(0);
    for (const uses of actions) expect(uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
    const lines = workflowText.split("\n").filter((line) => /^\s*(- )?uses:/.test(line));
    expect(lines).toHaveLength(actions.length);
    for (const line of lines) expect(line).toMatch(/@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it("assumes an AWS role through OIDC (no stored access keys)", () => {
    expect(deploy.permissions).toMatchObject({ "id-token": "write" });
    expect(workflow.permissions?.["id-token"]).toBeUndefined();
    const credentials = deploy.steps.find((s) =>
      s.uses?.startsWith("aws-actions/configure-aws-credentials@"),
    );
    expect(credentials?.with?.["role-to-assume"]).toMatch(/^\$\{\{ secrets\.\w+ \}\}$/);
    expect(JSON.stringify(workflow)).not.toMatch(/aws-access-key-id|AWS_SECRET_ACCESS_KEY/i);
  });

  it("starts the canary release after the deploy and waits for its outcome", () => {
    const deployed = stepIndex(deploy, (s) => s.run === "npx sst deploy --stage production");
    const credentials = stepIndex(deploy, (s) =>
      Boolean(s.uses?.startsWith("aws-actions/configure-aws-credentials@")),
    );
    const canary = stepIndex(deploy, (s) => Boolean(s.run?.includes("scripts/canary/start.ts --wait")));
    expect(credentials).toBeLessThan(deployed);
    expect(canary).toBeGreaterThan(deployed);
    expect(deploy.steps[canary]?.run).toMatch(/^npx sst shell --stage production -- /);
  });

  it("needs the ApiKeys value before anything else, and stores it for the stage before deploying", () => {
    const [required] = deploy.steps;
    expect(required?.env?.API_KEYS).toBe(API_KEYS_SECRET);
    // One line naming the secret, and the job stops.
    const errors = (required?.run ?? "").split("\n").filter((line) => line.includes("::error::"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("API_KEYS");
    expect(required?.run).toMatch(/exit 1/);
    const stored = stepIndex(deploy, (s) => Boolean(s.run?.includes("sst secret set ApiKeys")));
    const deployed = stepIndex(deploy, (s) => s.run === "npx sst deploy --stage production");
    const credentials = stepIndex(deploy, (s) =>
      Boolean(s.uses?.startsWith("aws-actions/configure-aws-credentials@")),
    );
    expect(stored).toBeGreaterThan(credentials);
    expect(stored).toBeLessThan(deployed);
    // The preflight reads the stored secret, so it runs after storing it and before the deploy.
    const checked = stepIndex(deploy, (s) => s.run === "npm run preflight -- --stage production");
    expect(checked).toBeGreaterThan(stored);
    expect(checked).toBeLessThan(deployed);
    expect(deploy.steps[stored]?.run).toBe(
      'printf %s "$API_KEYS" | npx sst secret set ApiKeys --stage production',
    );
    expect(deploy.steps[stored]?.env?.API_KEYS).toBe(API_KEYS_SECRET);
  });

  it("documents the role trust for the token GitHub issues to the deploy job's environment", () => {
    expect(deploy.environment).toBe("production");
    const policies = [...deployDoc.matchAll(/```json\n([\s\S]*?)```/g)]
      .map(([, body = ""]) => body.replace(/^ {2}/gm, ""))
      .map((body) => JSON.parse(body))
      .filter((p) => JSON.stringify(p).includes("sts:AssumeRoleWithWebIdentity"));
    expect(policies).toHaveLength(1);
    const statement = policies[0].Statement[0];
    expect(statement.Principal.Federated).toMatch(/:oidc-provider\/token\.actions\.githubusercontent\.com$/);
    expect(statement.Condition.StringEquals).toEqual({
      "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
      "token.actions.githubusercontent.com:sub": `repo:ORG/REPO:environment:${deploy.environment}`,
    });
    expect(deployDoc).not.toMatch(/refs\/heads\/main|`main` branch\)/);
  });
});
