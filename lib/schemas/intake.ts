// The answer of POST /api/v1/intake/{format} (SPEC §10), for the OpenAPI document.
import { z } from "zod";

export const intakeOutcomeOut = z
  .object({
    created: z.int().describe("New work items (findings) and new identities."),
    updated: z.int().describe("Identities whose source changed them."),
    reopened: z.int().describe("Items closed as remediated whose finding came back (now regressed)."),
    unchanged: z.int().describe("Records already known as they are (a re-import of the same file is all unchanged)."),
    rejected: z.array(z.object({ record: z.int().describe("1-based record number; 0 for the file as a whole."), field: z.string().nullable(), error: z.string() })),
    raised: z
      .object({ rotation_due: z.int(), orphaned: z.int(), deactivated_access: z.int() })
      .describe("Work the inventory rules raised after the import, per rule: secret_rotation, orphan_assignment and revocation items."),
  })
  .meta({ id: "IntakeOutcome" });
