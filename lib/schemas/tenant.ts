import { z } from "zod";
import { isValidTimeZone } from "@/lib/zoned-time";

// Tenant-wide settings live in Tenant.settings (Json). Every key has a default, so a new tenant
// (settings = {}) and a tenant created by an older version read the same way.
export const tenantSettingsSchema = z.object({
  // Create a client card for every unknown caller; off by default (numbers stay "unknown").
  autoCreateClients: z.boolean().default(false),
  // Service level: share of incoming calls answered within this many seconds.
  serviceLevelSec: z.number().int().min(1).max(600).default(20),
  // Null keeps recordings forever; otherwise audio older than this is deleted daily.
  recordingRetentionDays: z.number().int().min(1).max(3650).nullable().default(null),
  // Who gets follow-up tasks for missed calls from callers without a personal manager.
  defaultOwnerId: z.uuid().nullable().default(null),
});

export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

export const timeZoneSchema = z.string().trim().min(1).refine(isValidTimeZone, "Unknown time zone");

export const updateTenantInput = z.object({
  name: z.string().trim().min(1).max(120),
  timeZone: timeZoneSchema,
  autoCreateClients: z.boolean(),
  serviceLevelSec: z.number().int().min(1).max(600),
  recordingRetentionDays: z.number().int().min(1).max(3650).nullable(),
  defaultOwnerId: z.uuid().nullable(),
});

export type UpdateTenantInput = z.infer<typeof updateTenantInput>;
