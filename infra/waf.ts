// The web application firewall in front of the REST stage: per-IP rate limit, geo block, AWS's common
// rule set and a guard that turns away requests without a plausible X-API-Key; logs go to S3.
import { prefix } from "./account";
import { stage } from "./api";
import { wafLogBucket } from "./storage";

/** Requests per 5 minutes one IP may make before it is blocked. */
export const RATE_LIMIT_PER_5_MIN = 2000;
/** The window the rate limit counts over; stated, not left to WAF's default, so the limit reads as meant. */
const RATE_WINDOW_SECONDS = 300;
/** Countries whose requests are blocked. */
export const BLOCKED_COUNTRIES = ["CN", "RU", "KP"];
/** Shortest X-API-Key worth passing on to the API. */
export const MIN_API_KEY_LENGTH = 20;

const visibility = (metricName: string) => ({
  cloudwatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

/** The WebACL (skipped under `sst dev`, where there is no public stage worth guarding). */
export const webAcl = $dev
  ? undefined
  : new aws.wafv2.WebAcl("TradingApiWebAcl", {
      name: `${prefix}-api`,
      description: "Guards the stock-patterns REST API",
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${prefix}-api`),
      rules: [
        {
          name: "RateLimitPerIp",
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: RATE_LIMIT_PER_5_MIN,
              evaluationWindowSec: RATE_WINDOW_SECONDS,
              aggregateKeyType: "IP",
            },
          },
          visibilityConfig: visibility("RateLimitPerIp"),
        },
        {
          name: "GeoBlock",
          priority: 1,
          action: { block: {} },
          statement: { geoMatchStatement: { countryCodes: BLOCKED_COUNTRIES } },
          visibilityConfig: visibility("GeoBlock"),
        },
        {
          name: "AWSManagedRulesCommonRuleSet",
          priority: 2,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" },
          },
          visibilityConfig: visibility("AWSManagedRulesCommonRuleSet"),
        },
        {
          // A missing header never matches a size constraint, so "not at least N long" covers both cases.
          // CORS preflights carry no custom headers and are let through to the API's OPTIONS answer.
          name: "RequireApiKeyHeader",
          priority: 3,
          action: { block: {} },
          statement: {
            andStatement: {
              statements: [
                {
                  notStatement: {
                    statements: [
                      {
                        byteMatchStatement: {
                          fieldToMatch: { method: {} },
                          positionalConstraint: "EXACTLY",
                          searchString: "OPTIONS",
                          textTransformations: [{ priority: 0, type: "NONE" }],
                        },
                      },
                    ],
                  },
                },
                {
                  notStatement: {
                    statements: [
                      {
                        sizeConstraintStatement: {
                          fieldToMatch: { singleHeader: { name: "x-api-key" } },
                          comparisonOperator: "GE",
                          size: MIN_API_KEY_LENGTH,
                          textTransformations: [{ priority: 0, type: "NONE" }],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
          visibilityConfig: visibility("RequireApiKeyHeader"),
        },
      ],
    });

if (webAcl) {
  new aws.wafv2.WebAclAssociation("TradingApiWebAclAssociation", {
    resourceArn: stage.arn,
    webAclArn: webAcl.arn,
  });
}

// Both exist outside `sst dev` only.
if (webAcl && wafLogBucket) {
  new aws.wafv2.WebAclLoggingConfiguration("TradingApiWebAclLogging", {
    resourceArn: webAcl.arn,
    logDestinationConfigs: [$interpolate`${wafLogBucket.arn}/waf-logs/`],
  });
}
