/** How a session's project is recorded: its name, a hash of it, or not at all (the privacy setting). */
export const projectRecordings = ['name', 'hash', 'off'] as const;
export type ProjectRecording = (typeof projectRecordings)[number];
