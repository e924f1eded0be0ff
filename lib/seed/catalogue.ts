// Realistic identities and work for the demo organisations: what a practitioner would recognise.
import type { IdentityKind, Tier } from "../domain/vocabulary";

export interface IdentityTemplate {
  kind: IdentityKind;
  name: string;
  system: string;
  purpose: string;
  tier: Tier;
  privileged?: boolean;
  rotationPeriodDays?: number;
}

export const PEOPLE = [
  "Priya Raman", "Marcus Chen", "Elena Petrova", "Tom Okafor", "Sofia Lindqvist", "James Whitaker",
  "Aisha Bello", "Lukas Becker", "Hannah Kim", "Diego Alvarez", "Nora Haddad", "Owen Gallagher",
];

export function identityTemplates(domain: string): IdentityTemplate[] {
  return [
    { kind: "human", name: "priya.raman", system: "Okta", purpose: "Cloud platform engineer", tier: "T2", privileged: true },
    { kind: "human", name: "marcus.chen", system: "Entra ID", purpose: "Finance systems administrator", tier: "T1", privileged: true },
    { kind: "human", name: "elena.petrova", system: "Okta", purpose: "Site reliability engineer (on-call)", tier: "T2", privileged: true },
    { kind: "human", name: "tom.okafor", system: "Entra ID", purpose: "Contractor — data migration (ended)", tier: "T3" },
    { kind: "human", name: "sofia.lindqvist", system: "Okta", purpose: "Security engineer", tier: "T2", privileged: true },
    { kind: "human", name: "break-glass-admin", system: "AWS IAM", purpose: "Emergency root-equivalent access", tier: "T1", privileged: true, rotationPeriodDays: 90 },
    { kind: "service_account", name: `svc-backup@${domain}-prod.iam.gserviceaccount.com`, system: "Google Cloud", purpose: "Nightly Cloud SQL backups", tier: "T2", privileged: true, rotationPeriodDays: 90 },
    { kind: "service_account", name: "arn:aws:iam::418273645512:role/ci-deployer", system: "AWS IAM", purpose: "Deploys services from CI to production", tier: "T1", privileged: true },
    { kind: "service_account", name: "svc_sap_interface", system: "Active Directory", purpose: "SAP ↔ payroll interface", tier: "T1", privileged: true, rotationPeriodDays: 180 },
    { kind: "service_account", name: "svc-jenkins-legacy", system: "Active Directory", purpose: "Legacy Jenkins build agents", tier: "T3", rotationPeriodDays: 180 },
    { kind: "service_account", name: "svc-reporting-ro", system: "Snowflake", purpose: "BI dashboards (read-only)", tier: "T3", rotationPeriodDays: 365 },
    { kind: "api_key", name: "AKIA…7Q2X (terraform-state)", system: "AWS IAM", purpose: "Terraform state bucket access", tier: "T1", privileged: true, rotationPeriodDays: 90 },
    { kind: "api_key", name: "sk_live_…9fA1 (billing)", system: "Stripe", purpose: "Production card payments", tier: "T1", rotationPeriodDays: 180 },
    { kind: "api_key", name: "dd-api-…c41e (monitoring)", system: "Datadog", purpose: "Metrics and log shipping", tier: "T3", rotationPeriodDays: 365 },
    { kind: "api_key", name: "SG.…tR8w (transactional mail)", system: "SendGrid", purpose: "Customer notification e-mail", tier: "T2", rotationPeriodDays: 180 },
    { kind: "token", name: "ghp_…K2d9 (release-bot PAT)", system: "GitHub", purpose: "Tags releases and publishes packages", tier: "T2", privileged: true, rotationPeriodDays: 90 },
    { kind: "token", name: "xoxb-…Hq7 (incident-bot)", system: "Slack", purpose: "Posts incident updates", tier: "T4", rotationPeriodDays: 365 },
    { kind: "token", name: "npm_…e5Fz (publish)", system: "npm", purpose: "Publishes internal SDKs", tier: "T2", rotationPeriodDays: 90 },
    { kind: "token", name: "glpat-…Wm3 (mirror)", system: "GitLab", purpose: "Repository mirroring", tier: "T3", rotationPeriodDays: 180 },
    { kind: "certificate", name: `*.${domain}.com (TLS)`, system: "DigiCert", purpose: "Public web TLS", tier: "T1" },
    { kind: "certificate", name: "payments-gateway mTLS client", system: "Internal PKI", purpose: "mTLS to the card processor", tier: "T1", privileged: true },
    { kind: "certificate", name: "saml-signing-2024", system: "Okta", purpose: "SAML assertion signing", tier: "T1", privileged: true },
    { kind: "secret", name: "kv/prod/orders-db/password", system: "HashiCorp Vault", purpose: "Orders database credentials", tier: "T1", privileged: true, rotationPeriodDays: 30 },
    { kind: "secret", name: "prod/payments/webhook-signing", system: "AWS Secrets Manager", purpose: "Verifies processor webhooks", tier: "T2", rotationPeriodDays: 180 },
    { kind: "secret", name: "k8s: analytics/etl-credentials", system: "Kubernetes", purpose: "ETL jobs to the data warehouse", tier: "T3", rotationPeriodDays: 90 },
    { kind: "secret", name: "smtp-relay-password", system: "Azure Key Vault", purpose: "Legacy SMTP relay", tier: "T4", rotationPeriodDays: 365 },
    { kind: "workload", name: "payments/api (k8s service account)", system: "EKS prod", purpose: "Payments API pods", tier: "T1", privileged: true },
    { kind: "workload", name: "repo:platform/infra (GitHub OIDC)", system: "AWS IAM", purpose: "Federated CI role for infrastructure", tier: "T1", privileged: true },
    { kind: "workload", name: "data-pipeline (managed identity)", system: "Azure", purpose: "Nightly data pipeline", tier: "T3" },
    { kind: "agent", name: "support-triage-agent", system: "OpenAI", purpose: "Drafts replies to support tickets", tier: "T2", rotationPeriodDays: 90 },
    { kind: "agent", name: "code-review-assistant", system: "Anthropic", purpose: "Reviews pull requests in CI", tier: "T3", rotationPeriodDays: 90 },
  ];
}

export const REPOS = ["payments-service", "web-storefront", "infra-live", "data-platform", "mobile-app", "internal-tools"];
export const LEAK_RULES = [
  "aws-access-token", "github-pat", "stripe-access-token", "slack-bot-token", "generic-api-key", "private-key", "gcp-service-account",
];
