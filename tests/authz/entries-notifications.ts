// The rows of the authorization matrix for notifications (issue 4). tests/authz/all.ts joins every entries file.
import type { MatrixEntry } from "./matrix";

export const ENTRIES: MatrixEntry[] = [];
