// Every row of the authorization matrix, from each area's entries file.
import { ENTRIES as SERVICE_CYCLE } from "./entries";
import { ENTRIES as NOTIFICATIONS } from "./entries-notifications";
import { ENTRIES as POLICIES } from "./entries-policies";
import { ENTRIES as REGISTER } from "./entries-register";
import { ENTRIES as EVIDENCE } from "./entries-evidence";
import { ENTRIES as ACCEPTANCES } from "./entries-acceptances";
import { ENTRIES as PAGES } from "./entries-pages";
import { ENTRIES as INTAKE } from "./entries-intake";
import { ENTRIES as INVENTORY } from "./entries-inventory";
import { ENTRIES as CAMPAIGNS } from "./entries-campaigns";
import { ENTRIES as IDENTITIES } from "./entries-identities";
import { ENTRIES as METRICS } from "./entries-metrics";
import type { MatrixEntry } from "./matrix";

export const ENTRIES: MatrixEntry[] = [...SERVICE_CYCLE, ...NOTIFICATIONS, ...POLICIES, ...EVIDENCE, ...ACCEPTANCES, ...REGISTER, ...PAGES, ...INTAKE, ...INVENTORY, ...CAMPAIGNS, ...IDENTITIES, ...METRICS];
