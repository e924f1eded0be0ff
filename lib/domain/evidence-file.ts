// What a file attached as evidence is, decided from its bytes alone (SPEC §6: type checked by content, not by
// name), and how to name it safely when it is downloaded. Pure: no database, no framework.

/** The largest evidence file accepted. Fixed: next.config.mjs lets the proxy buffer a little more than this. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** A download's Content-Security-Policy: whatever the file is, nothing in it may run, load or be framed. */
export const EVIDENCE_FILE_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'";

/** The types accepted, with the words people know them by. CSV and logs are plain text. */
export const EVIDENCE_TYPES = {
  "application/pdf": "PDF",
  "image/png": "PNG image",
  "image/jpeg": "JPEG image",
  "text/plain": "plain text",
  "application/json": "JSON",
} as const;

export type EvidenceContentType = keyof typeof EVIDENCE_TYPES;

export type Detection = { ok: true; contentType: EvidenceContentType } | { ok: false; looksLike: string };

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Formats refused by their signature, checked before anything else (each one is binary, or unmistakable). */
const REFUSED_SIGNATURES: [sig: readonly number[], looksLike: string][] = [
  [[0x50, 0x4b, 0x03, 0x04], "a ZIP archive (Office documents are ZIP archives too)"],
  [[0x50, 0x4b, 0x05, 0x06], "a ZIP archive"],
  [[0x50, 0x4b, 0x07, 0x08], "a ZIP archive"],
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], "a legacy Office document"],
  [[0x7f, 0x45, 0x4c, 0x46], "a Linux program (ELF)"],
  [[0xfe, 0xed, 0xfa, 0xce], "a macOS program (Mach-O)"],
  [[0xfe, 0xed, 0xfa, 0xcf], "a macOS program (Mach-O)"],
  [[0xce, 0xfa, 0xed, 0xfe], "a macOS program (Mach-O)"],
  [[0xcf, 0xfa, 0xed, 0xfe], "a macOS program (Mach-O)"],
  [[0xca, 0xfe, 0xba, 0xbe], "a program (Mach-O or Java class)"],
  [[0x00, 0x61, 0x73, 0x6d], "a WebAssembly program"],
  [[0x1f, 0x8b], "a gzip archive"],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], "an xz archive"],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], "a 7-Zip archive"],
  [[...ascii("Rar!"), 0x1a, 0x07], "a RAR archive"],
  [ascii("GIF87a"), "a GIF image (use PNG or JPEG)"],
  [ascii("GIF89a"), "a GIF image (use PNG or JPEG)"],
  [ascii("%!PS"), "a PostScript document"],
];

/** "MZ" starts Windows programs, and could start a line of text: a program has NUL bytes in its header. */
const isWindowsProgram = (b: Uint8Array) => startsWith(b, [0x4d, 0x5a]) && b.subarray(2, 64).includes(0);

const ACCEPTED_SIGNATURES: [sig: readonly number[], type: EvidenceContentType][] = [
  [ascii("%PDF-"), "application/pdf"],
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "image/png"],
  [[0xff, 0xd8, 0xff], "image/jpeg"],
];

/** Control characters that do not occur in text people write (tab, line breaks, form feed and ESC do). */
const BINARY_CONTROL = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f\u007f]/;
/** Markup at the start, where browsers sniff it: a tag, a comment, a doctype or an XML declaration. */
const MARKUP_START = /^[\s\u00a0\ufeff]*<[!?/a-z]/i;
/** Active markup near the top of a text that does not start with it (what older sniffers looked at). */
const ACTIVE_MARKUP = /<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|script[\s>/]|iframe[\s>/]|svg[\s>/:]|object[\s>/]|embed[\s>/]|\?xml[\s?])/i;

