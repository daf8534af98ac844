// The API's face (#api): the Hono app the Api function and npm start serve.

export { app } from "./app";
/** The names of the document's extensions that describe each path's CORS preflight and 405s. */
export { PATH_ANSWERS } from "./openapi-path-answers";
/** The largest workflow input POST /patterns sends (the workflow's tests start it at that size). */
export { MAX_WORKFLOW_INPUT_BYTES } from "./routes/patterns";
