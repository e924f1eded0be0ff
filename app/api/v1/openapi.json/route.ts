// GET /api/v1/openapi.json: the API's OpenAPI 3.1 document (SPEC §10), generated from the request
// validators. Public on purpose: it describes the contract, not any organisation's data.
import { buildOpenApi } from "@/lib/api/openapi";

export const dynamic = "force-static";

const document = buildOpenApi();

export function GET(): Response {
  return Response.json(document);
}
