// Phone numbers as people type them and as Pult shows them, on top of libphonenumber-js. Russia is
// the default region: "8 (916) 123-45-67", "+7 916 123 45 67", "9161234567" and "7916…" all become
// "+79161234567"; "+7 727…" and "8 727…" are Kazakhstan (it shares +7). The min metadata is
// used on purpose: it checks country, leading digits and length, so a real number from a range
// newer than the metadata is still accepted, and it is half the size of the full set in the
// browser bundle. Kept in step with server/mtt/wire-schemas.ts normalizePbxPhone, so a number
// typed into a client card matches the same number arriving from the PBX.
import {
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
} from "libphonenumber-js/min";

export type PhoneError = "empty" | "letters" | "too_short" | "too_long" | "invalid";

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: PhoneError };

// E.164 allows at most 15 digits.
const MAX_DIGITS = 15;
// Digits after +7 (Russia and Kazakhstan): a 3-digit area or mobile code and 7 digits.
const ZONE_7_DIGITS = 10;

const ALLOWED = /^[+\d\s().\-/\u00a0]+$/;

function fail(reason: PhoneError): PhoneResult {
  return { ok: false, reason };
}

/** `digits` start with a country code (the "+" or the international prefix already gone). */
function international(digits: string): PhoneResult {
  if (digits === "") return fail("empty");
  if (digits.startsWith("0")) return fail("invalid");
  if (digits.length > MAX_DIGITS) return fail("too_long");
  // +7 is Russia and Kazakhstan: say "too short/long" by the 10 digits both use.
  if (digits.startsWith("7")) {
    const national = digits.slice(1);
    if (national.length < ZONE_7_DIGITS) return fail("too_short");
    if (national.length > ZONE_7_DIGITS) return fail("too_long");
  }
  const text = `+${digits}`;
  const lengthError = validatePhoneNumberLength(text);
  if (lengthError === "TOO_SHORT") return fail("too_short");
  if (lengthError === "TOO_LONG") return fail("too_long");
  // The rest (an unknown country code, a length between two the country uses, a prefix no
  // number there starts with) is simply not a number.
  if (lengthError !== undefined) return fail("invalid");
  const parsed = parsePhoneNumberFromString(text);
  if (!parsed?.isValid()) return fail("invalid");
  // The parser drops a trunk "0" written after the code ("+44 (0) 20…"), but it must not read
  // "+7 00…" as another country.
  if (!digits.startsWith(parsed.countryCallingCode)) return fail("invalid");
  return { ok: true, e164: parsed.number };
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
  if (digits.startsWith("810") && digits.length > ZONE_7_DIGITS + 1) {
    return international(digits.slice(3));
  }
  // Dialled at home in Russia or Kazakhstan: "8" (or "7") and 10 digits, or the 10 digits alone.
  if (digits.length === ZONE_7_DIGITS + 1 && /^[78]/.test(digits)) {
    return international(`7${digits.slice(1)}`);
  }
  if (digits.length === ZONE_7_DIGITS) return international(`7${digits}`);
  if (digits.length < ZONE_7_DIGITS) return fail("too_short");
  if (digits.length > MAX_DIGITS) return fail("too_long");
  // Without a "+", a long number starting with 7 or 8 is a Russian number with extra digits.
  if (/^[78]/.test(digits)) return fail("too_long");
  // 12–15 digits without a "+" can only be an international number (the PBX sends those).
  if (digits.length > ZONE_7_DIGITS + 1) return international(digits);
  return fail("invalid");
}

/** The E.164 form, or null when the input is not a phone number. */
export function toE164(input: string): string | null {
  const result = normalizePhone(input);
  return result.ok ? result.e164 : null;
}

/** The country of an E.164 number ("RU", "KZ", "DE"…), or null when it is not one. */
export function phoneCountry(e164: string): CountryCode | null {
  if (!e164.startsWith("+")) return null;
  return parsePhoneNumberFromString(e164)?.country ?? null;
}

/**
 * Display form of a stored number. Russian numbers keep the familiar "+7 495 123-45-67";
 * others get their country's international grouping ("+7 727 123 4567" in Kazakhstan,
 * "+49 30 1234567"); what is not a number (an extension, "anonymous") is shown as stored.
 */
export function formatPhone(e164: string): string {
  if (!e164.startsWith("+")) return e164;
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed?.isValid()) return e164;
  if (parsed.country === "RU") {
    // The national form is "8 (495) 123-45-67"; swap the trunk "8 (…)" for "+7 …".
    const match = /^8 \((\d+)\) (.+)$/.exec(parsed.formatNational());
    if (match) return `+7 ${match[1]} ${match[2]}`;
  }
  return parsed.formatInternational();
}

/**
 * Digits to look for when someone searches by a piece of a number: "8 916 12" is the start of
 * a Russian number, so it also matches "+7916 12…"; "00 49 30" is the start of "+4930…".
 * Null when the query is not number-like.
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
  if (!trimmed.startsWith("+") && digits.startsWith("00") && digits.length >= 5) {
    variants.add(digits.slice(2));
  }
  return [...variants];
}
