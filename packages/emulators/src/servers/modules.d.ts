// dynalite and kinesalite ship no type declarations; this is the part of their API the local system calls.

declare module "dynalite" {
  import type { Server } from "node:http";
  /** An in-memory (or LevelDB-backed, with `path`) DynamoDB server. */
  export default function dynalite(options?: {
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
  }): Server;
}

declare module "kinesalite" {
  import type { Server } from "node:http";
  /** An in-memory (or LevelDB-backed, with `path`) Kinesis server. */
  export default function kinesalite(options?: {
    path?: string;
    createStreamMs?: number;
    deleteStreamMs?: number;
    updateStreamMs?: number;
    shardLimit?: number;
  }): Server;
}
