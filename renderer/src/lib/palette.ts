/** Chart colours per theme (SVG attributes can't read CSS variables reliably, so they live here). */
export interface Palette {
  cost: string;
  costFill: string;
  input: string;
  output: string;
  cacheRead: string;
  cacheCreation: string;
  grid: string;
  axis: string;
  cursor: string;
}

export const palettes: Record<'light' | 'dark', Palette> = {
  light: { cost: '#c15f3c', costFill: '#c15f3c', input: '#3b6fd8', output: '#c15f3c', cacheRead: '#7c9bd9', cacheCreation: '#d9a441', grid: '#e7e5e0', axis: '#77736c', cursor: 'rgba(20,20,20,0.05)' },
  dark: { cost: '#e58a63', costFill: '#e58a63', input: '#6f9af0', output: '#e58a63', cacheRead: '#4e6aa8', cacheCreation: '#d9ad5b', grid: '#2d2c2a', axis: '#9b978f', cursor: 'rgba(255,255,255,0.06)' },
};
