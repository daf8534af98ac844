// The web application firewall in front of the REST stage: per-IP rate limit, geo block, AWS's common
// rule set (its 8 KB body limit kept everywhere but the bar uploads), a guard that turns away requests
// without a plausible X-API-Key, and one for bodies sent compressed; logs go to S3.
import { API_ROUTES, LARGE_BODY_PATH, WAF_RATE_WINDOW_SECONDS } from "@stock-patterns/core/contracts";
import { prefix } from "./account";
import { API_STAGE_NAME, stage } from "./api";
import { blockAnswering, wafBlockBodies } from "./front-answers";
import { wafLogBucket } from "./storage";

/** Requests per 5 minutes one IP may make before it is blocked. */
export const RATE_LIMIT_PER_5_MIN = 2000;
/** Countries whose requests are blocked. */
export const BLOCKED_COUNTRIES = ["CN", "RU", "KP"];
/** Shortest X-API-Key worth passing on to the API. */
export const MIN_API_KEY_LENGTH = 20;
/** The header that carries the key, as WAF names headers (lower case). */
export const API_KEY_HEADER = "x-api-key";
/** The header naming a body's content codings (RFC 9110 section 8.4), as WAF names headers. */
export const CONTENT_ENCODING_HEADER = "content-encoding";
/**
 * A Content-Encoding that changes nothing: empty, or `identity` only (RFC 9110 section 8.4.1), in any case
 * (the rule lowercases the header first). Any other coding is one the app does not decode.
 * https://docs.aws.amazon.com/waf/latest/developerguide/waf-regex-pattern-support.html
 */
export const IDENTITY_ONLY_PATTERN = "^[\\s,]*(identity[\\s,]*)*$";

/**
 * The common rule set's SizeRestrictions_BODY blocks any body over 8 KB, about 70 bars, while POST
 * /patterns takes up to 5,000. That one rule is set to Count, so it only labels the request; the
 * LargeBodyOutsideBarUploads rule below blocks the label on every other request, so the API's own limits
 * (5,000 bars, the workflow's 256 KB input, answered as 413) apply to bar uploads and 8 KB stays the limit
 * everywhere else. The group's other rules keep blocking.
 * https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html (core rule set: SizeRestrictions_BODY, label awswaf:managed:aws:core-rule-set:SizeRestrictions_Body)
 * https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-rule-group-override-options.html (rule action overrides)
 * https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-label-match.html (label match, evaluated after the labelling rule)
 */
export const COUNTED_MANAGED_RULES = ["SizeRestrictions_BODY"] as const;
export const BODY_SIZE_LABEL = "awswaf:managed:aws:core-rule-set:SizeRestrictions_Body";
/**
 * The one path whose bodies may pass 8 KB: POST /patterns, as WAF sees it (with the stage). Only POST
 * has a body there; the rule stays two levels deep, within what WAF's rule statements allow nesting.
 */
export const BAR_UPLOAD_PATH = `/${API_STAGE_NAME}${LARGE_BODY_PATH}`;

/**
 * The routes that need no key (those with no role in core's API_ROUTES: /health, /openapi.json, /docs), as a
 * regular expression over the path WAF sees (with the stage): the key guard lets them through, as docs/api.md
 * promises. One expression, so the guard stays as deep as WAF's nested statements allow.
 * https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-regex-match.html
 */
export const KEYLESS_PATHS_PATTERN = `^/${API_STAGE_NAME}(${API_ROUTES.filter((route) => !("role" in route))
  .map((route) => route.path.replace(/[.^$|?*+()[\]{}\\]/g, "\\$&"))
  .join("|")})$`;

