import { describe, expect, it } from "vitest";
import { loadConfig, ConfigError } from "@/server/env";
import {
  API_KEY_PREFIX,
  displayPrefix,
  generateApiKey,
  hashApiKey,
  isPlausibleApiKey,
} from "@/server/api-keys/key-format";

describe("API key format", () => {
  it("is pult_ followed by 32 random bytes in base64url", () => {
    const key = generateApiKey();
    expect(key.startsWith(API_KEY_PREFIX)).toBe(true);
    const random = key.slice(API_KEY_PREFIX.length);
    expect(random).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(random, "base64url")).toHaveLength(32);
    expect(isPlausibleApiKey(key)).toBe(true);
  });

  it("never repeats", () => {
    const keys = new Set(Array.from({ length: 200 }, generateApiKey));
    expect(keys.size).toBe(200);
  });

  it("hashes with SHA-256 to hex, deterministically, and the hash does not contain the key", () => {
    const key = generateApiKey();
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(key)).toBe(hashApiKey(key));
    expect(hashApiKey(key)).not.toBe(hashApiKey(`${key}x`));
    // Known vector, so a change of algorithm cannot slip through unnoticed.
    expect(hashApiKey("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("shows a short prefix that identifies but does not reveal the key", () => {
    const key = generateApiKey();
    const prefix = displayPrefix(key);
    expect(prefix).toHaveLength(11);
    expect(key.startsWith(prefix)).toBe(true);
  });

  it("rejects implausible keys before any lookup", () => {
    expect(isPlausibleApiKey("short")).toBe(false);
    expect(isPlausibleApiKey("x".repeat(257))).toBe(false);
    expect(isPlausibleApiKey(`pult_${"a".repeat(30)} b`)).toBe(false);
    expect(isPlausibleApiKey(`pult_${"ж".repeat(40)}`)).toBe(false);
  });
});

describe("PULT_API_KEY", () => {
  it("is optional and passed through", () => {
    expect(loadConfig({}).apiKey).toBeUndefined();
    expect(loadConfig({ PULT_API_KEY: "" }).apiKey).toBeUndefined();
    const key = generateApiKey();
    expect(loadConfig({ PULT_API_KEY: key }).apiKey).toBe(key);
  });

  it("must be long enough and printable", () => {
    for (const bad of ["too-short-key", `pult_${"a".repeat(40)} spaced`]) {
      try {
        loadConfig({ PULT_API_KEY: bad });
        expect.unreachable("accepted a bad key");
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).problems.join("\n")).toMatch(/^PULT_API_KEY /m);
      }
    }
  });
});
