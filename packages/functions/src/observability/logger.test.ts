// Handlers running at once in one process (as under npm start) each log under their own function.

import { describe, expect, it } from "vitest";
import { raiseAlert } from "#alerts";
import { handler as routeAlerts } from "#handlers/alert-processor";
import { handler as consume } from "#handlers/kinesis-consumer";
import { handler as checkThresholds } from "#handlers/threshold-checker";
import { lambdaContext, queueUrl, receiveSqsEvent, StreamReader, scheduledEvent } from "#test/aws";
import { queuedAlert, sp500 } from "#test/fixtures";
import { captureLogs } from "#test/logs";
import { logger, withFunctionLogger } from "./logger";

describe("each function's own log context", () => {
  it("keeps interleaved invocations apart", async () => {
    const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
    const { lines } = await captureLogs("INFO", () =>
      Promise.all(
        ["First", "Second", "Third"].map((name) =>
          withFunctionLogger(name, lambdaContext(name), async () => {
            for (let i = 0; i < 3; i++) {
              logger.info("step", { name });
              await pause();
            }
          }),
        ),
      ),
    );
    expect(lines).toHaveLength(9);
    for (const line of lines) {
      expect(line.function_name).toBe(line.name);
      expect(line.service).toBe(line.name);
    }
  });

  it("names AlertProcessor on its lines while the KinesisConsumer and ThresholdChecker run", async () => {
    const reader = new StreamReader();
    await reader.put(
      sp500()
        .slice(0, 40)
        .map((bar) => ({ partitionKey: "LOGS", data: { symbol: "LOGS", interval: "1d", ...bar } })),
    );
    const stream = await reader.nextEvent();
    reader.close();
    for (let i = 0; i < 5; i++) await raiseAlert(queuedAlert({ symbol: "LOGS", severity: "HIGH" }));
    const queued = await receiveSqsEvent(queueUrl("AlertQueue"));
    const { lines } = await captureLogs("DEBUG", () =>
      Promise.all([
        consume(stream, lambdaContext("KinesisConsumer")),
        routeAlerts(queued, lambdaContext("AlertProcessor")),
        checkThresholds(scheduledEvent(), lambdaContext("ThresholdChecker")),
      ]),
    );
    const byMessage = (message: string) => lines.filter((line) => line.message === message);
    expect(byMessage("Alerts routed").length).toBeGreaterThan(0);
    for (const line of byMessage("Alerts routed")) expect(line.function_name).toBe("AlertProcessor");
    for (const line of byMessage("Bars applied")) expect(line.function_name).toBe("KinesisConsumer");
    for (const line of byMessage("Thresholds checked")) expect(line.function_name).toBe("ThresholdChecker");
    expect(byMessage("Bars applied").length + byMessage("Thresholds checked").length).toBeGreaterThan(1);
  });
});
