import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Wrapper Ops Console", template: "%s · Wrapper Ops Console" },
  description: "Identity-security remediation, run as a disciplined managed service.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en-GB">
      <body className="min-h-screen text-sm">{children}</body>
    </html>
  );
}
