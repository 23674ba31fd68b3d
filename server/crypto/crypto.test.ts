import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/server/crypto/password";
import { decryptSecret, encryptSecret } from "@/server/crypto/secret-box";
import { generateToken, hashToken } from "@/server/crypto/tokens";

const secret = "a-test-secret-that-is-long-enough-0123456789";

describe("secret box", () => {
  it("round-trips and never stores plaintext", () => {
    const sealed = encryptSecret("refresh-token-value", secret);
    expect(sealed).not.toContain("refresh-token-value");
    expect(decryptSecret(sealed, secret)).toBe("refresh-token-value");
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("x", secret)).not.toBe(encryptSecret("x", secret));
  });

  it("rejects a wrong key and tampered ciphertext", () => {
    const sealed = encryptSecret("token", secret);
    expect(() => decryptSecret(sealed, `${secret}-other`)).toThrow();
    const parts = sealed.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => decryptSecret(parts.join("."), secret)).toThrow();
    expect(() => decryptSecret("garbage", secret)).toThrow(/Unrecognised/);
  });
});

describe("password hashing", () => {
  it("verifies the right password only", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash.startsWith("scrypt$32768$8$1$")).toBe(true);
    await expect(verifyPassword("correct horse battery", hash)).resolves.toBe(true);
    await expect(verifyPassword("correct horse batterY", hash)).resolves.toBe(false);
    await expect(verifyPassword("anything", "not-a-hash")).resolves.toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });
});

describe("tokens", () => {
  it("are random and hash deterministically", () => {
    const token = generateToken();
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(generateToken()).not.toBe(token);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).toHaveLength(64);
  });
});
