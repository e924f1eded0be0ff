// SCIM 2.0 User resources (RFC 7643 §4.1, with the enterprise extension of §4.3), as a ListResponse (RFC 7644
// §3.4.2) or a plain JSON array: one human identity per user. `active: false` is a deactivated person and comes
// through as status `disabled` — the revocation rule depends on it.
import type { IdentityRecord, ParseResult, RecordError } from "../types";
import { clean, decodeText, fieldReader, isObject, own, parseJson, type Obj } from "./shared";
import { fileFailure, isoDate, MAX_EMAIL, MAX_ID, MAX_NAME } from "./text";

export const SCIM_SYSTEM = "SCIM";
export const LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

export interface ScimOptions {
  /** The identity provider, e.g. "Okta" or "Entra ID"; identities are matched by (system, id). */
  system?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The Resources of a ListResponse, or the array itself; otherwise why not. */
function resourcesOf(value: unknown): { ok: true; items: unknown[] } | { ok: false; reason: string } {
  if (Array.isArray(value)) return { ok: true, items: value };
  if (!isObject(value)) return { ok: false, reason: "the file holds neither a SCIM ListResponse nor a JSON array of User resources" };
  const schemas = own(value, "schemas");
  const resources = own(value, "Resources");
  const isList = Array.isArray(schemas) && schemas.includes(LIST_RESPONSE);
  if (Array.isArray(resources)) return { ok: true, items: resources };
  if (isList && resources === undefined) return { ok: true, items: [] }; // RFC 7644: Resources may be absent when totalResults is 0
  if (isList) return { ok: false, reason: "the ListResponse's Resources is not an array" };
  if (own(value, "userName") !== undefined) return { ok: false, reason: "the file holds a single User resource; wrap it in a JSON array or a ListResponse" };
  return { ok: false, reason: "the file holds a JSON object that is not a SCIM ListResponse (no Resources array)" };
}

/** A SCIM boolean; some providers send "True"/"False" strings. */
function bool(v: unknown): boolean | null | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === "true";
  return null;
}

/** The email to reach a person at: the primary, else a work address, else the first. */
function emailOf(user: Obj): string | null {
  const emails = own(user, "emails");
  if (!Array.isArray(emails)) return null;
  const valid = emails.filter(isObject).filter((e) => typeof own(e, "value") === "string" && EMAIL.test(own(e, "value") as string));
  const pick = valid.find((e) => own(e, "primary") === true) ?? valid.find((e) => own(e, "type") === "work") ?? valid[0];
  const value = pick ? (own(pick, "value") as string).trim() : null;
  return value !== null && value.length <= MAX_EMAIL ? value : null;
}

const str = (o: Obj | null, key: string): string | null => {
  const v = o === null ? undefined : own(o, key);
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
};

/** displayName, else name.formatted, else given + family name, else userName. */
function nameOf(user: Obj, name: Obj | null): string | null {
  const given = [str(name, "givenName"), str(name, "familyName")].filter((s) => s !== null).join(" ");
  return str(user, "displayName") ?? str(name, "formatted") ?? (given || null) ?? str(user, "userName");
}

interface Person {
  name: string | null;
  email: string | null;
  active: boolean;
}

export function parseScimUsers(bytes: Uint8Array, options: ScimOptions = {}): ParseResult {
  const system = clean(options.system ?? SCIM_SYSTEM, 100) || SCIM_SYSTEM;
  const decoded = decodeText(bytes, "SCIM User resources (JSON)");
  if (!decoded.ok) return fileFailure(decoded.error);
  const parsed = parseJson(decoded.text);
  if (!parsed.ok) return fileFailure(`the file ${parsed.reason}; expected a SCIM ListResponse or a JSON array of User resources`);
  const list = resourcesOf(parsed.value);
  if (!list.ok) return fileFailure(list.reason);

  // Managers are users too: index everyone by id first, so an owner's email and deactivation are known.
  const people = new Map<string, Person>();
  for (const item of list.items) {
    if (!isObject(item)) continue;
    const id = str(item, "id");
    if (id === null || people.has(id)) continue;
    const active = bool(own(item, "active"));
    people.set(id, { name: nameOf(item, isObject(own(item, "name")) ? (own(item, "name") as Obj) : null), email: emailOf(item), active: active !== false });
  }

  const records: IdentityRecord[] = [];
  const errors: RecordError[] = [];
  const seen = new Map<string, number>();
  list.items.forEach((item, i) => {
    const record = i + 1;
    if (!isObject(item)) {
      errors.push({ record, field: null, reason: "this entry is not a User resource (a JSON object)" });
      return;
    }
    const f = fieldReader(item, record, errors);
    const id = f.string("id");
    const externalId = f.string("externalId");
    const userName = f.string("userName");
    const name = f.object("name");
    const meta = f.object("meta");
    const enterprise = f.object(ENTERPRISE_USER);
    const key = id ?? externalId ?? userName;
    if (key === null) f.fail("id", "missing: a User needs an id (or at least an externalId or userName) to be matched on re-import");
    else if (key.length > MAX_ID) f.fail(id !== null ? "id" : externalId !== null ? "externalId" : "userName", `is ${key.length} characters; at most ${MAX_ID}`);
    const active = bool(own(item, "active"));
    if (active === null) f.fail("active", "must be true or false; it says whether the person may still sign in");
    let createdAt: string | null = null;
    const created = meta === null ? null : own(meta, "created");
    if (typeof created === "string" && created.trim() !== "") {
      const d = isoDate(created);
      if (d.ok) createdAt = d.value;
      else f.fail("meta.created", d.reason);
    }
    const managerRef = enterprise === null ? null : own(enterprise, "manager");
    const manager = isObject(managerRef) ? managerRef : null;
    const managerId = typeof managerRef === "string" ? managerRef.trim() || null : str(manager, "value"); // some IdPs send the id as a string
    if (!f.ok || key === null) return;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ record, field: "id", reason: `the same id as record ${first}; each user may appear once` });
      return;
    }
    seen.set(key, record);

    const isActive = active !== false; // RFC 7643 gives `active` no default; providers omit it for active users
    const known = managerId === null ? undefined : people.get(managerId);
    const managerName = str(manager, "displayName") ?? known?.name ?? managerId;
    // The manager is accountable for a person's access; with none, the person answers for themself.
    const owner: Person = managerName !== null ? { name: managerName, email: known?.email ?? null, active: known?.active ?? true } : { name: nameOf(item, name), email: emailOf(item), active: isActive };
    records.push({
      type: "identity",
      system,
      externalId: key,
      name: clean(nameOf(item, name) ?? key, MAX_NAME),
      kind: "human",
      ownerName: owner.name === null ? null : clean(owner.name, MAX_NAME),
      ownerEmail: owner.email,
      ownerActive: owner.active,
      status: isActive ? "active" : "disabled",
      privileged: false,
      interactiveAccess: isActive,
      createdAt,
      lastUsedAt: null,
      lastRotatedAt: null,
      expiresAt: null,
      tier: null,
      purpose: null,
      rotationPeriodDays: null,
      credentials: [],
    });
  });
  return { records, errors };
}
