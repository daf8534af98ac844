// The API's face (#api): the Hono app the Api function and npm start serve.

export { app } from "./app";
/** The largest workflow input POST /patterns sends (the workflow's tests start it at that size). */
export { MAX_WORKFLOW_INPUT_BYTES } from "./routes/patterns";
