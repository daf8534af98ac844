// The API's face (#api): the Hono app the Api function and npm start serve.

export { app } from "./app";
