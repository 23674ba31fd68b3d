// The UI's existing import path for the display form; the rules live with the rest of the phone
// code in lib/phone.ts.
export { formatPhone } from "@/lib/phone";
