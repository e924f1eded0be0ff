// The session-signing secret: AUTH_SECRET when set, otherwise one generated once and kept in the data folder,
// so the embedded mode needs no configuration and sessions survive restarts.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "../env";

let cached: string | null = null;

export function authSecret(): string {
  if (cached) return cached;
  if (env.AUTH_SECRET) return (cached = env.AUTH_SECRET);
  if (env.NODE_ENV === "production" && !env.embedded) {
    throw new Error("AUTH_SECRET must be set when running against PostgreSQL in production (at least 32 characters).");
  }
  const file = path.resolve(env.DATA_DIR, "auth-secret");
  try {
    cached = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fresh = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, fresh, { flag: "wx", mode: 0o600 });
      cached = fresh;
    } catch {
      cached = fs.readFileSync(file, "utf8").trim(); // another process wrote it first
    }
  }
  return cached;
}
