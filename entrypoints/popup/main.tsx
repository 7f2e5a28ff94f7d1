import { render } from 'preact';
import { PopupApp } from '@/components/PopupApp';
import '@/components/theme.css';
import { prefetchState } from '@/components/initial-state';

prefetchState();

render(<PopupApp />, document.getElementById('app')!);
