// Turns what people type into E.164. Russia is the default region: "8 (916) 123-45-67",
// "+7 916 123 45 67", "9161234567" and "7916…" all become "+79161234567". Kept in step with
// server/mtt/wire-schemas.ts normalizePbxPhone, so a number typed into a client card matches
// the same number arriving from the PBX.

export type PhoneError = "empty" | "letters" | "too_short" | "too_long" | "invalid";

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: PhoneError };

// E.164 allows at most 15 digits; the shortest real numbers with a country code have 8.
const MIN_INTERNATIONAL_DIGITS = 8;
const MAX_DIGITS = 15;
const RUSSIAN_DIGITS = 11;

const ALLOWED = /^[+\d\s().\-/\u00a0]+$/;

function fail(reason: PhoneError): PhoneResult {
  return { ok: false, reason };
}

function international(digits: string): PhoneResult {
  if (digits.startsWith("7")) return russian(digits.slice(1));
  if (digits.startsWith("0")) return fail("invalid");
  if (digits.length < MIN_INTERNATIONAL_DIGITS) return fail("too_short");
  if (digits.length > MAX_DIGITS) return fail("too_long");
  return { ok: true, e164: `+${digits}` };
}

// The 10 digits after +7: area or mobile code first. Russian codes start with 3, 4, 8 or 9;
// Kazakhstan (also +7) uses 6 and 7.
function russian(national: string): PhoneResult {
  if (national.length < RUSSIAN_DIGITS - 1) return fail("too_short");
  if (national.length > RUSSIAN_DIGITS - 1) return fail("too_long");
  if (!/^[346789]/.test(national)) return fail("invalid");
  return { ok: true, e164: `+7${national}` };
}

export function normalizePhone(input: string): PhoneResult {
  const trimmed = input.trim();
  if (trimmed === "") return fail("empty");
  if (/\p{L}/u.test(trimmed)) return fail("letters");
  if (!ALLOWED.test(trimmed)) return fail("invalid");
  const plusCount = trimmed.split("+").length - 1;
  if (plusCount > 1 || (plusCount === 1 && !trimmed.startsWith("+"))) return fail("invalid");
  const digits = trimmed.replace(/\D/g, "");
  if (digits === "") return fail("empty");
  if (trimmed.startsWith("+")) return international(digits);
  // "00" (most of the world) and "810" (Russia's old prefix) dial out of the country.
  if (digits.startsWith("00")) return international(digits.slice(2));
  if (digits.startsWith("810") && digits.length > RUSSIAN_DIGITS) {
    return international(digits.slice(3));
  }
  if (digits.length === RUSSIAN_DIGITS && (digits.startsWith("8") || digits.startsWith("7"))) {
    return russian(digits.slice(1));
  }
  if (digits.length === RUSSIAN_DIGITS - 1) return russian(digits);
  if (digits.length < RUSSIAN_DIGITS - 1) return fail("too_short");
  if (digits.length > MAX_DIGITS) return fail("too_long");
  // Without a "+", a long number starting with 7 or 8 is a Russian number with extra digits.
  if (/^[78]/.test(digits)) return fail("too_long");
  // 12–15 digits without a "+" can only be an international number (the PBX sends those).
  if (digits.length > RUSSIAN_DIGITS) return international(digits);
  return fail("invalid");
}

/** The E.164 form, or null when the input is not a phone number. */
export function toE164(input: string): string | null {
  const result = normalizePhone(input);
  return result.ok ? result.e164 : null;
}

/**
 * Digits to look for when someone searches by a piece of a number: "8 916 12" is the start of
 * a Russian number, so it also matches "+7916 12…". Null when the query is not number-like.
 */
export function phoneSearchDigits(query: string): string[] | null {
  const trimmed = query.trim();
  if (!/^[+\d\s().\-\u00a0]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, "");
  if (digits.length < 3) return null;
  const variants = new Set([digits]);
  if (!trimmed.startsWith("+") && digits.startsWith("8") && digits.length >= 4) {
    variants.add(`7${digits.slice(1)}`);
  }
  return [...variants];
}
