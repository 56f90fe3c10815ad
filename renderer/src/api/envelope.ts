/** The envelope's Error, opened on the renderer side (zod-free module shared with the preload). */
export { ApiError, openEnvelope, type ApiEnvelope as Envelope } from '../../../electron/core/api/envelope.js';
