/** A failure as the panels show it: the message, what to do (the hint), and the code to quote when reporting it. */
import type { ErrorInfo } from '../api/errors.js';
import { Callout } from './Callout.js';

export function ErrorCode(props: { code: string | undefined }) {
  if (!props.code) return null;
  return (
    <code className="error-code" title="Error code (quote it when you report this)" data-testid="error-code">
      {props.code}
    </code>
  );
}

export function ErrorCallout(props: { error: ErrorInfo; testId?: string; lead?: string }) {
  return (
    <Callout
      tone="bad"
      role="alert"
      testId={props.testId}
      title={
        <>
          {props.lead ? `${props.lead} ` : ''}
          {props.error.message} <ErrorCode code={props.error.code} />
        </>
      }
      detail={props.error.hint}
    />
  );
}

/** The same, inline (a chart's box, a card's line); muted where the failure is expected to pass. */
export function ErrorText(props: { error: ErrorInfo; muted?: boolean }) {
  return (
    <p className={props.muted ? 'muted small' : 'bad-text small'}>
      {props.error.message} <ErrorCode code={props.error.code} />
      {props.error.hint && <span className="muted block">{props.error.hint}</span>}
    </p>
  );
}
