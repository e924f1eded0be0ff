// Identity-source parsers (SPEC §7): AWS IAM credential report, SCIM 2.0 Users, our CSV — realistic samples,
// partly bad files with record numbers, whole-file failures, and hostile bytes that must never throw.
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAwsCredentialReport } from "@/lib/intake/parsers/aws-credential-report";
import { parseCsvIdentities } from "@/lib/intake/parsers/csv-identities";
import { parseScimUsers } from "@/lib/intake/parsers/scim-users";
import { isoDate, readCsv } from "@/lib/intake/parsers/text";
import type { IdentityRecord, ParseResult } from "@/lib/intake/types";

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(__dirname, "../fixtures/intake", name)));
const utf8 = (s: string) => new TextEncoder().encode(s);
const identities = (r: ParseResult) => r.records as IdentityRecord[];
const byName = (r: ParseResult, name: string) => identities(r).find((x) => x.name === name);
const fileLevel = (r: ParseResult) => {
  expect(r.records).toEqual([]);
  expect(r.errors).toHaveLength(1);
  expect(r.errors[0]!.record).toBe(0);
  return r.errors[0]!.reason;
};
const ACCOUNT = "arn:aws:iam::123456789012";

describe("readCsv", () => {
  it("reads quotes, doubled quotes, embedded line breaks and mixed line ends", () => {
    const csv = readCsv('a,b\r\n"x, y","say ""hi"""\n"two\r\nlines",\rlast,"q"\n');
    expect(csv).toEqual({ ok: true, rows: [["a", "b"], ["x, y", 'say "hi"'], ["two\r\nlines", ""], ["last", "q"]] });
  });

  it("refuses a quote that never closes, naming where it opened", () => {
    const csv = readCsv('a,b\n1,2\n3,"oops\n4,5\n');
    expect(csv.ok).toBe(false);
    if (!csv.ok) expect(csv.reason).toMatch(/line 3/);
  });
});

describe("isoDate", () => {
  it("normalises dates and offsets to UTC and refuses what it would have to guess", () => {
    expect(isoDate("2024-06-14T16:59:00+01:00")).toEqual({ ok: true, value: "2024-06-14T15:59:00.000Z" });
    expect(isoDate("2024-01-31")).toEqual({ ok: true, value: "2024-01-31T00:00:00.000Z" });
    expect(isoDate("2024-02-29T23:30:00.5-02:30")).toEqual({ ok: true, value: "2024-03-01T02:00:00.500Z" });
    expect(isoDate("2024-01-31T09:00:00+0100")).toEqual({ ok: true, value: "2024-01-31T08:00:00.000Z" });
    expect(isoDate("2023-02-30").ok).toBe(false);
    expect(isoDate("2024-13-01").ok).toBe(false);
    expect(isoDate("2024-01-01T24:00:00Z").ok).toBe(false);
    expect(isoDate("2024-06-01T10:00").ok).toBe(false);
    expect(isoDate("31/01/2024").ok).toBe(false);
  });
});

