// dynalite and kinesalite ship no type declarations; each returns a plain Node HTTP server.

declare module "dynalite" {
  import type { Server } from "node:http";
  export default function dynalite(options?: {
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    path?: string;
  }): Server;
}

declare module "kinesalite" {
  import type { Server } from "node:http";
  export default function kinesalite(options?: {
    createStreamMs?: number;
    deleteStreamMs?: number;
    updateStreamMs?: number;
    shardLimit?: number;
    path?: string;
  }): Server;
}
