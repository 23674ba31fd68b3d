import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { getConfig } from "@/server/config";
import type { Config } from "@/server/env";
import { createS3Store } from "@/server/storage/s3";

export type ByteRange = { start: number; end: number };

/** Where recordings' audio lives: a folder under DATA_DIR, or an S3-compatible bucket. */
export type ObjectStore = {
  kind: "local" | "s3";
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** The object's bytes (or the inclusive range of them) as a web stream; null when missing. */
  get(key: string, range?: ByteRange): Promise<ReadableStream<Uint8Array> | null>;
  /** Size in bytes, or null when the object does not exist. */
  size(key: string): Promise<number | null>;
  /** Deleting what is already gone is not an error. */
  delete(key: string): Promise<void>;
};

// Keys are built by Pult from UUIDs and indexes; still, never let one escape the root folder.
function safeKey(key: string): string {
  if (!/^[\w-]+(\/[\w.-]+)*$/.test(key) || key.split("/").includes(".."))
    throw new Error(`Invalid storage key: ${key}`);
  return key;
}

export function createLocalStore(root: string): ObjectStore {
  const fileFor = (key: string) => path.join(root, ...safeKey(key).split("/"));
  return {
    kind: "local",
    async put(key, data) {
      const file = fileFor(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Write then rename: a crash never leaves a half-written file under the final name.
      const temp = `${file}.${process.pid}.${Date.now()}.part`;
      await writeFile(temp, data);
      await rename(temp, file);
    },
    async get(key, range) {
      const file = fileFor(key);
      const exists = await stat(file).catch(() => null);
      if (!exists) return null;
      const stream = createReadStream(file, range ? { start: range.start, end: range.end } : {});
      return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
    },
    async size(key) {
      const info = await stat(fileFor(key)).catch(() => null);
      return info ? info.size : null;
    },
    async delete(key) {
      await rm(fileFor(key), { force: true });
    },
  };
}

export function createObjectStore(config: Config): ObjectStore {
  if (config.s3) return createS3Store(config.s3);
  return createLocalStore(path.join(config.dataDir, "recordings"));
}

const holder = globalThis as unknown as { __pultObjectStore?: ObjectStore };

export function getObjectStore(): ObjectStore {
  holder.__pultObjectStore ??= createObjectStore(getConfig());
  return holder.__pultObjectStore;
}

/** Tests switch stores (local folder, fake S3) without touching the environment. */
export function setObjectStore(store: ObjectStore | undefined): void {
  holder.__pultObjectStore = store;
}
