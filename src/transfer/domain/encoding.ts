/*
 * Which text encoding an uploaded CSV file has. German spreadsheets still write Windows-1252
 * (Excel "CSV (Trennzeichen-getrennt)") or ISO-8859-1; newer tools write UTF-8, with or without a
 * byte-order mark. A file that is not valid UTF-8 is read as Windows-1252 (a superset of the
 * printable ISO-8859-1 range; WHATWG decoders treat "iso-8859-1" as windows-1252 anyway).
 * The user can override the guess on the mapping form.
 */

export const IMPORT_ENCODINGS = ['utf-8', 'windows-1252', 'iso-8859-1'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

export interface DetectedEncoding {
  encoding: ImportEncoding;
  bom: boolean;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function hasUtf8Bom(sample: Uint8Array): boolean {
  return sample.length >= 3 && UTF8_BOM.every((byte, index) => sample[index] === byte);
}

/**
 * Guesses from the first bytes of the file (64 KiB are plenty). A multi-byte sequence cut off at
 * the end of the sample is not held against UTF-8.
 */
export function detectEncoding(sample: Uint8Array): DetectedEncoding {
  if (hasUtf8Bom(sample)) {
    return { encoding: 'utf-8', bom: true };
  }
  return { encoding: isValidUtf8(trimIncompleteTail(sample)) ? 'utf-8' : 'windows-1252', bom: false };
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Drops a trailing, incomplete UTF-8 sequence (at most 3 bytes) so a cut sample still validates. */
function trimIncompleteTail(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) {
      continue; // continuation byte: look further back for the lead byte
    }
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return needed > back ? bytes.subarray(0, bytes.length - back) : bytes;
    }
    return bytes;
  }
  return bytes;
}

export function isImportEncoding(value: unknown): value is ImportEncoding {
  return typeof value === 'string' && (IMPORT_ENCODINGS as readonly string[]).includes(value);
}

export interface ChunkDecoder {
  decode(chunk?: Uint8Array, options?: { stream?: boolean }): string;
}

/** Windows-1252's 0x80–0x9F (the rest is Latin-1); undefined bytes stay as their C1 code point. */
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/**
 * Node's TextDecoder (small ICU) reads "windows-1252" as plain Latin-1, which loses €, „ “ and –;
 * this single-byte decoder maps the whole table. One byte is one character, so chunks need no state.
 */
class Cp1252Decoder implements ChunkDecoder {
  decode(chunk?: Uint8Array): string {
    if (!chunk) {
      return '';
    }
    const latin1 = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    return /[\u0080-\u009F]/.test(latin1)
      ? latin1.replace(/[\u0080-\u009F]/g, (char) => CP1252_HIGH[char.charCodeAt(0) - 0x80])
      : latin1;
  }
}

/** A streaming decoder for the chosen encoding (call `decode(chunk, { stream: true })`). */
export function decoderFor(encoding: ImportEncoding): ChunkDecoder {
  // ignoreBOM false: a UTF-8 BOM is stripped by the decoder.
  return encoding === 'utf-8' ? new TextDecoder('utf-8') : new Cp1252Decoder();
}