describe("aws-credential-report", () => {
  const report = parseAwsCredentialReport(fixture("aws-credential-report.csv"));

  it("reads every user of a realistic report without errors", () => {
    expect(report.errors).toEqual([]);
    expect(identities(report).map((r) => r.name)).toEqual(["<root_account>", "alice.nguyen", "ci-deploy", "bob.okafor", "legacy-backup", "metrics-reader"]);
  });

  it("reads the root row as a privileged person, its not_supported cells as no date", () => {
    expect(byName(report, "<root_account>")).toEqual({
      type: "identity",
      system: "AWS IAM",
      externalId: `${ACCOUNT}:root`,
      name: "<root_account>",
      kind: "human",
      ownerName: null,
      ownerEmail: null,
      ownerActive: true,
      status: "active",
      privileged: true,
      interactiveAccess: true,
      createdAt: "2019-03-04T09:12:44.000Z",
      lastUsedAt: "2024-05-02T18:03:11.000Z",
      lastRotatedAt: null,
      expiresAt: null,
      tier: null,
      purpose: null,
      rotationPeriodDays: null,
      credentials: [],
    });
  });

  it("reads a service account with two keys, judged on the one rotated long ago", () => {
    const arn = `${ACCOUNT}:user/service/ci-deploy`;
    expect(byName(report, "ci-deploy")).toEqual({
      type: "identity",
      system: "AWS IAM",
      externalId: arn,
      name: "ci-deploy",
      kind: "service_account",
      ownerName: null,
      ownerEmail: null,
      ownerActive: true,
      status: "active",
      privileged: false,
      interactiveAccess: false,
      createdAt: "2020-01-15T14:22:05.000Z",
      lastUsedAt: "2024-06-12T22:40:00.000Z",
      lastRotatedAt: "2020-01-15T14:22:06.000Z",
      expiresAt: null,
      tier: null,
      purpose: null,
      rotationPeriodDays: null,
      credentials: [
        { externalId: `${arn}#access_key_1`, kind: "api_key", active: true, lastRotatedAt: "2020-01-15T14:22:06.000Z", lastUsedAt: "2024-06-11T03:15:00.000Z" },
        { externalId: `${arn}#access_key_2`, kind: "api_key", active: true, lastRotatedAt: "2024-03-01T09:00:00.000Z", lastUsedAt: "2024-06-12T22:40:00.000Z" },
      ],
    });
  });

  it("reads a console user, a never-used password, an inactive key and a certificate", () => {
    const alice = byName(report, "alice.nguyen")!;
    expect([alice.kind, alice.interactiveAccess, alice.lastUsedAt, alice.expiresAt]).toEqual(["human", true, "2024-06-10T07:45:12.000Z", "2024-04-19T10:00:00.000Z"]);
    const bob = byName(report, "bob.okafor")!;
    expect([bob.kind, bob.lastUsedAt, bob.lastRotatedAt, bob.credentials]).toEqual(["human", null, "2024-05-30T11:00:00.000Z", []]);
    const legacy = byName(report, "legacy-backup")!;
    expect(legacy.credentials.map((c) => [c.externalId.split("#")[1], c.kind, c.active])).toEqual([
      ["access_key_1", "api_key", false],
      ["cert_1", "certificate", true],
    ]);
    expect(legacy.lastRotatedAt).toBeNull(); // no active key, no password
    expect(byName(report, "metrics-reader")!.credentials[0]!.lastUsedAt).toBeNull(); // N/A: never used
  });

  it("reads a BOM, CRLF and a trailing line end the same as the plain file", () => {
    const bytes = fixture("aws-credential-report-bom-crlf.csv");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseAwsCredentialReport(bytes)).toEqual(report);
  });

  it("reports each bad row by number and field, and keeps the good ones", () => {
    const r = parseAwsCredentialReport(fixture("aws-credential-report-partly-bad.csv"));
    expect(identities(r).map((x) => x.name)).toEqual(["alice.nguyen", "metrics-reader"]);
    expect(r.errors.map((e) => [e.record, e.field])).toEqual([
      [2, "user_creation_time"],
      [2, "access_key_1_active"],
      [3, null],
      [4, "arn"],
    ]);
    expect(r.errors[0]!.reason).toContain('"yesterday" is not a date');
    expect(r.errors[2]!.reason).toContain("5 values but the header has 22 columns");
  });

  it("refuses a file whose header lacks report columns, naming them", () => {
    const reason = fileLevel(parseAwsCredentialReport(fixture("aws-credential-report-wrong-header.csv")));
    expect(reason).toContain('"arn", "mfa_active"');
  });

  it("refuses an empty file, binary junk and non-UTF-8 as a whole", () => {
    expect(fileLevel(parseAwsCredentialReport(new Uint8Array()))).toMatch(/empty/);
    expect(fileLevel(parseAwsCredentialReport(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x14])))).toMatch(/binary/);
    expect(fileLevel(parseAwsCredentialReport(new Uint8Array([0x75, 0x73, 0xe9, 0x72, 0x0a])))).toMatch(/UTF-8/);
  });
});

