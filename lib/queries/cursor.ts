import { isUuid } from "../domain/keys";

// Opaque keyset cursors: (timestamp or text, id) encoded as base64url JSON.
export function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString("base64url");
}

export function decodeCursor(cursor: string | null | undefined): { key: string; id: string } | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    // A NUL in the key would reach PostgreSQL, whose text cannot hold it: such a cursor is as unreadable as any other.
    if (Array.isArray(v) && typeof v[0] === "string" && !v[0].includes("\0") && typeof v[1] === "string" && isUuid(v[1])) {
      return { key: v[0], id: v[1] };
    }
  } catch {
    /* fall through */
  }
  return null;
}
