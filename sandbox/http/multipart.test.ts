import { describe, expect, it } from "vitest";
import { concatBytes } from "../../test/support/multipart.js";
import { carriesBytes, MAX_FORM_PARTS, parseFormData } from "./multipart.js";

const enc = new TextEncoder();
const join = (...parts: (string | Uint8Array)[]) => concatBytes(parts);
const TYPE = "multipart/form-data; boundary=b0undary";
// Bytes that look like the structure around them: CRLF, dashes, the boundary's own first characters.
const TRICKY = Uint8Array.of(0x0d, 0x0a, 0x2d, 0x2d, 0x62, 0x30, 0x00, 0xff, 0x0d, 0x0a, 0x2d);

describe("multipart/form-data", () => {
  it("parses text fields and files, keeping every byte of a file, after a preamble", () => {
    const body = join(
      "preamble to ignore\r\n--b0undary\r\n",
      'Content-Disposition: form-data; name="documentType"\r\n\r\npassport\r\n--b0undary\r\n',
      'Content-Disposition: form-data; name="file"; filename="x.bin"\r\nContent-Type: Application/Octet-Stream; foo=bar\r\n\r\n',
      TRICKY,
      "\r\n--b0undary--\r\nepilogue",
    );
    const form = parseFormData(body, TYPE);
    if ("problem" in form) throw new Error(form.problem);
    expect({ ...form.fields }).toEqual({ documentType: "passport", file: "x.bin" });
    expect(form.files).toEqual([{ field: "file", fileName: "x.bin", contentType: "application/octet-stream", bytes: TRICKY }]);
  });

  it("reads quoted boundaries, RFC 8187 file names and repeated fields as lists", () => {
    const body = join(
      "--a b\r\n",
      "Content-Disposition: form-data; name=files; filename*=UTF-8''Gr%C3%BC%C3%9Fe.pdf\r\n\r\n%PDF-\r\n--a b\r\n",
      'Content-Disposition: form-data; name="files"; filename="say \\"hi\\".pdf"\r\n\r\n%PDF-\r\n--a b--',
    );
    const form = parseFormData(body, 'multipart/form-data; boundary="a b"');
    if ("problem" in form) throw new Error(form.problem);
    expect(form.files.map((f) => f.fileName)).toEqual(["Grüße.pdf", 'say "hi".pdf']);
    expect(form.fields.files).toEqual(["Grüße.pdf", 'say "hi".pdf']);
  });

  it("names what is wrong with a malformed body", () => {
    const problem = (body: string, type = TYPE) => {
      const form = parseFormData(enc.encode(body), type);
      return "problem" in form ? form.problem : "parsed";
    };
    expect(problem("x", "multipart/form-data")).toMatch(/has no boundary/);
    expect(problem("nothing here")).toMatch(/has no part opened by its boundary b0undary/);
    expect(problem("--b0undary\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end")).toBe("ends before its closing boundary");
    expect(problem("--b0undary\r\nContent-Type: text/plain\r\n\r\nx\r\n--b0undary--")).toMatch(/without Content-Disposition/);
    expect(problem("--b0undary\r\nno colon\r\n\r\nx\r\n--b0undary--")).toMatch(/not "Name: value"/);
    expect(problem("--b0undaryX\r\n")).toMatch(/does not end with CRLF/);
    const many = Array.from({ length: MAX_FORM_PARTS + 1 }, (_, i) => `--b0undary\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nv\r\n`).join("") + "--b0undary--";
    expect(problem(many)).toBe(`has more than ${MAX_FORM_PARTS} parts`);
  });

  it("says which media types adapters pass as bytes", () => {
    expect([carriesBytes("multipart/form-data; boundary=x"), carriesBytes("Multipart/Mixed"), carriesBytes("application/json"), carriesBytes(undefined)]).toEqual([true, true, false, false]);
  });
});
