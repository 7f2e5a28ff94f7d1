import { render } from 'preact';
render(<p>Sesame</p>, document.getElementById('app')!);
