"use client";
// Opens the browser's print dialog (save as PDF there); the page's print styles drop the console around it.
export function PrintButton({ className }: { className?: string }) {
  return (
    <button type="button" className={className} onClick={() => window.print()}>
      Print or save as PDF
    </button>
  );
}
