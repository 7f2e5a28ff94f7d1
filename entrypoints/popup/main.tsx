import '@/components/popup/prefetch-state';
import { render } from 'preact';
import { PopupApp } from '@/components/popup/PopupApp';
import '@/components/shared/theme.css';

render(<PopupApp />, document.getElementById('app')!);
