import { describe, expect, it } from "vitest";
import { validateCredentials } from "@/app/(console)/settings/telephony/_components/credentials-values";

const valid = {
  clientId: " pult-client ",
  clientSecret: "s3cret",
  apiUrl: "https://api.mtt.ru/vats/v1/",
  oauthUrl: "https://oauth.mtt.ru",
};

describe("validateCredentials", () => {
  it("normalises complete values", () => {
    expect(validateCredentials(valid, false)).toEqual({
      success: true,
      data: {
        clientId: "pult-client",
        clientSecret: "s3cret",
        apiUrl: "https://api.mtt.ru/vats/v1",
        oauthUrl: "https://oauth.mtt.ru",
      },
    });
  });

  it("needs a secret only when none is stored, and leaves an empty one out", () => {
    expect(validateCredentials({ ...valid, clientSecret: " " }, false)).toEqual({
      success: false,
      errors: { clientSecret: "required" },
    });
    const kept = validateCredentials({ ...valid, clientSecret: "" }, true);
    expect(kept.success).toBe(true);
    expect(kept.success && kept.data.clientSecret).toBeUndefined();
  });

  it("reports each broken field", () => {
    const result = validateCredentials(
      { clientId: " ", clientSecret: "x", apiUrl: "ftp://x", oauthUrl: "not a url" },
      true,
    );
    expect(result).toEqual({
      success: false,
      errors: { clientId: "required", apiUrl: "invalid_url", oauthUrl: "invalid_url" },
    });
  });
});
