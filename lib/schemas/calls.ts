import { z } from "zod";

export const presenceSchema = z.enum(["AVAILABLE", "BREAK", "OFFLINE"]);
export const setPresenceInput = z.object({ presence: presenceSchema });
export const callIdInput = z.object({ callId: z.uuid() });
