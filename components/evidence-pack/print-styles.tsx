// Print rules for the evidence pack: only the pack is printed, without the console's navigation and header,
// on white, with tables that break between rows. Scoped to the page that renders it.
const CSS = `
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  html, body { background: #fff !important; }
  body > div > aside, body > div > div > header, [data-print="hide"] { display: none !important; }
  body > div { display: block !important; min-height: 0 !important; }
  main { padding: 0 !important; }
  a { color: inherit !important; text-decoration: none !important; }
  tr, li, dt, dd { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .pack-hash { word-break: break-all; }
}
`;

export function PrintStyles() {
  return <style>{CSS}</style>;
}
