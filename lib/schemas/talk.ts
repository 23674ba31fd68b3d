import { z } from "zod";

export const callTalkInput = z.object({ callId: z.uuid() });
