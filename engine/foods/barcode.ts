// Barcodes of packaged foods: GTIN-8 (EAN-8), GTIN-12 (UPC-A), GTIN-13 (EAN-13) and GTIN-14,
// each ending in a mod-10 check digit (weights 3 and 1 alternating from the right). One
// product has one canonical code, the way Open Food Facts files it: a UPC-A is its EAN-13
// with a leading 0, and a GTIN-14 starting with 0 is its EAN-13. So a scan of either form
// finds the same cache row.

export type BarcodeResult =
  | { ok: true; code: string }
  | { ok: false; reason: "not_digits" | "length" | "check_digit" };

export function checkDigitValid(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 2, weight = 3; i >= 0; i--, weight = 4 - weight)
    sum += Number(digits[i]) * weight;
  return (10 - (sum % 10)) % 10 === Number(digits[digits.length - 1]);
}

/** The canonical code of a scanned barcode, or why it is not one. */
export function canonicalBarcode(raw: string): BarcodeResult {
  const digits = raw.trim();
  if (!/^\d+$/.test(digits)) return { ok: false, reason: "not_digits" };
  if (![8, 12, 13, 14].includes(digits.length)) return { ok: false, reason: "length" };
  if (!checkDigitValid(digits)) return { ok: false, reason: "check_digit" };
  if (digits.length === 12) return { ok: true, code: `0${digits}` };
  if (digits.length === 14 && digits.startsWith("0")) return { ok: true, code: digits.slice(1) };
  return { ok: true, code: digits };
}
