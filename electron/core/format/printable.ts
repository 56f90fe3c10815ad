/**
 * Text from elsewhere (a server's answer, a file, another program's output) made safe to print in a
 * sentence or on a terminal line: control characters (ESC sequences that could clear or retitle the
 * user's terminal, BEL, newlines inside one line...) become visible escapes, and long text is cut.
 */
// C0 controls, DEL, C1 controls, and the Unicode line/paragraph separators and bidi overrides.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string, maxLength = 300, options: { keepNewlines?: boolean } = {}): string {
  const escaped = text.replace(unsafe, (c) =>
    c === '\n' ? (options.keepNewlines ? c : '\\n') : c === '\r' ? '\\r' : c === '\t' ? ' ' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return escaped.length > maxLength ? `${escaped.slice(0, maxLength)}…` : escaped;
}
