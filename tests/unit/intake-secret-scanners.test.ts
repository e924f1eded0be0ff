// The secret-scanner parsers (gitleaks, trufflehog, GitHub secret scanning) against realistic sample files,
// malformed files and hostile input: expected records, stable fingerprints, clear errors, no secret in clear.
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseGithubSecretScanning } from "@/lib/intake/parsers/github-secret-scanning";
import { gitleaksParser, parseGitleaks } from "@/lib/intake/parsers/gitleaks";
import { redact, sha256Hex, toIso } from "@/lib/intake/parsers/shared";
import { parseTrufflehog } from "@/lib/intake/parsers/trufflehog";
import type { FindingRecord, IntakeRecord, ParseResult, Parser } from "@/lib/intake/types";

const dir = path.resolve(__dirname, "../fixtures/intake");
const bytes = (name: string) => new Uint8Array(readFileSync(path.join(dir, name)));
const text = (s: string) => new TextEncoder().encode(s);
const findings = (r: ParseResult) => r.records as FindingRecord[];

const PARSERS: [string, Parser][] = [
  ["gitleaks", gitleaksParser],
  ["trufflehog", parseTrufflehog],
  ["github-secret-scanning", (b) => parseGithubSecretScanning(b)],
];

/** Every string anywhere in a value, keys included. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === "string") out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === "object")
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      strings(x, out);
    }
  return out;
}

/** The raw secrets a sample holds, read from the sample itself (so a new sample is covered without edits). */
function secretsIn(name: string): string[] {
  const raw = readFileSync(path.join(dir, name), "utf8");
  const objs: Record<string, unknown>[] = name.endsWith(".jsonl")
    ? raw.split("\n").flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      })
    : (JSON.parse(raw) as Record<string, unknown>[]);
  const out = new Set<string>();
  for (const o of objs) for (const k of ["Secret", "Match", "Raw", "RawV2", "secret"]) if (typeof o[k] === "string" && o[k]) out.add(o[k] as string);
  for (const s of [...out]) for (const part of s.split(/[:=\s]/)) if (part.length >= 16) out.add(part); // RawV2 "id:secret" halves, Match lines
  return [...out];
}

const AWS_KEY_ID = /^AKIA[A-Z0-9]{16}$/;

function expectNoSecretIn(records: IntakeRecord[], secrets: string[]) {
  for (const record of records) {
    const r = record as FindingRecord;
    for (const secret of secrets) {
      // An AWS access key id is not secret (AWS prints it in consoles and logs): it may be the identity's id.
      const where = AWS_KEY_ID.test(secret) ? strings({ ...r, identity: { ...r.identity, externalId: null } }) : strings(r);
      for (const s of where) expect(s.includes(secret), `"${secret.slice(0, 6)}…" found in ${r.fingerprint}`).toBe(false);
    }
  }
}

