/** The sections (Overview, Stack, Setup, Settings); the Stack tab carries a dot in the stack's tone. */
import { Segmented } from './components/ui.js';
import { stackSummary } from './lib/stack.js';
import { useStackStatus } from './query/queries.js';

export const tabs = ['overview', 'stack', 'setup', 'settings'] as const;
export type Tab = (typeof tabs)[number];
export const tabNames: Record<Tab, string> = { overview: 'Overview', stack: 'Stack', setup: 'Setup', settings: 'Settings' };

export function NavTabs(props: { tab: Tab; onTab: (tab: Tab) => void }) {
  const stack = useStackStatus();
  const tone = stack.isError && !stack.data ? 'bad' : stackSummary(stack.data ?? null).tone;
  return (
    <nav className="tabs">
      <Segmented
        label="Sections"
        role="tablist"
        controls="panel"
        options={tabs}
        value={props.tab}
        onChange={props.onTab}
        testId="nav"
        render={(t) => (
          <>
            {tabNames[t]}
            {t === 'stack' && <span className={`tab-dot tone-${tone}`} aria-hidden="true" />}
          </>
        )}
      />
    </nav>
  );
}
