/**
 * Around a lazily loaded part (the charts, the settings form): if its chunk cannot be fetched (the
 * host went away before it loaded), that part says so instead of the whole page unmounting.
 * React.lazy keeps a failed load, so the way to try again is to reload the page.
 */
import { Component, type ReactNode } from 'react';
import { describeError, type ErrorInfo } from '../api/errors.js';
import { ErrorText } from './ErrorCallout.js';

export class ChunkBoundary extends Component<{ children: ReactNode; what: string }, { error: ErrorInfo | null }> {
  override state: { error: ErrorInfo | null } = { error: null };

  static getDerivedStateFromError(err: unknown): { error: ErrorInfo } {
    return { error: describeError(err) };
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="chunk-error" role="alert">
        <ErrorText error={{ ...this.state.error, message: `The ${this.props.what} could not be loaded: ${this.state.error.message}` }} muted />
        <button type="button" className="btn btn-small" onClick={() => location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
