// Step Functions' own limits that the analysis workflow is sized by (AWS's, not ours to set).

/**
 * The largest input or output of a task, a state or an execution: 256 KiB of data as UTF-8. The local
 * emulator holds each state to it, and POST /patterns refuses a series whose answer would pass it.
 * https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html (payload size)
 */
export const STEP_FUNCTIONS_PAYLOAD_BYTES = 262_144;