/** The type of `bytes`, from the content only; the file's name plays no part. */
export function detectEvidenceType(bytes: Uint8Array): Detection {
  if (bytes.length === 0) return { ok: false, looksLike: "an empty file" };
  for (const [sig, looksLike] of REFUSED_SIGNATURES) if (startsWith(bytes, sig)) return { ok: false, looksLike };
  if (isWindowsProgram(bytes)) return { ok: false, looksLike: "a Windows program (EXE or DLL)" };
  for (const [sig, type] of ACCEPTED_SIGNATURES) {
    if (!startsWith(bytes, sig)) continue;
    // A polyglot: a PDF header in front of a web page, which a browser or viewer may render as HTML.
    if (type === "application/pdf" && ACTIVE_MARKUP.test(new TextDecoder("latin1").decode(bytes.subarray(0, 1024)))) {
      return { ok: false, looksLike: "an HTML page behind a PDF header" };
    }
    return { ok: true, contentType: type };
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return { ok: false, looksLike: "UTF-16 text (save it as UTF-8)" };

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, looksLike: "binary data of an unknown kind" };
  }
  if (BINARY_CONTROL.test(text)) return { ok: false, looksLike: "binary data of an unknown kind" };
  if (MARKUP_START.test(text)) return { ok: false, looksLike: markupKind(text) };
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      JSON.parse(text);
      return { ok: true, contentType: "application/json" };
    } catch {
      // Not JSON after all: plain text such as a log line that starts with a bracket.
    }
  }
  // Further down, a tag is just text (a log may quote one); downloadName keeps such a file from being saved as
  // .html, where it would run when opened from disk.
  if (ACTIVE_MARKUP.test(text.slice(0, 1024))) return { ok: false, looksLike: markupKind(text) };
  return { ok: true, contentType: "text/plain" };
}

function markupKind(text: string): string {
  const head = text.slice(0, 4096).toLowerCase();
  if (/<svg[\s>/:]|<!doctype\s+svg/.test(head)) return "an SVG image";
  if (/<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<script[\s>/]|<iframe[\s>/]/.test(head)) return "an HTML page";
  if (/^[\s\u00a0\ufeff]*<\?xml/.test(head)) return "an XML document";
  return "markup (HTML or XML)";
}

const ALLOWED_WORDS = "a PDF, a PNG or JPEG image, plain text (UTF-8, including CSV and logs) or JSON";

/** The sentence a person sees when a file is refused. */
export function refusalMessage(looksLike: string, fileName?: string | null): string {
  const ext = fileName ? /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1] : undefined;
  const named = ext ? ` whatever its name says (.${ext.toLowerCase()})` : "";
  return `This file looks like ${looksLike}${named}, which is not accepted as evidence. Attach ${ALLOWED_WORDS}.`;
}

export const allowedTypesSentence = () => `${ALLOWED_WORDS}, up to ${humanSize(EVIDENCE_MAX_BYTES)}`;

/** 1536 → "1.5 KB"; binary multiples, the way file managers show them. */
export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let n = bytes / 1024;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return `${n >= 10 || Number.isInteger(n) ? Math.round(n) : n.toFixed(1)} ${units[u]}`;
}

// Bidirectional overrides and other invisible format characters can disguise an extension ("exe.pdf").
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** The name to keep for an uploaded file: no folders, no invisible or control characters, at most 200 characters. */
export function cleanFileName(name: string | null | undefined): string {
  const base = (name ?? "").split(/[/\\]/).pop() ?? "";
  let out = base.normalize("NFC").replace(UNSAFE_NAME_CHARS, "").replace(/\s+/g, " ").trim().replace(/^\.+/, "");
  if ([...out].length > 200) {
    const ext = /\.[^.\s]{1,10}$/.exec(out)?.[0] ?? "";
    out = [...out].slice(0, 200 - ext.length).join("").trimEnd() + ext;
  }
  return out || "evidence";
}

const EXTENSIONS: Record<EvidenceContentType, string[]> = {
  "application/pdf": ["pdf"],
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
  "text/plain": ["txt", "csv", "log", "md", "text"],
  "application/json": ["json"],
};

/**
 * The name a download is saved under: the uploaded name when its extension fits the detected type, else that
 * name with the type's extension added (`report.html` holding text downloads as `report.html.txt`), so a file
 * saved to disk never opens as something it is not.
 */
export function downloadName(fileName: string | null | undefined, contentType: string | null | undefined): string {
  const name = cleanFileName(fileName);
  const type = (contentType ?? "").split(";")[0]!.trim() as EvidenceContentType;
  const allowed = EXTENSIONS[type];
  if (!allowed) return name;
  const ext = /\.([^.\s]{1,10})$/.exec(name)?.[1]?.toLowerCase();
  return ext && allowed.includes(ext) ? name : `${name}.${allowed[0]}`;
}

/**
 * `Content-Disposition` for a download: always an attachment, with an ASCII fallback `filename` for old clients
 * and the exact name as RFC 6266 / RFC 8187 `filename*=UTF-8''…`.
 */
export function attachmentDisposition(fileName: string): string {
  const name = cleanFileName(fileName);
  const fallback = name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x20-\x7e]/g, "_").replace(/["\\;%]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
