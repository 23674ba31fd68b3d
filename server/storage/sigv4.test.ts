import { describe, expect, it } from "vitest";
import { EMPTY_SHA256, encodeS3Path, signRequest } from "./sigv4";

describe("signRequest", () => {
  it("matches AWS's published GET Object example (Range, empty payload)", () => {
    const headers = signRequest({
      method: "GET",
      url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
      headers: { Range: "bytes=0-9" },
      payloadHash: EMPTY_SHA256,
      credentials: {
        accessKeyId: "AKIAIOSFODNN7EXAMPLE",
        secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        region: "us-east-1",
      },
      now: new Date("2013-05-24T00:00:00Z"),
    });
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
    expect(headers["x-amz-date"]).toBe("20130524T000000Z");
  });

  it("encodes keys the way S3 canonicalises them", () => {
    expect(encodeS3Path("bucket/recordings/a b/(1)*.wav")).toBe(
      "bucket/recordings/a%20b/%281%29%2A.wav",
    );
  });
});
