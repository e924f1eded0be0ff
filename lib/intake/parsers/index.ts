// One parser per format, for the API, the CLI and the UI alike.
import type { IntakeFormat, Parser } from "../types";
import { parseAwsCredentialReport } from "./aws-credential-report";
import { parseCsvIdentities } from "./csv-identities";
import { githubSecretScanningParser } from "./github-secret-scanning";
import { gitleaksParser } from "./gitleaks";
import { parseScimUsers } from "./scim-users";
import { trufflehogParser } from "./trufflehog";

export const PARSERS: Record<IntakeFormat, Parser> = {
  gitleaks: gitleaksParser,
  trufflehog: trufflehogParser,
  "github-secret-scanning": githubSecretScanningParser,
  "aws-credential-report": parseAwsCredentialReport,
  "scim-users": (bytes) => parseScimUsers(bytes),
  csv: parseCsvIdentities,
};
