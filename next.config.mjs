/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // These packages load WASM, native addons or worker files at run time: keep them out of the bundle.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "@node-rs/argon2",
    "pg",
    "pino",
  ],
  experimental: {
    authInterrupts: true,
    // The proxy buffers request bodies up to this size and silently cuts longer ones. Keep it above the largest
    // limit a route enforces (intake files, 100 MB, lib/api/intake.ts; evidence, 10 MB + 64 KB form) so an
    // oversized body still reaches its route whole enough to be refused with 413, never truncated into a
    // "valid" smaller file. Each route counts its own limit as it reads.
    proxyClientMaxBodySize: "101mb",
  },
  async headers() {
    // Static assets bypass the proxy; give them the same baseline headers (the proxy adds the nonce CSP to the rest).
    return [
      {
        source: "/_next/static/:path*",
        headers: [
          { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
        ],
      },
    ];
  },
};

export default nextConfig;
