// Reading SNS notifications as an SQS subscriber gets them, and telling approval requests from other notices.

import { describe, expect, it } from "vitest";
import { logReport } from "./handler-logs";
import { approvalRequestOf, parseNotification } from "./notifications";

const envelope = (message: unknown, subject = "Approval needed: SPX double top") =>
  JSON.stringify({
    Type: "Notification",
    TopicArn: "arn:aws:sns:us-east-1:000000000000:AlertApprovalRequests",
    Subject: subject,
    Message: typeof message === "string" ? message : JSON.stringify(message),
    Timestamp: "2024-01-02T10:00:00.000Z",
    MessageAttributes: { severity: { Type: "String", Value: "CRITICAL" } },
  });

describe("notifications", () => {
  it("parses the SNS envelope", () => {
    expect(parseNotification(envelope("hello"))).toEqual({
      topicArn: "arn:aws:sns:us-east-1:000000000000:AlertApprovalRequests",
      subject: "Approval needed: SPX double top",
      message: "hello",
      attributes: { severity: "CRITICAL" },
      timestamp: "2024-01-02T10:00:00.000Z",
    });
  });

  it("finds the approve link and alert of an approval request, and nothing in an expiry notice", () => {
    const request = parseNotification(
      envelope({
        type: "approvalRequest",
        alert: { alertId: "alr_1" },
        approveUrl: "http://127.0.0.1:3000/?token=abc",
      }),
    );
    expect(approvalRequestOf(request)).toMatchObject({
      link: "http://127.0.0.1:3000/?token=abc",
      alertId: "alr_1",
    });
    expect(
      approvalRequestOf(parseNotification(envelope({ type: "approvalExpired", alertId: "alr_1" }))),
    ).toBeUndefined();
    expect(
      approvalRequestOf(parseNotification(envelope("Approve at https://console.example.com/?token=xyz")))
        ?.link,
    ).toBe("https://console.example.com/?token=xyz");
    expect(approvalRequestOf(parseNotification(envelope("no link here")))).toBeUndefined();
  });
});

describe("logReport", () => {
  it("reports Powertools warnings and errors with the raw record they carry, and nothing else", () => {
    const data = Buffer.from("this is not json").toString("base64");
    expect(
      logReport(
        JSON.stringify({
          level: "WARN",
          message: "Malformed market data record",
          function_name: "KinesisConsumer",
          reason: "data is not JSON",
          data,
        }),
      ),
    ).toEqual({
      source: "log",
      functionName: "KinesisConsumer",
      message: "WARN Malformed market data record: data is not JSON",
      items: ["this is not json"],
    });
    // A long record's data is logged cut short: the report says how much of it there is.
    expect(
      logReport(
        JSON.stringify({
          level: "WARN",
          message: "Malformed market data record",
          reason: "data is not JSON",
          data: Buffer.from("not json, and").toString("base64"),
          dataBytes: 921_600,
          setAsideOn: "RejectedMarketData",
        }),
      )?.items,
    ).toEqual(["not json, and… (the first 13 of 921600 bytes; whole on RejectedMarketData)"]);
    expect(
      logReport(
        JSON.stringify({ level: "ERROR", message: "Applying bars failed", error: { message: "boom" } }),
      ),
    ).toMatchObject({
      message: "ERROR Applying bars failed: boom",
    });
    expect(logReport(JSON.stringify({ level: "INFO", message: "Thresholds checked" }))).toBeUndefined();
    expect(logReport("plain text from a library")).toBeUndefined();
    // Only the line's own level counts, not one quoted inside it; EMF lines carry none.
    const quoting = { level: "INFO", message: "Replayed", line: { level: "ERROR", message: "old" } };
    expect(logReport(JSON.stringify(quoting))).toBeUndefined();
    expect(logReport(JSON.stringify({ _aws: { CloudWatchMetrics: [] }, AlertPriority: 1 }))).toBeUndefined();
  });
});
