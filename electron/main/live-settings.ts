/** The settings as last read from the store, and who to tell, with the ones before, when they change. */
import type { Settings } from '../core/config/settings-schema.js';

export interface SettingsSource {
  current(): Settings;
  onChange(listener: (settings: Settings) => void): () => void;
}

export class LiveSettings {
  private value: Settings;
  private readonly listeners = new Set<(next: Settings, previous: Settings) => void>();

  constructor(source: SettingsSource) {
    this.value = source.current();
    source.onChange((next) => {
      const previous = this.value;
      this.value = next;
      for (const listener of this.listeners) listener(next, previous);
    });
  }

  current(): Settings {
    return this.value;
  }

  onChange(listener: (next: Settings, previous: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
