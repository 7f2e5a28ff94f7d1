import '@/components/popup/prefetch-state';
import { render } from 'preact';
import { firstScreenLoaded, PopupApp } from '@/components/popup/PopupApp';
import { startState } from '@/components/popup/initial-state';
import { markPainted } from '@/components/popup/mark-painted';
import '@/components/shared/theme.css';

// The first render already has what the stores hold (a frame spent on an empty screen is a frame lost).
void startState().then(async (start) => {
  await firstScreenLoaded(start);
  if (start?.phase === 'unlocked' || start?.phase === 'locked') markPainted(start.phase);
  render(<PopupApp start={start} />, document.getElementById('app')!);
});