describe("shared helpers", () => {
  it("redacts to the first and last four characters, and masks short secrets entirely", () => {
    expect(redact("AKIAIOSFODNN7EXAMPLE")).toBe("AKIA…MPLE");
    expect(redact("hunter2")).toBe("********");
    expect(redact("0123456789abcde")).toBe("********");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("reads RFC 3339 and Go's default time format, and nothing else", () => {
    expect(toIso("2024-05-30 10:00:03 +0200")).toBe("2024-05-30T08:00:03.000Z");
    expect(toIso("2022-06-16 10:17:40 -0700 PDT")).toBe("2022-06-16T17:17:40.000Z");
    expect(toIso("2024-03-14T09:21:44Z")).toBe("2024-03-14T09:21:44.000Z");
    expect(toIso("yesterday")).toBeNull();
    expect(toIso("")).toBeNull();
  });
});

describe("gitleaks", () => {
  const result = parseGitleaks(bytes("gitleaks-report.json"), { repository: "acme/payments-api" });

  it("reads every finding of a realistic report", () => {
    expect(result.errors).toEqual([]);
    expect(result.records).toHaveLength(6);
    const [aws, generic, pat, stripe, key, slack] = findings(result);
    expect(aws).toEqual({
      type: "finding",
      fingerprint: "3f9c2a7e5b1d4c8a9e0f6b2d7c3a1e5f9b8d2c4a:deploy/terraform/prod.tfvars:aws-access-token:12",
      rule: "aws-access-token",
      title: "aws-access-token in deploy/terraform/prod.tfvars:12 (commit 3f9c2a7e)",
      severity: "high",
      secretRedacted: "AKIA…MPLE",
      secretHash: sha256Hex("AKIAIOSFODNN7EXAMPLE"),
      location: {
        repository: "acme/payments-api",
        file: "deploy/terraform/prod.tfvars",
        line: 12,
        commit: "3f9c2a7e5b1d4c8a9e0f6b2d7c3a1e5f9b8d2c4a",
        url: "https://github.com/acme/payments-api/blob/3f9c2a7e5b1d4c8a9e0f6b2d7c3a1e5f9b8d2c4a/deploy/terraform/prod.tfvars#L12",
      },
      identity: { system: "AWS", kind: "api_key", externalId: "AKIAIOSFODNN7EXAMPLE", name: "AKIA…MPLE" },
      detectedAt: "2024-03-14T09:21:44.000Z",
      resolved: false,
    });
    expect(generic!.severity).toBe("medium");
    expect(generic!.identity).toEqual({ system: "Generic", kind: "api_key", externalId: `sha256:${sha256Hex("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY").slice(0, 16)}`, name: "wJal…EKEY" });
    expect(pat!.identity).toMatchObject({ system: "GitHub", kind: "token" });
    expect(pat!.detectedAt).toBe("2022-11-02T17:05:10.000Z");
    expect(stripe!.location.file).toBe("services/paiement/config/réglages.yml");
    expect(stripe!.identity).toMatchObject({ system: "Stripe", kind: "token" });
    expect(key!.identity).toMatchObject({ system: "Private key", kind: "secret" });
    expect(key!.severity).toBe("high");
    expect(slack!.title).toBe("slack-bot-token in 文档/通知.md:22 (commit 8e4b1f0a)");
  });

  it("works from bytes alone, without a repository", () => {
    const alone = gitleaksParser(bytes("gitleaks-report.json"));
    expect(findings(alone)[0]!.location.repository).toBeNull();
    expect(alone.records.map((r) => (r as FindingRecord).fingerprint)).toEqual(result.records.map((r) => (r as FindingRecord).fingerprint));
  });

  it("keeps a redacted report's findings without a secret to hash", () => {
    const redacted = JSON.parse(readFileSync(path.join(dir, "gitleaks-report.json"), "utf8")) as Record<string, unknown>[];
    for (const f of redacted) Object.assign(f, { Secret: "REDACTED", Match: "REDACTED" });
    const r = parseGitleaks(text(JSON.stringify(redacted)));
    expect(r.errors).toEqual([]);
    expect(findings(r)[1]).toMatchObject({ secretRedacted: null, secretHash: null, identity: null });
  });

  it("reports each bad finding by number and field, and keeps the good ones", () => {
    const r = parseGitleaks(bytes("gitleaks-report-partly-bad.json"));
    expect(findings(r).map((f) => f.rule)).toEqual(["aws-access-token", "generic-api-key"]);
    expect(r.errors).toEqual([
      { record: 2, field: "Fingerprint", reason: "missing (a gitleaks report lists one per finding)" },
      { record: 3, field: "StartLine", reason: "must be a whole number of 0 or more, got a string" },
      { record: 4, field: null, reason: "is not a finding object (each element of a gitleaks report is an object)" },
      { record: 5, field: "RuleID", reason: "must be a string, got a number" },
    ]);
  });

  it("refuses a truncated report as a whole", () => {
    const r = parseGitleaks(bytes("gitleaks-report-truncated.json"));
    expect(r.records).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ record: 0, field: null });
    expect(r.errors[0]!.reason).toMatch(/not valid JSON.*truncated/);
  });

  it("parses 100,000 findings", () => {
    const parts: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const commit = (i * 2654435761).toString(16).padStart(40, "0").slice(-40);
      parts.push(
        JSON.stringify({ Description: "Generic API Key", StartLine: (i % 500) + 1, EndLine: (i % 500) + 1, StartColumn: 3, EndColumn: 40, Match: `key = "secret-value-number-${i}"`, Secret: `secret-value-number-${i}`, File: `src/module-${i % 997}/config.ts`, SymlinkFile: "", Commit: commit, Entropy: 4.1, Author: "A", Email: "a@example.com", Date: "2024-01-01T00:00:00Z", Message: "m", Tags: [], RuleID: "generic-api-key", Fingerprint: `${commit}:src/module-${i % 997}/config.ts:generic-api-key:${(i % 500) + 1}:${i}` }),
      );
    }
    const big = text(`[${parts.join(",")}]`);
    const started = performance.now();
    const r = gitleaksParser(big);
    console.log(`gitleaks: 100,000 findings (${(big.byteLength / 1e6).toFixed(1)} MB) in ${Math.round(performance.now() - started)} ms`);
    expect(r.errors).toEqual([]);
    expect(r.records).toHaveLength(100_000);
    expect(new Set(r.records.map((f) => (f as FindingRecord).fingerprint)).size).toBe(100_000);
    expect(findings(r)[99_999]!.secretRedacted).toBe("secr…9999");
  });
});

