import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>["webhooks"];
export type EndpointItem = Outputs["list"][number];
export type DeliveryItem = Outputs["deliveries"]["deliveries"][number];
export type DeliveryStatus = DeliveryItem["status"];
