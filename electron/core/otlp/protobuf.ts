/**
 * The protobuf wire format, as far as an OTLP metrics request needs it (proto3: varint, 64-bit, and
 * length-delimited fields). Written out because it runs in the status line's hot path, where loading
 * protobufjs would cost more than the rest of the command; the tests decode its output with
 * protobufjs and the official message definitions.
 */
const encoder = new TextEncoder();

export type Field = Uint8Array;

function varint(value: number | bigint): number[] {
  let v = BigInt(value);
  const out: number[] = [];
  while (v > 0x7fn) {
    out.push(Number((v & 0x7fn) | 0x80n));
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

const tag = (field: number, wireType: 0 | 1 | 2): number[] => varint((field << 3) | wireType);

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** A length-delimited field: a nested message (its encoded fields) or bytes. */
export function message(field: number, body: readonly Field[] | Uint8Array): Field {
  const bytes = body instanceof Uint8Array ? body : concat(body);
  return concat([Uint8Array.from([...tag(field, 2), ...varint(bytes.length)]), bytes]);
}

export function string(field: number, value: string): Field {
  return message(field, encoder.encode(value));
}

export function bool(field: number, value: boolean): Field {
  return Uint8Array.from([...tag(field, 0), value ? 1 : 0]);
}

export function uint(field: number, value: number | bigint): Field {
  return Uint8Array.from([...tag(field, 0), ...varint(value)]);
}

export function double(field: number, value: number): Field {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, value, true);
  return concat([Uint8Array.from(tag(field, 1)), bytes]);
}

export function fixed64(field: number, value: bigint): Field {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, value, true);
  return concat([Uint8Array.from(tag(field, 1)), bytes]);
}