describe("scim-users", () => {
  const list = parseScimUsers(fixture("scim-users-list.json"));

  it("reads a ListResponse, with the manager as owner", () => {
    expect(list.errors).toEqual([]);
    expect(byName(list, "Tom Becker")).toEqual({
      type: "identity",
      system: "SCIM",
      externalId: "7d2c1e55-0b1a-4f3e-9c55-2a1d0e7b9f10",
      name: "Tom Becker",
      kind: "human",
      ownerName: "Priya Shah",
      ownerEmail: "priya.shah@northwind.example",
      ownerActive: true,
      status: "active",
      privileged: false,
      interactiveAccess: true,
      createdAt: "2022-03-14T09:30:00.000Z",
      lastUsedAt: null,
      lastRotatedAt: null,
      expiresAt: null,
      tier: null,
      purpose: null,
      rotationPeriodDays: null,
      credentials: [],
    });
  });

  it("brings active: false through as a disabled person without access", () => {
    const dana = byName(list, "Dana Ivanova")!;
    expect([dana.status, dana.interactiveAccess, dana.ownerName, dana.ownerEmail]).toEqual(["disabled", false, "Marco Rossi", null]);
  });

  it("marks an owner deactivated when the manager is a deactivated user in the same file", () => {
    const sam = byName(list, "Sam Lee")!;
    expect([sam.ownerName, sam.ownerEmail, sam.ownerActive, sam.status]).toEqual(["Dana Ivanova", "dana.ivanova@northwind.example", false, "active"]);
  });

  it("falls back to the person themself as owner, with their primary email", () => {
    const priya = byName(list, "Priya Shah")!;
    expect([priya.ownerName, priya.ownerEmail, priya.ownerActive]).toEqual(["Priya Shah", "priya.shah@northwind.example", true]);
  });

  it("reads a plain array the same, and takes the source label as the system", () => {
    expect(parseScimUsers(fixture("scim-users-array.json"))).toEqual(list);
    expect(identities(parseScimUsers(fixture("scim-users-array.json"), { system: "Okta" })).every((r) => r.system === "Okta")).toBe(true);
  });

  it("reports each bad resource by number, keeps the good ones, and treats hostile keys as data", () => {
    const r = parseScimUsers(fixture("scim-users-partly-bad.json"));
    expect(identities(r).map((x) => [x.externalId, x.status])).toEqual([
      ["u-1", "active"],
      ["u-6", "disabled"],
    ]);
    expect(r.errors.map((e) => [e.record, e.field])).toEqual([
      [2, "id"],
      [3, "active"],
      [4, null],
      [5, "meta.created"],
    ]);
    expect(({} as Record<string, unknown>).active).toBeUndefined();
  });

  it("refuses truncated JSON, a single User and a non-list object as a whole", () => {
    expect(fileLevel(parseScimUsers(fixture("scim-users-truncated.json")))).toMatch(/truncated/);
    expect(fileLevel(parseScimUsers(fixture("scim-users-single.json")))).toMatch(/single User/);
    expect(fileLevel(parseScimUsers(utf8('{"totalResults": 3}')))).toMatch(/not a SCIM ListResponse/);
    expect(fileLevel(parseScimUsers(utf8("42")))).toMatch(/neither/);
  });

  it("reads an empty ListResponse (no Resources when totalResults is 0)", () => {
    expect(parseScimUsers(utf8('{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0}'))).toEqual({ records: [], errors: [] });
  });
});