const exactly = (field: Record<string, object>, value: string) => ({
  byteMatchStatement: {
    fieldToMatch: field,
    positionalConstraint: "EXACTLY",
    searchString: value,
    textTransformations: [{ priority: 0, type: "NONE" }],
  },
});

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
      customResponseBodies: wafBlockBodies,
      rules: [
        {
          name: "RateLimitPerIp",
          priority: 0,
          // Too many requests, not a refusal: the caller may come back later, and its Retry-After says when
          // (WAF's own block says 403).
          action: blockAnswering("TooManyRequests"),
          statement: {
            rateBasedStatement: {
              limit: RATE_LIMIT_PER_5_MIN,
              // Core's, which the 429's Retry-After is reckoned from.
              evaluationWindowSec: WAF_RATE_WINDOW_SECONDS,
              aggregateKeyType: "IP",
            },
          },
          visibilityConfig: visibility("RateLimitPerIp"),
        },
        {
          name: "GeoBlock",
          priority: 1,
          action: blockAnswering("CountryRefused"),
          statement: { geoMatchStatement: { countryCodes: BLOCKED_COUNTRIES } },
          visibilityConfig: visibility("GeoBlock"),
        },
        {
          name: "AWSManagedRulesCommonRuleSet",
          priority: 2,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: "AWS",
              name: "AWSManagedRulesCommonRuleSet",
              ruleActionOverrides: COUNTED_MANAGED_RULES.map((name) => ({
                name,
                actionToUse: { count: {} },
              })),
            },
          },
          visibilityConfig: visibility("AWSManagedRulesCommonRuleSet"),
        },
        {
          name: "LargeBodyOutsideBarUploads",
          priority: 3,
          action: blockAnswering("BodyTooLarge"),
          statement: {
            andStatement: {
              statements: [
                { labelMatchStatement: { scope: "LABEL", key: BODY_SIZE_LABEL } },
                { notStatement: { statements: [exactly({ uriPath: {} }, BAR_UPLOAD_PATH)] } },
              ],
            },
          },
          visibilityConfig: visibility("LargeBodyOutsideBarUploads"),
        },
        {
          // A missing header never matches a size constraint, so "not at least N long" covers both cases.
          // CORS preflights carry no custom headers and are let through to the API's OPTIONS answer, and
          // the keyless routes to theirs.
          name: "RequireApiKeyHeader",
          priority: 4,
          action: blockAnswering("KeyMissing"),
          statement: {
            andStatement: {
              statements: [
                {
                  notStatement: {
                    statements: [exactly({ method: {} }, "OPTIONS")],
                  },
                },
                {
                  notStatement: {
                    statements: [
                      {
                        regexMatchStatement: {
                          fieldToMatch: { uriPath: {} },
                          regexString: KEYLESS_PATHS_PATTERN,
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
                          fieldToMatch: { singleHeader: { name: API_KEY_HEADER } },
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
        {
          // A body sent compressed, refused as the app refuses it (415), before API Gateway decompresses it
          // (content encoding is on for answers; a body of 1 KB or more, gzip or deflate): the body-size
          // rule above reads the bytes as sent, which decompressed could be far over 8 KB. After the key
          // check, as in the app. A missing header never matches a size constraint; an empty one is no
          // coding. https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-make-request-with-compressed-payload.html
          name: "CompressedBody",
          priority: 5,
          action: blockAnswering("BodyEncoded"),
          statement: {
            andStatement: {
              statements: [
                exactly({ method: {} }, "POST"),
                {
                  sizeConstraintStatement: {
                    fieldToMatch: { singleHeader: { name: CONTENT_ENCODING_HEADER } },
                    comparisonOperator: "GT",
                    size: 0,
                    textTransformations: [{ priority: 0, type: "NONE" }],
                  },
                },
                {
                  notStatement: {
                    statements: [
                      {
                        regexMatchStatement: {
                          fieldToMatch: { singleHeader: { name: CONTENT_ENCODING_HEADER } },
                          regexString: IDENTITY_ONLY_PATTERN,
                          textTransformations: [{ priority: 0, type: "LOWERCASE" }],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
          visibilityConfig: visibility("CompressedBody"),
        },
      ],
    });

if (webAcl) {
  new aws.wafv2.WebAclAssociation("TradingApiWebAclAssociation", {
    resourceArn: stage.arn,
    webAclArn: webAcl.arn,
  });
}

// Both exist outside `sst dev` only. The destination is the bucket's plain ARN, the form AWS documents
// (https://docs.aws.amazon.com/waf/latest/developerguide/logging-s3.html); WAF writes under AWSLogs/.
// A log record carries every request header, so each caller's API key would sit in the bucket in clear:
// the key's header is redacted (https://docs.aws.amazon.com/waf/latest/developerguide/logging-management.html).
if (webAcl && wafLogBucket) {
  new aws.wafv2.WebAclLoggingConfiguration("TradingApiWebAclLogging", {
    resourceArn: webAcl.arn,
    logDestinationConfigs: [wafLogBucket.arn],
    redactedFields: [{ singleHeader: { name: API_KEY_HEADER } }],
  });
}
