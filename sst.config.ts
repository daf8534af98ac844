/// <reference path="./.sst/platform/config.d.ts" />
// The stock-patterns app on AWS: app() sets the home, region, removal policy and tags; run() declares
// the infra modules (infra/) and returns the stack outputs.

export default $config({
  async app(input) {
    const stage = input?.stage ?? "dev";
    // Evaluated before anything is created: a stage whose names AWS would refuse stops here, with the reason.
    const { APP_NAME, APP_REGION, assertDeployableStage } = await import("./infra/stage-name");
    assertDeployableStage(stage);
    return {
      name: APP_NAME,
      home: "aws",
      removal: stage === "production" ? "retain" : "remove",
      protect: stage === "production",
      providers: {
        aws: {
          version: "6.66.2",
          region: APP_REGION,
          defaultTags: {
            tags: { Project: APP_NAME, Environment: stage, CostCenter: "trading-analytics" },
          },
        },
      },
    };
  },
  async run() {
    await import("./infra/storage");
    const messaging = await import("./infra/messaging");
    const stream = await import("./infra/stream");
    const workflow = await import("./infra/workflow");
    const api = await import("./infra/api");
    await import("./infra/processors");
    await import("./infra/schedule");
    const waf = await import("./infra/waf");
    const release = await import("./infra/release");
    const monitoring = await import("./infra/monitoring");
    await import("./infra/freshness");
    const web = await import("./infra/web");

    return {
      ApiGatewayUrl: api.apiUrl,
      ApprovalApiUrl: api.approvalApiUrl,
      // Every queue's URL, dead-letter and set-aside queues included (AlertQueueUrl, AlertQueueDLQUrl, ...).
      ...messaging.queueUrlOutputs,
      KinesisStreamArn: stream.marketData.arn,
      PatternAnalysisWorkflowArn: workflow.patternAnalysisWorkflow.arn,
      PowerTuningWorkflowArn: workflow.powerTuningWorkflow.arn,
      LiveAliasArn: release.liveAliasArn,
      DeploymentGroupName: release.deploymentGroupName,
      WebAclArn: waf.webAcl?.arn,
      DashboardUrl: monitoring.dashboardUrl,
      ApproverConsoleUrl: web.consoleUrl,
    };
  },
});
