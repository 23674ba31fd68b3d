// Headers the custom server sets on every request (overwriting anything a client sent), so that
// route handlers and server actions know the real client address and the page asked for.
export const CLIENT_IP_HEADER = "x-pult-client-ip";
export const REQUEST_PATH_HEADER = "x-pult-path";
