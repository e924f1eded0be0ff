// Evidence files are typed by their bytes, never their name (SPEC §6): real-looking headers of the accepted
// types pass; markup (HTML, SVG, XML, however it is dressed up), archives, programs and unknown binary are
// refused with a sentence saying what the file looks like. Also the download's file name and disposition.
import crypto from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attachmentDisposition, cleanFileName, downloadName, detectEvidenceType, EVIDENCE_MAX_BYTES, humanSize, refusalMessage } from "@/lib/domain/evidence-file";

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...utf8(p)] : p)));
const BOM = [0xef, 0xbb, 0xbf];

// A real 1×1 PNG and the start of a JFIF JPEG, a PDF's header lines with its binary comment, as tools write them.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], "JFIF", [0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x43, 0x00]);
const PDF = bytes("%PDF-1.7\n%", [0xe2, 0xe3, 0xcf, 0xd3], "\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");

const accepted: [string, Uint8Array, string][] = [
  ["a PDF", PDF, "application/pdf"],
  ["a PNG", new Uint8Array(PNG), "image/png"],
  ["a JPEG", JPEG, "image/jpeg"],
  ["a CSV export", utf8("user,key_id,status\r\nsvc-ci,AKIAIOSFODNN7EXAMPLE,Inactive\r\n"), "text/plain"],
  ["a log with tabs and colours", utf8("2025-03-01T09:30:00Z\tINFO\t\u001b[32mkey deactivated\u001b[0m\n"), "text/plain"],
  ["UTF-8 text with a BOM and accents", bytes(BOM, "Schlüssel gelöscht — 鍵を無効化しました\n"), "text/plain"],
  ["text that mentions a tag mid-way", utf8(`Rotation note\n${"x".repeat(2000)}\nthe old page used <script> tags\n`), "text/plain"],
  ["a comparison, not markup", utf8("latency < 5 ms after the change\n"), "text/plain"],
  ["text that starts with a bracket but is not JSON", utf8("[INFO] rotation finished\n"), "text/plain"],
  ["text starting with MZ", utf8("MZ-1234 decommissioned\n"), "text/plain"],
  ["a shell script", utf8("#!/bin/sh\naws iam update-access-key --status Inactive\n"), "text/plain"],
  ["a JSON object", utf8('{"AccessKeyMetadata":[{"AccessKeyId":"AKIAIOSFODNN7EXAMPLE","Status":"Inactive"}]}'), "application/json"],
  ["a JSON array with a BOM", bytes(BOM, '\n  [ {"id": 1, "note": "<b>bold</b> in a string"} ]\n'), "application/json"],
];

const refused: [string, Uint8Array, RegExp][] = [
  ["an HTML page", utf8("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"), /HTML page/],
  ["HTML without a doctype", utf8("<html><head><title>x</title></head></html>"), /HTML page/],
  ["HTML after blank lines", utf8("\n\n   \t<html><script>fetch('/api')</script></html>"), /HTML page/],
  ["HTML with a BOM", bytes(BOM, "<!doctype html><p>hi</p>"), /HTML page/],
  ["HTML that starts with a comment", utf8("<!-- saved from url=(0014)about:internet -->\n<html><script>x()</script>"), /HTML page/],
  ["a bare script tag", utf8("<script>document.location='https://evil.example'</script>"), /HTML page/],
  ["HTML behind a line of text", utf8("Report\n<html><body onload=x()>"), /HTML page/],
  ["an SVG image", utf8('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), /SVG image/],
  ["an SVG with an XML prolog", utf8('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), /SVG image/],
  ["an SVG with a doctype", utf8('<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg/>'), /SVG image/],
  ["an SVG with a BOM and whitespace", bytes(BOM, "  \r\n<svg viewBox='0 0 1 1'><foreignObject/></svg>"), /SVG image/],
  ["an XML document", utf8('<?xml version="1.0"?><policy><rule/></policy>'), /XML document/],
  ["other markup", utf8("<div>hello</div>"), /markup/],
  ["a ZIP archive", bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], "[Content_Types].xml"), /ZIP archive/],
  ["a legacy Office file", bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), /Office document/],
  ["an ELF program", bytes([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]), /Linux program/],
  ["a Windows program", bytes("MZ", [0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff]), /Windows program/],
  ["a gzip archive", bytes([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0]), /gzip/],
  ["a GIF", bytes("GIF89a", [1, 0, 1, 0, 0x80, 0, 0]), /GIF image/],
  ["UTF-16 text", bytes([0xff, 0xfe], [0x68, 0x00, 0x69, 0x00]), /UTF-16/],
  ["random binary", new Uint8Array(crypto.createHash("sha512").update("seed").digest()), /binary data/],
  ["text with a NUL byte", utf8("key\u0000AKIA"), /binary data/],
  ["an empty file", new Uint8Array(0), /empty file/],
];

describe("detectEvidenceType", () => {
  it.each(accepted)("accepts %s", (_, b, type) => {
    expect(detectEvidenceType(b)).toEqual({ ok: true, contentType: type });
  });

  it.each(refused)("refuses %s, saying what it looks like", (_, b, looksLike) => {
    const r = detectEvidenceType(b);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.looksLike).toMatch(looksLike);
  });

  it("never looks at the name: an HTML page called report.pdf is refused, and the sentence says why", () => {
    const r = detectEvidenceType(utf8("<html><body>Totally a PDF</body></html>"));
    expect(r).toEqual({ ok: false, looksLike: "an HTML page" });
    expect(refusalMessage("an HTML page", "report.pdf")).toBe(
      "This file looks like an HTML page whatever its name says (.pdf), which is not accepted as evidence. Attach a PDF, a PNG or JPEG image, plain text (UTF-8, including CSV and logs) or JSON.",
    );
  });

  it("never calls bytes with a NUL in them text or JSON", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(300), (raw, at) => {
        const b = new Uint8Array([...raw.slice(0, at % (raw.length + 1)), 0, ...raw.slice(at % (raw.length + 1))]);
        const r = detectEvidenceType(b);
        expect(r.ok && (r.contentType === "text/plain" || r.contentType === "application/json")).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("refuses markup however it is padded: BOM, any leading whitespace, any case", () => {
    const starts = ["<html>", "<!DOCTYPE html>", "<svg xmlns='http://www.w3.org/2000/svg'>", "<?xml version='1.0'?><svg/>", "<script>", "<!-- x -->", "<iframe src=x>", "<?xml version='1.0'?><a/>"];
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.constantFrom(" ", "\t", "\n", "\r", "\f", "\u00a0"), { maxLength: 20 }), fc.constantFrom(...starts), fc.boolean(), fc.string({ maxLength: 200 }), (bom, ws, start, upper, rest) => {
        const text = ws.join("") + (upper ? start.toUpperCase() : start) + rest;
        expect(detectEvidenceType(bytes(bom ? BOM : [], text)).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("answers every input with an accepted type or a refusal, and never throws", () => {
    const types = ["application/pdf", "image/png", "image/jpeg", "text/plain", "application/json"];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (b) => {
        const r = detectEvidenceType(b);
        if (r.ok) expect(types).toContain(r.contentType);
        else expect(r.looksLike.length).toBeGreaterThan(3);
      }),
      { numRuns: 1000 },
    );
  });

  it("takes ordinary written text as plain text", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9 ,.;:'"()\-\n\t]{1,300}$/), (s) => {
        expect(detectEvidenceType(utf8(s))).toEqual({ ok: true, contentType: "text/plain" });
      }),
      { numRuns: 300 },
    );
  });
});

