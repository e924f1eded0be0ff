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
    // The proxy buffers request bodies up to this size and silently cuts longer ones. Keep it above the evidence
    // upload limit (10 MB file + 64 KB form, lib/domain/evidence-file.ts) so an oversized upload still reaches
    // the route whole enough to be refused with 413, never truncated into a "valid" smaller file.
    proxyClientMaxBodySize: "11mb",
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
