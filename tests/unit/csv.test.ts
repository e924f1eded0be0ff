// The CSV encoder: RFC 4180 quoting and the spreadsheet-formula guard, cell by cell.
import { describe, expect, it } from "vitest";
import { csvCell, csvRow, csvText } from "@/lib/csv";
import { parseCsv } from "../helpers/csv";

describe("csv", () => {
  it("quotes only what needs it and doubles quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\rinside")).toBe('"cr\rinside"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(3)).toBe("3");
    expect(csvCell(false)).toBe("false");
  });

  it("turns cells a spreadsheet would run as formulas into text", () => {
    for (const v of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(csvCell(v).replace(/^"/, "").startsWith("'")).toBe(true);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell(-1)).toBe("-1"); // numbers are data, not text
  });

  it("writes CRLF records that read back as written", () => {
    const rows = [["x", 'q"uote', "multi\nline"], ["=f()", "", 7]] as const;
    const text = csvText(["a", "b", "c"], rows);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(csvRow(["a"])).toBe("a\r\n");
    expect(parseCsv(text)).toEqual([["a", "b", "c"], ["x", 'q"uote', "multi\nline"], ["'=f()", "", "7"]]);
  });
});