describe("trufflehog", () => {
  const result = parseTrufflehog(bytes("trufflehog.jsonl"));

  it("reads every finding, numbering records by line and skipping blank and log lines", () => {
    expect(result.errors).toEqual([]);
    const [aws, github, key, uri, slack] = findings(result);
    expect(result.records).toHaveLength(5);
    expect(aws).toMatchObject({
      rule: "AWS",
      title: "AWS (verified) in deploy/terraform/prod.tfvars:12 (commit 3f9c2a7e)",
      severity: "critical",
      secretRedacted: "AKIA…MPLE",
      secretHash: sha256Hex("AKIAI44QH8DHBEXAMPLE"),
      location: { repository: "https://github.com/acme/payments-api.git", file: "deploy/terraform/prod.tfvars", line: 12, commit: "3f9c2a7e5b1d4c8a9e0f6b2d7c3a1e5f9b8d2c4a", url: null },
      identity: { system: "AWS", kind: "api_key", externalId: "AKIAI44QH8DHBEXAMPLE", name: "AKIA…MPLE" },
      detectedAt: "2024-03-14T09:21:44.000Z",
    });
    expect(aws!.fingerprint).toMatch(/^trufflehog:[0-9a-f]{64}$/);
    expect(github).toMatchObject({ severity: "high", location: { url: expect.stringMatching(/^https:\/\/github.com\/acme\/payments-api\/blob\//), line: 7 }, identity: { system: "GitHub" } });
    expect(key).toMatchObject({ rule: "PrivateKey", location: { file: "/srv/backups/ops/keys/deploy_key", repository: null, commit: null }, identity: { system: "Private key", kind: "secret" } });
    expect(uri).toMatchObject({ severity: "medium", detectedAt: "2024-05-30T08:00:03.000Z", location: { file: "config/données.env" } });
    expect(slack).toMatchObject({ severity: "critical", location: { file: "文档/通知.md", line: 22 } });
  });

  it("derives a fingerprint that ignores what changes between scans of the same leak", () => {
    const line = readFileSync(path.join(dir, "trufflehog.jsonl"), "utf8").split("\n")[0]!;
    const again = JSON.parse(line) as Record<string, unknown>;
    Object.assign(again, { SourceID: 9, Verified: false, ExtraData: null, DecoderName: "BASE64" });
    const moved = JSON.parse(line) as { SourceMetadata: { Data: { Git: { line: number } } } };
    moved.SourceMetadata.Data.Git.line = 13;
    const [a, b, c] = [line, JSON.stringify(again), JSON.stringify(moved)].map((l) => findings(parseTrufflehog(text(l)))[0]!.fingerprint);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it("reports each bad line by its line number and keeps the good ones", () => {
    const r = parseTrufflehog(bytes("trufflehog-partly-bad.jsonl"));
    expect(findings(r).map((f) => f.rule)).toEqual(["AWS", "Slack"]);
    expect(r.errors).toEqual([
      { record: 2, field: "DetectorName", reason: "missing (the trufflehog detector that matched)" },
      { record: 3, field: null, reason: "line 3 is not valid JSON: it ends before the JSON is complete (truncated?)" },
      { record: 4, field: "Verified", reason: "must be true or false, got a string" },
      { record: 5, field: "SourceMetadata", reason: "missing (where trufflehog found the secret)" },
      { record: 6, field: null, reason: "line 6 is not a JSON object (trufflehog writes one object per line)" },
    ]);
  });

  it("skips empty lines (CRLF too) but refuses a line with a NUL byte past the binary check", () => {
    const good = readFileSync(path.join(dir, "trufflehog.jsonl"), "utf8").split("\n")[0]!;
    const r = parseTrufflehog(text(`\r\n${good}\r\n\r\n${" ".repeat(9000)}\n\u0000{}\n`));
    expect(r.records).toHaveLength(1);
    expect(r.errors).toEqual([{ record: 5, field: null, reason: "line 5 is not valid JSON" }]);
  });

  it("checks the types inside the source metadata", () => {
    const r = parseTrufflehog(text(JSON.stringify({ DetectorName: "AWS", Raw: "x".repeat(20), SourceMetadata: { Data: { Git: { line: "12" } } } })));
    expect(r.errors).toEqual([{ record: 1, field: "SourceMetadata.Data.Git.line", reason: "must be a whole number of 0 or more, got a string" }]);
  });
});

describe("GitHub secret scanning", () => {
  const result = parseGithubSecretScanning(bytes("github-secret-scanning-alerts.json"));

  it("reads every alert of an organisation listing", () => {
    expect(result.errors).toEqual([]);
    const [aws, pat, webhook, password] = findings(result);
    expect(aws).toEqual({
      type: "finding",
      fingerprint: "github:acme/payments-api:3",
      rule: "aws_access_key_id",
      title: "Amazon AWS Access Key ID in acme/payments-api (alert #3)",
      severity: "critical",
      secretRedacted: "AKIA…MPLE",
      secretHash: sha256Hex("AKIAIOSFODNN7EXAMPLE"),
      location: { repository: "acme/payments-api", file: "deploy/terraform/prod.tfvars", line: 12, commit: "3f9c2a7e5b1d4c8a9e0f6b2d7c3a1e5f9b8d2c4a", url: "https://github.com/acme/payments-api/security/secret-scanning/3" },
      identity: { system: "AWS", kind: "api_key", externalId: "AKIAIOSFODNN7EXAMPLE", name: "AKIA…MPLE" },
      detectedAt: "2024-03-14T09:30:12.000Z",
      resolved: false,
    });
    expect(pat).toMatchObject({ resolved: true, severity: "low", title: "GitHub Personal Access Token in acme/payments-api (alert #1, push protection bypassed)", identity: { system: "GitHub", kind: "token" } });
    expect(webhook).toMatchObject({ resolved: false, severity: "critical", secretRedacted: null, secretHash: null, identity: null });
    expect(webhook!.title).toContain("publicly leaked");
    expect(password).toMatchObject({ fingerprint: "github:acme/données-client:2", resolved: true, severity: "medium", identity: { system: "Generic", kind: "secret" } });
  });

  it("takes the repository from the caller or the alert's URL when the listing is per repository", () => {
    const alerts = JSON.parse(readFileSync(path.join(dir, "github-secret-scanning-alerts.json"), "utf8")) as Record<string, unknown>[];
    const bare = alerts.map(({ repository: _r, ...a }) => a);
    expect(findings(parseGithubSecretScanning(text(JSON.stringify(bare))))[0]!.fingerprint).toBe("github:acme/payments-api:3");
    const noUrls = bare.map(({ url: _u, html_url: _h, ...a }) => a);
    expect(findings(parseGithubSecretScanning(text(JSON.stringify(noUrls)), { repository: "acme/other" }))[0]!.fingerprint).toBe("github:acme/other:3");
  });

  it("reports each bad alert by number and field", () => {
    const r = parseGithubSecretScanning(bytes("github-secret-scanning-partly-bad.json"));
    expect(findings(r).map((f) => f.fingerprint)).toEqual(["github:acme/payments-api:3"]);
    expect(r.errors).toEqual([
      { record: 2, field: "state", reason: 'must be "open" or "resolved", got "dismissed"' },
      { record: 3, field: "number", reason: "missing (GitHub numbers every alert within its repository)" },
      { record: 4, field: "repository", reason: "missing: the alert names no repository (pass one for alerts from the repository endpoint)" },
      { record: 5, field: null, reason: "is not an alert object (each element of the alerts list is an object)" },
    ]);
  });
});

describe("every secret-scanner parser", () => {
  const samples: [string, Parser][] = [
    ["gitleaks-report.json", gitleaksParser],
    ["gitleaks-report-partly-bad.json", gitleaksParser],
    ["trufflehog.jsonl", parseTrufflehog],
    ["trufflehog-partly-bad.jsonl", parseTrufflehog],
    ["github-secret-scanning-alerts.json", (b) => parseGithubSecretScanning(b)],
  ];

  it.each(samples)("never puts a raw secret from %s in a record", (name, parse) => {
    const secrets = secretsIn(name);
    expect(secrets.length).toBeGreaterThan(2);
    const r = parse(bytes(name));
    expect(r.records.length).toBeGreaterThan(0);
    expectNoSecretIn(r.records, secrets);
    for (const e of r.errors) for (const s of secrets) expect(e.reason.includes(s)).toBe(false);
  });

  it.each(samples)("gives %s stable, distinct fingerprints", (name, parse) => {
    const once = parse(bytes(name)).records.map((r) => (r as FindingRecord).fingerprint);
    expect(parse(bytes(name)).records.map((r) => (r as FindingRecord).fingerprint)).toEqual(once);
    expect(new Set(once).size).toBe(once.length);
  });

  const fileLevel: [string, Uint8Array, RegExp][] = [
    ["an empty file", new Uint8Array(0), /empty/],
    ["only whitespace", text(" \n\n "), /empty/],
    ["binary junk", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /binary/],
    ["Latin-1 text", new Uint8Array([0x5b, 0x22, 0xe9, 0x22, 0x5d]), /not UTF-8/],
    ["not JSON", text("Finding: secret\nRuleID: x"), /not valid JSON|no line is JSON/],
  ];
  for (const [format, parse] of PARSERS) {
    it.each(fileLevel)(`${format}: refuses %s with one file-level error`, (_what, input, reason) => {
      const r = parse(input);
      expect(r.records).toEqual([]);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]!.reason).toMatch(reason);
      expect(r.errors[0]!.record).toBe(0);
    });
  }

  it.each([["gitleaks", gitleaksParser], ["github-secret-scanning", (b: Uint8Array) => parseGithubSecretScanning(b)]] as const)(
    "%s: refuses an object where an array belongs, and strips a byte-order mark",
    (_f, parse) => {
      expect(parse(text('{"findings": []}')).errors).toEqual([{ record: 0, field: null, reason: expect.stringMatching(/holds an object at the top level/) }]);
      expect(parse(text("\uFEFF[]"))).toEqual({ records: [], errors: [] });
    },
  );

  it("survives hostile values: huge strings, control characters, __proto__, deep nesting", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const long = "x".repeat(2_000_000);
    const hostile = JSON.stringify([
      { __proto__: { polluted: true }, RuleID: `evil\u0000\u202erule${long}`, Fingerprint: "f:1", File: `a\u001b[31m\u202efile${long}`, StartLine: 1, Secret: long, Commit: "" },
    ]).replace('"RuleID"', '"__proto__":{"polluted":true},"RuleID"');
    const r = gitleaksParser(text(hostile));
    expect(r.errors).toEqual([]);
    const f = findings(r)[0]!;
    expect(f.title.length).toBeLessThanOrEqual(300);
    expect(f.rule.length).toBeLessThanOrEqual(200);
    expect(f.title).not.toMatch(/[\u0000-\u001f\u202e]/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const [, parse] of PARSERS) expect(() => parse(text(deep))).not.toThrow();
    expect(() => parseTrufflehog(text(`${deep}\n{"__proto__":{"DetectorName":"x"}}`))).not.toThrow();
  });

  it("never throws on random bytes or random JSON", () => {
    const inputs = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      fc.json().map(text),
      fc.array(fc.json(), { maxLength: 5 }).map((a) => text(a.join("\n"))),
      fc.array(fc.dictionary(fc.constantFrom("RuleID", "Fingerprint", "File", "StartLine", "Secret", "number", "state", "secret_type", "DetectorName", "Raw", "SourceMetadata", "__proto__"), fc.jsonValue()), { maxLength: 4 }).map((a) => text(JSON.stringify(a))),
    );
    fc.assert(
      fc.property(inputs, (input) => {
        for (const [, parse] of PARSERS) {
          const r = parse(input);
          expect(Array.isArray(r.records) && Array.isArray(r.errors)).toBe(true);
          for (const e of r.errors) expect(typeof e.reason).toBe("string");
        }
      }),
      { numRuns: 400 },
    );
  });
});
