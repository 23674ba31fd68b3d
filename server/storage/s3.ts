import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import type { ObjectStore } from "@/server/storage/object-store";

export type S3Settings = {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
};

// A request whose connection goes quiet this long fails (and is retried by the client).
const IDLE_TIMEOUT_MS = 30_000;
const CONNECT_TIMEOUT_MS = 5_000;

function statusOf(error: unknown): number | undefined {
  return error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
}

function describe(error: unknown, what: string): Error {
  if (!(error instanceof S3ServiceException))
    return new Error(`S3 ${what} failed`, { cause: error });
  const status = error.$metadata.httpStatusCode;
  // The code names the cause (SignatureDoesNotMatch, NoSuchBucket, AccessDenied…); never the keys.
  return new Error(`S3 ${what} failed: HTTP ${status ?? "?"} ${error.name}`, { cause: error });
}

/** Path-style requests (endpoint/bucket/key): what every S3-compatible store understands. */
export function createS3Store(settings: S3Settings): ObjectStore {
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    credentials: {
      accessKeyId: settings.accessKeyId,
      secretAccessKey: settings.secretAccessKey,
    },
    forcePathStyle: true,
    // The SDK's default CRC checksums are refused by several S3-compatible stores; a checksum is
    // sent only where the S3 API requires one, as before.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 3,
    requestHandler: { requestTimeout: IDLE_TIMEOUT_MS, connectionTimeout: CONNECT_TIMEOUT_MS },
  });
  const Bucket = settings.bucket;

  return {
    kind: "s3",
    async put(Key, data, contentType) {
      await client
        .send(new PutObjectCommand({ Bucket, Key, Body: data, ContentType: contentType }))
        .catch((error: unknown) => {
          throw describe(error, `PUT ${Key}`);
        });
    },
    async get(Key, range) {
      const Range = range ? `bytes=${range.start}-${range.end}` : undefined;
      try {
        const { Body } = await client.send(new GetObjectCommand({ Bucket, Key, Range }));
        if (!Body) throw new Error(`S3 GET ${Key} returned no body`);
        return Body.transformToWebStream();
      } catch (error) {
        if (statusOf(error) === 404) return null;
        throw describe(error, `GET ${Key}`);
      }
    },
    async size(Key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key }));
        return head.ContentLength ?? 0;
      } catch (error) {
        if (statusOf(error) === 404) return null;
        throw describe(error, `HEAD ${Key}`);
      }
    },
    async delete(Key) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket, Key }));
      } catch (error) {
        if (statusOf(error) !== 404) throw describe(error, `DELETE ${Key}`);
      }
    },
  };
}