describe("csv identities", () => {
  const csv = parseCsvIdentities(fixture("identities.csv"));

  it("reads the documented columns, quoted values and a value spanning lines", () => {
    expect(csv.errors).toEqual([]);
    expect(identities(csv).map((r) => r.name)).toEqual(["deploy-bot", "Payments, restricted key", "Dana Ivanova", "npm publish token"]);
    expect(identities(csv)[0]).toEqual({
      type: "identity",
      system: "GitHub",
      externalId: "app/4521877",
      name: "deploy-bot",
      kind: "service_account",
      ownerName: "Priya Shah",
      ownerEmail: "priya.shah@northwind.example",
      ownerActive: true,
      status: "active",
      privileged: true,
      interactiveAccess: false,
      createdAt: "2021-04-02T00:00:00.000Z",
      lastUsedAt: "2024-06-12T08:00:00.000Z",
      lastRotatedAt: "2024-01-10T09:00:00.000Z",
      expiresAt: null,
      credentials: [],
      tier: "T1",
      purpose: 'Deploys the storefront; holds "contents: write" on 12 repositories',
      rotationPeriodDays: 90,
    });
    expect(byName(csv, "Payments, restricted key")!.lastRotatedAt).toBe("2023-02-01T00:00:00.000Z");
    expect(byName(csv, "Dana Ivanova")!.lastUsedAt).toBe("2024-06-14T15:59:00.000Z");
  });

  it("keeps a formula-looking cell as plain data and an empty owner as orphaned", () => {
    const token = byName(csv, "npm publish token")!;
    expect([token.ownerName, token.ownerEmail, token.expiresAt]).toEqual([null, null, "2025-03-31T00:00:00.000Z"]);
    expect((token as IdentityRecord).purpose).toBe("=cmd|' /C calc'!A0");
  });

  it("reports each bad row by number, field and a fix, and keeps the good ones", () => {
    const r = parseCsvIdentities(fixture("identities-partly-bad.csv"));
    expect(identities(r).map((x) => x.externalId)).toEqual(["app/1", "sp/7"]);
    expect(r.errors.map((e) => [e.record, e.field])).toEqual([
      [2, "kind"],
      [3, "system"],
      [4, "owner_email"],
      [4, "status"],
      [4, "tier"],
      [4, "last_used_at"],
      [4, "rotation_period_days"],
      [5, "external_id"],
      [6, null],
    ]);
    expect(r.errors[0]!.reason).toBe('"robot" is not a kind; use one of human, service_account, api_key, token, certificate, secret, workload, agent');
  });

  it("refuses an unknown column by name, and a header without the required ones", () => {
    expect(fileLevel(parseCsvIdentities(fixture("identities-unknown-column.csv")))).toContain('"onwer_email"');
    expect(fileLevel(parseCsvIdentities(utf8("system,name\nGitHub,x\n")))).toContain('"external_id", "kind"');
  });

  it("caps hostile values: over-long names are refused, control characters removed", () => {
    const long = "x".repeat(5000);
    const r = parseCsvIdentities(utf8(`system,external_id,name,kind\nGitHub,a,${long},human\nGitHub,__proto__,"bell\u0007 tab\there",agent\n`));
    expect(r.errors).toEqual([{ record: 1, field: "name", reason: "is 5000 characters; at most 300" }]);
    expect(identities(r).map((x) => [x.externalId, x.name])).toEqual([["__proto__", "bell  tab here"]]);
  });
});

describe("hostile input", () => {
  const parsers = [parseAwsCredentialReport, (b: Uint8Array) => parseScimUsers(b), parseCsvIdentities];

  it("never throws on random bytes, and always returns records or errors", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        for (const parse of parsers) {
          const r = parse(bytes);
          expect(Array.isArray(r.records) && Array.isArray(r.errors)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on random text after a valid header or as JSON-ish input", () => {
    const awsHeader = new TextDecoder().decode(fixture("aws-credential-report.csv")).split("\n")[0]!;
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 500 }), fc.constantFrom(",", "\n", '"', "\r\n"), (s, sep) => {
        const body = s.split("").join(sep);
        parseAwsCredentialReport(utf8(`${awsHeader}\n${body}`));
        parseCsvIdentities(utf8(`system,external_id,name,kind\n${body}`));
        parseScimUsers(utf8(`[${s}]`));
        parseScimUsers(utf8(`{"Resources":[{"id":${JSON.stringify(s)},"active":${JSON.stringify(s)},"meta":{"created":${JSON.stringify(s)}}}]}`));
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on random JSON values as SCIM", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        parseScimUsers(utf8(JSON.stringify(v)));
        parseScimUsers(utf8(JSON.stringify({ Resources: [v] })));
      }),
      { numRuns: 300 },
    );
  });
});
