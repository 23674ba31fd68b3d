/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm run typecheck` (tsc --noEmit over the whole project) gates every change in `npm test`;
  // a second pass inside `next build` only adds minutes to each build.
  typescript: { ignoreBuildErrors: true },
  // Native and wasm database drivers must be loaded by Node, not bundled.
  serverExternalPackages: [
    "pg",
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "@prisma/adapter-pg",
    "@prisma/client",
    "socket.io",
    "@socket.io/redis-adapter",
    "redis",
    // Talk analytics (server/talk-analytics): WebAssembly read from beside the package's code.
    "@ozymandiasthegreat/vad",
    "mpg123-decoder",
    "@alexanderolsen/libsamplerate-js",
    // The local speech engine (server/transcripts/local-backend.ts): a native addon.
    "sherpa-onnx-node",
  ],
  // Security headers are set by the custom server on every response (lib/security/headers.ts),
  // Socket.IO's included; pages add their nonce-based CSP in proxy.ts.
};

export default nextConfig;
