import yauzl from 'yauzl';

/**
 * Opens a Word file's package (a zip) with limits, before anything else reads it: a
 * .doc or a password-protected .docx (both OLE compound files), a file that is not a
 * zip, a zip bomb or a missing main document each end in an `ImportError` with a
 * message an officer can act on. Only the package's XML parts are inflated (each within
 * its declared size, which yauzl holds the stream to); pictures and other binary parts
 * are listed, never read, so a 100 MB file of photographs costs its XML only.
 */

export class ImportError extends Error {
  constructor(
    message: string,
    readonly code: 'too-large' | 'doc' | 'encrypted' | 'not-docx' | 'damaged' | 'zip-bomb',
  ) {
    super(message);
  }
}

export interface Limits {
  /** Largest .docx file read at all. */
  fileBytes: number;
  /** Largest single XML part, inflated. */
  partBytes: number;
  /** All XML parts together, inflated. */
  totalBytes: number;
  /** Most entries in the package. */
  entries: number;
}

export const DEFAULT_LIMITS: Limits = {
  fileBytes: 200 * 1024 * 1024,
  partBytes: 64 * 1024 * 1024,
  totalBytes: 160 * 1024 * 1024,
  entries: 20000,
};

export interface DocxPackage {
  /** XML parts (`word/document.xml`, `_rels/.rels` …) as text. */
  parts: Map<string, string>;
  /** Binary parts not read (pictures, embedded objects, fonts), with their inflated sizes. */
  skipped: { name: string; size: number }[];
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function mb(n: number): string {
  return `${Math.round(n / (1024 * 1024))} MB`;
}

/** Whether the bytes hold a UTF-16LE name (an OLE directory entry such as `EncryptionInfo`). */
function hasUtf16Name(bytes: Uint8Array, name: string): boolean {
  const needle = Buffer.from(name, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle) >= 0;
}

/** What kind of file the bytes are, when they are not a zip: the message says what to do. */
function notZip(bytes: Uint8Array): ImportError {
  if (OLE_MAGIC.every((b, i) => bytes[i] === b)) {
    if (hasUtf16Name(bytes, 'EncryptionInfo') || hasUtf16Name(bytes, 'EncryptedPackage')) {
      return new ImportError(
        'The document is password-protected (encrypted). Open it in Word, remove the password (File > Info > Protect Document > Encrypt with Password, clear it), save, and import again.',
        'encrypted',
      );
    }
    return new ImportError(
      'This is an old Word 97-2003 document (.doc), not a .docx. Open it in Word and use File > Save As > Word Document (.docx), or convert it with LibreOffice (soffice --headless --convert-to docx FILE.doc), then import the .docx.',
      'doc',
    );
  }
  const head = Buffer.from(bytes.subarray(0, 5)).toString('latin1');
  if (head === '{\\rtf') return new ImportError('This is a Rich Text (.rtf) file, not a .docx. Save it from Word as a Word Document (.docx) and import that.', 'not-docx');
  return new ImportError('This is not a Word .docx file (it is not a zip package). If it came from Word, it is damaged: open it in Word, which offers to repair it, and save it again.', 'not-docx');
}

/** Text parts of the package: XML and relationships. Everything else is binary. */
function isTextPart(name: string): boolean {
  return /\.(xml|rels)$/i.test(name);
}

export async function readDocxPackage(bytes: Uint8Array, limits: Limits = DEFAULT_LIMITS): Promise<DocxPackage> {
  if (bytes.byteLength > limits.fileBytes) {
    throw new ImportError(`The file is ${mb(bytes.byteLength)}; the importer reads Word files up to ${mb(limits.fileBytes)}. Remove or compress its pictures (File > Compress Pictures in Word) and try again.`, 'too-large');
  }
  if (bytes.byteLength < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw notZip(bytes);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (err, z) =>
      err || !z ? reject(new ImportError(`The .docx file is damaged (${err?.message ?? 'unreadable zip'}). Open it in Word, which offers to repair it, and save it again.`, 'damaged')) : resolve(z),
    ),
  );
  const parts = new Map<string, string>();
  const skipped: DocxPackage['skipped'] = [];
  let total = 0;
  let count = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (e: unknown): void => {
        zip.close();
        reject(e);
      };
      zip.on('error', (e: Error) => fail(new ImportError(`The .docx file is damaged (${e.message}). Open it in Word, which offers to repair it, and save it again.`, 'damaged')));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        count++;
        if (count > limits.entries) return fail(new ImportError(`The package has more than ${limits.entries} parts; this is not an ordinary Word document (possibly a zip bomb). Not imported.`, 'zip-bomb'));
        const name = entry.fileName;
        if (name.endsWith('/')) return zip.readEntry();
        if (entry.isEncrypted()) return fail(new ImportError('The .docx package is encrypted. Remove the password in Word and save it again.', 'encrypted'));
        if (!isTextPart(name)) {
          skipped.push({ name, size: entry.uncompressedSize });
          return zip.readEntry();
        }
        if (entry.uncompressedSize > limits.partBytes) {
          return fail(new ImportError(`Part ${name} would inflate to ${mb(entry.uncompressedSize)} (limit ${mb(limits.partBytes)}); the file is damaged or a zip bomb. Not imported.`, 'zip-bomb'));
        }
        total += entry.uncompressedSize;
        if (total > limits.totalBytes) {
          return fail(new ImportError(`The document's text parts would inflate to more than ${mb(limits.totalBytes)}; the file is damaged or a zip bomb. Not imported.`, 'zip-bomb'));
        }
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return fail(new ImportError(`The .docx file is damaged (${err?.message ?? 'unreadable part'} in ${name}).`, 'damaged'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', (e: Error) => fail(new ImportError(`The .docx file is damaged (${e.message} in ${name}). Open it in Word, which offers to repair it, and save it again.`, 'damaged')));
          stream.on('end', () => {
            parts.set(name, decodeXml(Buffer.concat(chunks)));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  if (!parts.has('[Content_Types].xml') || !parts.has('_rels/.rels')) {
    throw new ImportError('The zip file is not a Word document (no [Content_Types].xml or _rels/.rels). Save the report from Word as a Word Document (.docx) and import that.', 'not-docx');
  }
  return { parts, skipped };
}

/** XML parts are UTF-8 or UTF-16 (with a BOM). */
function decodeXml(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  return new TextDecoder('utf-8').decode(buf);
}
