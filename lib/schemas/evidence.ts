// Request and response shapes for evidence (SPEC §6): the JSON body for notes, links and system checks (also the
// server action's input), the multipart form for files, and what the API answers. lib/api/openapi.ts documents them.
import { z } from "zod";
import { EVIDENCE_KINDS } from "../domain/vocabulary";
import { EVIDENCE_TYPES } from "../domain/evidence-file";

const id = z.uuid("Not a work item id.");
export const evidenceSummary = z.string().trim().min(3, "Describe the evidence in a few words.").max(2000, "Keep the summary under 2,000 characters.");
const supersedes = z
  .uuid("Name the evidence record to correct by its id.")
  .nullish()
  .describe("The id of an earlier evidence record on the same item that this one corrects. A record is corrected once.");

/** A system's own reading, recorded as it was observed: e.g. the access key AKIA…7QX2 is now inactive. */
export const systemCheckResult = z
  .strictObject({
    check: z
      .string()
      .trim()
      .regex(/^[a-z0-9_-]+(?:\.[a-z0-9_-]+)+$/, "Name the check as dotted lower-case words, e.g. aws.iam.access_key_status.")
      .max(100)
      .describe("What was checked, as a dotted name, e.g. `aws.iam.access_key_status`."),
    target: z.string().trim().min(1, "Say what was checked (e.g. the key id).").max(200).describe("What it was checked on, e.g. `AKIA…7QX2` (mask secrets)."),
    status: z.enum(["pass", "fail"], "The status is pass or fail.").describe("`pass`: the system shows the remediation in place."),
    observedAt: z.iso.datetime({ offset: true, error: "Give the time of the observation as an ISO date-time, e.g. 2025-03-01T09:30:00Z." }),
    details: z
      .record(z.string(), z.unknown())
      .refine((d) => JSON.stringify(d).length <= 4000, "Keep the details under 4,000 characters of JSON.")
      .optional()
      .describe("Anything else the check reported, as a small JSON object (at most 4,000 characters)."),
  })
  .meta({ id: "SystemCheckResult" });

export type SystemCheckResult = z.infer<typeof systemCheckResult>;

const note = { kind: z.literal("note"), summary: evidenceSummary, supersedes };
const link = { ...note, kind: z.literal("link"), url: z.url({ protocol: /^https?$/, error: "A link needs its address (http or https)." }) };
const check = { ...note, kind: z.literal("system_check"), result: systemCheckResult };
const kindError = { error: "Say which kind of evidence: note, link or system_check (files are uploaded as multipart/form-data)." };

/** The JSON body of POST /api/v1/work-items/{id}/evidence. */
export const evidenceBody = z
  .discriminatedUnion("kind", [z.object(note), z.object(link), z.object(check)], kindError)
  .meta({ id: "EvidenceJson" });

/** The same, with the item's id: the server action's input and the mutation's. */
export const evidenceInput = z.discriminatedUnion("kind", [z.object({ id, ...note }), z.object({ id, ...link }), z.object({ id, ...check })], kindError);
export type EvidenceInput = z.infer<typeof evidenceInput>;

/** The multipart form of a file upload: what the route validates the parsed form with. */
export const evidenceUpload = z
  .object({
    file: z.file("Choose a file to upload (the form field is named `file`).").describe(`The file: ${Object.values(EVIDENCE_TYPES).join(", ")}; its type is detected from its content.`),
    summary: evidenceSummary,
    supersedes,
  })
  .meta({ id: "EvidenceUpload" });

/** The file upload as the mutation receives it, once the bytes are read. */
export const fileEvidenceInput = z.object({
  id,
  summary: evidenceSummary,
  supersedes,
  fileName: z.string().max(1000),
  bytes: z.instanceof(Uint8Array),
});

export const evidenceOut = z
  .object({
    id: z.uuid(),
    workItemId: z.uuid(),
    kind: z.enum(EVIDENCE_KINDS),
    summary: z.string(),
    url: z.string().nullable(),
    fileName: z.string().nullable().describe("Files: the name it was uploaded with (cleaned)."),
    contentType: z.enum(Object.keys(EVIDENCE_TYPES) as [keyof typeof EVIDENCE_TYPES]).nullable().describe("Files: the type detected from the content."),
    sizeBytes: z.int().nullable(),
    sha256: z.string().nullable().describe("Files: SHA-256 of the stored bytes, lower-case hex."),
    result: systemCheckResult.nullable(),
    supersedesId: z.uuid().nullable().describe("The record this one corrects."),
    createdById: z.uuid().nullable().describe("Null when an integration added it."),
    createdAt: z.iso.datetime(),
    downloadUrl: z.string().nullable().describe("Files: where to download the bytes (as an attachment)."),
  })
  .meta({ id: "Evidence" });

export const evidenceEnvelope = z.object({ evidence: evidenceOut });
export type ApiEvidence = z.infer<typeof evidenceOut>;
