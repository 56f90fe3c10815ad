/** Small building blocks: cards, stats, skeletons, pills, segmented controls. */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { Tone } from '../lib/stack.js';

export function Card(props: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string; testId?: string; stale?: boolean; labelledBy?: string }) {
  return (
    <section className={`card ${props.className ?? ''}`} data-testid={props.testId} data-stale={props.stale ? 'true' : undefined} aria-labelledby={props.labelledBy}>
      {(props.title || props.actions) && (
        <header className="card-head">
          {props.title && <h2 id={props.labelledBy}>{props.title}</h2>}
          {props.actions && <div className="card-actions">{props.actions}</div>}
        </header>
      )}
      {props.children}
    </section>
  );
}

/** A value, or a skeleton of the same size while it loads (no layout jump). */
export function Value(props: { loading: boolean; children: ReactNode; className?: string; testId?: string; width?: string }) {
  if (props.loading) return <span className={`skeleton ${props.className ?? ''}`} style={{ width: props.width ?? '4.5em' }} aria-busy="true" aria-label="Loading" />;
  return (
    <span className={props.className} data-testid={props.testId}>
      {props.children}
    </span>
  );
}

export function Stat(props: { label: string; loading: boolean; value: ReactNode; sub?: ReactNode; subTitle?: string; testId?: string }) {
  return (
    <div className="stat" data-testid={props.testId}>
      <div className="stat-label">{props.label}</div>
      <Value loading={props.loading} className="stat-value" testId={props.testId ? `${props.testId}-value` : undefined}>
        {props.value}
      </Value>
      <div className="stat-sub" title={props.subTitle}>
        {props.loading ? '\u00a0' : (props.sub ?? '\u00a0')}
      </div>
    </div>
  );
}

export function Pill(props: { tone: Tone; children: ReactNode; testId?: string; title?: string }) {
  return (
    <span className={`pill pill-${props.tone}`} data-testid={props.testId} title={props.title}>
      <span className="dot" aria-hidden="true" />
      {props.children}
    </span>
  );
}

/**
 * A row of mutually exclusive choices (ARIA tabs or radio-like): arrow keys move, Home/End jump.
 */
export function Segmented<T extends string>(props: {
  label: string;
  options: readonly T[];
  value: T;
  onChange: (v: T) => void;
  render?: (v: T) => ReactNode;
  testId?: string;
  role?: 'tablist' | 'radiogroup';
  controls?: string;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const role = props.role ?? 'radiogroup';
  const onKey = (e: KeyboardEvent<HTMLButtonElement>, i: number): void => {
    const n = props.options.length;
    const next = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? (i + 1) % n : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    props.onChange(props.options[next]!);
    refs.current[next]?.focus();
  };
  return (
    <div className="segmented" role={role} aria-label={props.label} data-testid={props.testId}>
      {props.options.map((o, i) => {
        const selected = o === props.value;
        return (
          <button
            key={o}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role={role === 'tablist' ? 'tab' : 'radio'}
            aria-selected={role === 'tablist' ? selected : undefined}
            aria-checked={role === 'radiogroup' ? selected : undefined}
            aria-controls={props.controls}
            tabIndex={selected ? 0 : -1}
            className={selected ? 'seg selected' : 'seg'}
            data-value={o}
            onClick={() => props.onChange(o)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {props.render ? props.render(o) : o}
          </button>
        );
      })}
    </div>
  );
}

export function ExternalButton(props: { href: string | null | undefined; children: ReactNode; testId?: string; title?: string; small?: boolean }) {
  const className = `btn btn-ghost${props.small ? ' btn-small' : ''}`;
  if (!props.href) {
    return (
      <span className={`${className} disabled`} aria-disabled="true" data-testid={props.testId}>
        {props.children}
      </span>
    );
  }
  return (
    <a className={className} href={props.href} target="_blank" rel="noopener noreferrer" data-testid={props.testId} title={props.title}>
      {props.children}
      <span aria-hidden="true" className="ext">↗</span>
    </a>
  );
}