describe("download names", () => {
  it("keeps the name without folders, control or bidirectional characters", () => {
    expect(cleanFileName("C:\\Users\\ana\\Desktop\\rotation report.pdf")).toBe("rotation report.pdf");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    expect(cleanFileName("line\r\nbreak.txt")).toBe("linebreak.txt");
    expect(cleanFileName("  .hidden ")).toBe("hidden");
    expect(cleanFileName("")).toBe("evidence");
    expect(cleanFileName(`${"é".repeat(300)}.json`)).toHaveLength(200);
    expect(cleanFileName(`${"é".repeat(300)}.json`).endsWith(".json")).toBe(true);
  });

  it("is an attachment with an ASCII fallback and the exact UTF-8 name (RFC 6266)", () => {
    expect(attachmentDisposition("rotation report.pdf")).toBe(`attachment; filename="rotation report.pdf"; filename*=UTF-8''rotation%20report.pdf`);
    expect(attachmentDisposition("Schlüssel (neu).txt")).toBe(`attachment; filename="Schlussel (neu).txt"; filename*=UTF-8''Schl%C3%BCssel%20%28neu%29.txt`);
    expect(attachmentDisposition('a"b;c%.txt')).toBe(`attachment; filename="a_b_c_.txt"; filename*=UTF-8''a%22b%3Bc%25.txt`);
    expect(attachmentDisposition("鍵.json")).toBe(`attachment; filename="_.json"; filename*=UTF-8''%E9%8D%B5.json`);
  });

  it("never lets a name break out of the header, and round-trips it through filename*", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (name) => {
        const header = attachmentDisposition(name);
        expect(header).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]*$/);
        expect(header.split('"').length).toBe(3);
        expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe(cleanFileName(name));
      }),
      { numRuns: 500 },
    );
  });
});

describe("sizes", () => {
  it("reads like a file manager", () => {
    expect(humanSize(0)).toBe("0 B");
    expect(humanSize(1023)).toBe("1023 B");
    expect(humanSize(1536)).toBe("1.5 KB");
    expect(humanSize(EVIDENCE_MAX_BYTES)).toBe("10 MB");
    expect(humanSize(12_345_678)).toBe("12 MB");
  });
});

describe("what a downloaded file is saved as", () => {
  it("keeps a name whose extension fits the detected type and adds the type's extension otherwise", () => {
    expect(downloadName("rotation-report.pdf", "application/pdf")).toBe("rotation-report.pdf");
    expect(downloadName("iam.CSV", "text/plain")).toBe("iam.CSV");
    expect(downloadName("photo.jpeg", "image/jpeg")).toBe("photo.jpeg");
    expect(downloadName("report.html", "text/plain")).toBe("report.html.txt");
    expect(downloadName("notes", "text/plain")).toBe("notes.txt");
    expect(downloadName("scan.svg", "image/png")).toBe("scan.svg.png");
  });
});

describe("markup hidden further in", () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it("refuses a PDF header in front of a web page", () => {
    expect(detectEvidenceType(enc("%PDF-1.7\n<html><script>alert(1)</script></html>"))).toMatchObject({ ok: false, looksLike: expect.stringContaining("HTML") });
  });
});
