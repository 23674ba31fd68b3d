// Display form of an E.164 number. Russian numbers (all the PBX has) get the familiar
// "+7 495 123-45-67"; anything else is shown as stored.
export function formatPhone(e164: string): string {
  const match = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  if (!match) return e164;
  const [, code, first, second, third] = match;
  return `+7 ${code} ${first}-${second}-${third}`;
}
