/**
 * The Prometheus HTTP API's answer, checked at the edge before anything reads it. Written out rather
 * than declared with zod because this runs on the status line's hot path, a new process on every
 * message update, where loading zod alone costs more than the whole rest of the command.
 */
export type ApiData =
  | { resultType: 'vector'; result: Array<{ metric: Record<string, string>; value: [number, string] }> }
  | { resultType: 'matrix'; result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> }
  | { resultType: 'scalar' | 'string'; result: [number, string] };

export type ApiAnswer = { status: 'success'; data: unknown; warnings?: string[] } | { status: 'error'; errorType: string; error: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLabels = (v: unknown): v is Record<string, string> => isObject(v) && Object.values(v).every((x) => typeof x === 'string');
const isPoint = (v: unknown): v is [number, string] => Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string';

/** The envelope (`status` and its fields), or null when the JSON is not a Prometheus API answer at all. */
export function asApiAnswer(json: unknown): ApiAnswer | null {
  if (!isObject(json)) return null;
  if (json.status === 'error') return typeof json.errorType === 'string' && typeof json.error === 'string' ? (json as ApiAnswer) : null;
  if (json.status === 'success' && 'data' in json) return json as ApiAnswer;
  return null;
}

/** A query's `data`, or a sentence saying what is wrong with it. */
export function asQueryData(data: unknown): { ok: true; data: ApiData } | { ok: false; problem: string } {
  if (!isObject(data) || typeof data.resultType !== 'string') return { ok: false, problem: 'no resultType' };
  const { resultType, result } = data;
  switch (resultType) {
    case 'vector':
      return Array.isArray(result) && result.every((s) => isObject(s) && isLabels(s.metric) && isPoint(s.value)) ? { ok: true, data: data as ApiData } : { ok: false, problem: 'a vector whose samples are not {metric, value}' };
    case 'matrix':
      return Array.isArray(result) && result.every((s) => isObject(s) && isLabels(s.metric) && Array.isArray(s.values) && s.values.every(isPoint)) ? { ok: true, data: data as ApiData } : { ok: false, problem: 'a matrix whose series are not {metric, values}' };
    case 'scalar':
    case 'string':
      return isPoint(result) ? { ok: true, data: data as ApiData } : { ok: false, problem: `a ${resultType} that is not [time, value]` };
    default:
      return { ok: false, problem: `the unknown resultType "${resultType.slice(0, 40)}"` };
  }
}

/** `/api/v1/label/<name>/values`: a list of strings. */
export const isStringList = (data: unknown): data is string[] => Array.isArray(data) && data.every((x) => typeof x === 'string');
